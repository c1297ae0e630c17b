import type { HeadKind } from "./task-head.js";

/** A labelled target on the word pieces of one batch row: tokens `[tokenStart, tokenEnd)`. */
export interface LabelledTarget {
  row: number;
  tokenStart: number;
  tokenEnd: number;
  /** Class index; -1 when unknown (prediction only). */
  label: number;
}

/**
 * The `[targets, batch*seq]` matrix a head multiplies the flattened token states
 * by: "token" picks each target's first piece, "mention" and "sequence" average
 * the target's pieces (for "sequence" the target is the row's real tokens).
 */
export function poolingMatrix(
  kind: HeadKind,
  targets: readonly LabelledTarget[],
  batch: number,
  seq: number,
): Float32Array {
  const n = batch * seq;
  const pool = new Float32Array(Math.max(targets.length, 1) * n);
  targets.forEach((t, i) => {
    const end = Math.min(t.tokenEnd, seq);
    if (end <= t.tokenStart) return;
    if (kind === "token") {
      pool[i * n + t.row * seq + t.tokenStart] = 1;
      return;
    }
    const w = 1 / (end - t.tokenStart);
    for (let k = t.tokenStart; k < end; k++) pool[i * n + t.row * seq + k] = w;
  });
  return pool;
}
