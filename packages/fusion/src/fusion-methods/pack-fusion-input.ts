import {
  DimensionMismatchError,
  type FusionInput,
  floatTensor,
  type GraphBuilder,
  type ort,
  ValidationError,
} from "@knowfuse/core";
import type { FusionGraphInputs, FusionInputName } from "./fusion-layer.js";

/** Counters of {@link packFusionInput}. */
export interface FusionPackStats {
  /** Mentions that brought at least one entity vector. */
  mentionsUsed: number;
  /** Mentions with no vector at all: their tokens use the text branch only. */
  mentionsWithoutVector: number;
  /** Tokens that received an entity vector (ERNIE, concat). */
  tokensWithEntity: number;
}

/** The tensors of every fusion input for one batch, plus counters. */
export interface PackedFusionInput {
  feeds: Record<FusionInputName, ort.Tensor>;
  stats: FusionPackStats;
}

/**
 * Packs a batch's token states and aligned mentions into the dense tensors the
 * fusion graphs read: per-token entity vectors and a mask (the mean of the
 * vectors of the mentions covering a token), and per-row mention slots with a
 * mean-pooling matrix, candidate vectors, priors and masks (KnowBERT). A vector
 * whose length is not `entityDim` is a {@link DimensionMismatchError}, a mention
 * outside the batch a {@link ValidationError}. With
 * `entityDim` 0 the mentions are ignored.
 */
export function packFusionInput(input: FusionInput, entityDim: number): PackedFusionInput {
  const [B = 0, T = 0] = input.hidden.dims;
  const D = Math.max(entityDim, 1);
  const check = (v: Float32Array, id: string | null) => {
    if (v.length !== entityDim) {
      throw new DimensionMismatchError(`entity vector of "${id}"`, entityDim, v.length);
    }
  };
  const entity = new Float32Array(B * T * D);
  const counts = new Float32Array(B * T);
  const perRow: { start: number; end: number; cands: { v: Float32Array; prior: number }[] }[][] = Array.from(
    { length: B },
    () => [],
  );
  const stats: FusionPackStats = { mentionsUsed: 0, mentionsWithoutVector: 0, tokensWithEntity: 0 };
  // A method without entities (entityDim 0) ignores the mentions.
  for (const m of entityDim === 0 ? [] : input.mentions) {
    if (!(m.row >= 0 && m.row < B && m.tokenStart >= 0 && m.tokenEnd > m.tokenStart && m.tokenEnd <= T)) {
      throw new ValidationError(
        `mention of "${m.entityId}" at row ${m.row}, tokens [${m.tokenStart}, ${m.tokenEnd}) is outside the batch [${B}, ${T}]`,
        [
          {
            path: ["mentions", "row/tokenStart/tokenEnd"],
            message: `row in [0, ${B}), 0 <= tokenStart < tokenEnd <= ${T}`,
          },
        ],
      );
    }
    const cands = m.candidates.map((c) => {
      check(c.vector, c.entityId);
      return { v: c.vector, prior: c.prior };
    });
    if (m.vector) check(m.vector, m.entityId);
    if (cands.length === 0 && m.vector) cands.push({ v: m.vector, prior: 1 });
    const chosen = m.vector ?? cands[0]?.v;
    if (!chosen) {
      stats.mentionsWithoutVector++;
      continue;
    }
    stats.mentionsUsed++;
    const end = m.tokenEnd;
    for (let t = m.tokenStart; t < end; t++) {
      const at = (m.row * T + t) * D;
      for (let d = 0; d < D; d++) entity[at + d] = entity[at + d]! + chosen[d]!;
      counts[m.row * T + t] = counts[m.row * T + t]! + 1;
    }
    perRow[m.row]!.push({ start: m.tokenStart, end, cands });
  }
  const entityMask = new Float32Array(B * T);
  for (let i = 0; i < B * T; i++) {
    const c = counts[i]!;
    if (c === 0) continue;
    entityMask[i] = 1;
    stats.tokensWithEntity++;
    if (c > 1) for (let d = 0; d < D; d++) entity[i * D + d] = entity[i * D + d]! / c;
  }
  const M = Math.max(1, ...perRow.map((r) => r.length));
  const K = Math.max(1, ...perRow.flatMap((r) => r.map((m) => m.cands.length)));
  const spanPool = new Float32Array(B * M * T);
  const candidates = new Float32Array(B * M * K * D);
  const prior = new Float32Array(B * M * K);
  const candidateMask = new Float32Array(B * M * K);
  const mentionMask = new Float32Array(B * M);
  perRow.forEach((mentions, b) => {
    mentions.forEach((m, j) => {
      const slot = b * M + j;
      mentionMask[slot] = 1;
      const w = 1 / (m.end - m.start);
      for (let t = m.start; t < m.end; t++) spanPool[slot * T + t] = w;
      m.cands.forEach((c, k) => {
        candidates.set(c.v, (slot * K + k) * D);
        prior[slot * K + k] = c.prior;
        candidateMask[slot * K + k] = 1;
      });
    });
  });
  return {
    feeds: {
      hidden: floatTensor(input.hidden.data, [B, T, input.hidden.dims[2] ?? 0]),
      entity: floatTensor(entity, [B, T, D]),
      entity_mask: floatTensor(entityMask, [B, T, 1]),
      span_pool: floatTensor(spanPool, [B, M, T]),
      candidates: floatTensor(candidates, [B, M, K, D]),
      prior: floatTensor(prior, [B, M, K]),
      candidate_mask: floatTensor(candidateMask, [B, M, K]),
      mention_mask: floatTensor(mentionMask, [B, M]),
    },
    stats,
  };
}

const SHAPES = (H: number, D: number): Record<FusionInputName, (string | number)[]> => ({
  hidden: ["batch", "seq", H],
  entity: ["batch", "seq", D],
  entity_mask: ["batch", "seq", 1],
  span_pool: ["batch", "mentions", "seq"],
  candidates: ["batch", "mentions", "cands", D],
  prior: ["batch", "mentions", "cands"],
  candidate_mask: ["batch", "mentions", "cands"],
  mention_mask: ["batch", "mentions"],
});

/** Declares the fusion inputs a layer uses as graph inputs (named as {@link FusionInputName}). */
export function declareFusionInputs(
  g: GraphBuilder,
  uses: readonly FusionInputName[],
  hiddenSize: number,
  entityDim: number,
): FusionGraphInputs {
  const shapes = SHAPES(hiddenSize, Math.max(entityDim, 1));
  for (const name of uses) g.input(name, "float", shapes[name]);
  return Object.fromEntries(Object.keys(shapes).map((k) => [k, k])) as FusionGraphInputs;
}
