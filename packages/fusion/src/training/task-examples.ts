import type { Link } from "@knowfuse/core";
import { alignLinks } from "../alignment/align-links.js";
import type { EnrichedEncoder } from "../enriched-encoder/enriched-encoder.js";
import type { FusionLayer } from "../fusion-methods/fusion-layer.js";
import type { LabelledTarget } from "../heads/pooling-matrix.js";
import type { TaskHead } from "../heads/task-head.js";
import { makeTrainingBatch, type TrainingBatch } from "./training-batch.js";

/**
 * One text of a downstream task: its links (for the knowledge) and its labelled
 * character spans (for a "token" or "mention" head; for a "sequence" head give
 * one target spanning the text).
 */
export interface TaskExample {
  text: string;
  links: Link[];
  targets: { start: number; end: number; label: string }[];
}

/** Cached batches plus how many targets could not be placed on word pieces (e.g. truncated). */
export interface TaskBatches {
  batches: TrainingBatch[];
  /** Targets of the examples in input order: `[batch, index in batch]`, or null when unaligned. */
  placement: ([number, number] | null)[];
  /** Linked mentions whose entity had no vector (text branch used). */
  fallbacks: number;
}

/**
 * Runs the frozen encoder once over the examples (through the enriched
 * encoder's `prepare`: encode, align, fetch embeddings) and caches the packed
 * batches for training or evaluation. Labels not in `head.labels` get -1
 * (predicted, not trained on, counted wrong in accuracy).
 */
export async function buildTaskBatches(
  enriched: EnrichedEncoder,
  layer: FusionLayer,
  head: TaskHead,
  examples: readonly TaskExample[],
  batchSize = 16,
): Promise<TaskBatches> {
  const labelIndex = new Map(head.labels.map((l, i) => [l, i]));
  const batches: TrainingBatch[] = [];
  const placement: ([number, number] | null)[] = [];
  let fallbacks = 0;
  for (let at = 0; at < examples.length; at += batchSize) {
    const chunk = examples.slice(at, at + batchSize);
    const texts = chunk.map((e) => e.text);
    const prepared = await enriched.prepare(
      texts,
      chunk.map((e) => e.links),
    );
    fallbacks += prepared.fallbacks.reduce((a, b) => a + b, 0);
    // Place the targets with the same alignment rules as the links.
    const asLinks: Link[][] = chunk.map((e) =>
      e.targets.map((t) => ({
        mention: { start: t.start, end: t.end, surface: e.text.slice(t.start, t.end) },
        entityId: null,
        score: 0,
        evidence: {},
        candidates: [],
      })),
    );
    const aligned = alignLinks(prepared.encoded, texts, asLinks);
    const first = new Map<Link, (typeof aligned.spans)[number]>();
    for (const s of aligned.spans) if (!first.has(s.link)) first.set(s.link, s);
    const targets: LabelledTarget[] = [];
    chunk.forEach((e, i) => {
      e.targets.forEach((t, j) => {
        const span = first.get(asLinks[i]![j]!);
        if (!span) {
          placement.push(null);
          return;
        }
        placement.push([batches.length, targets.length]);
        targets.push({
          row: span.row,
          tokenStart: span.tokenStart,
          tokenEnd: span.tokenEnd,
          label: labelIndex.get(t.label) ?? -1,
        });
      });
    });
    batches.push(makeTrainingBatch(layer, head, prepared.input, targets));
  }
  return { batches, placement, fallbacks };
}

/** Accuracy and macro-F1 of predicted label names against gold label names. */
export function classificationScores(
  gold: readonly string[],
  predicted: readonly (string | null)[],
): { n: number; accuracy: number; macroF1: number } {
  const labels = new Set(gold);
  let right = 0;
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  gold.forEach((g, i) => {
    const p = predicted[i] ?? null;
    if (p === g) {
      right++;
      inc(tp, g);
    } else {
      inc(fn, g);
      if (p !== null) inc(fp, p);
    }
  });
  let f1Sum = 0;
  for (const l of labels) {
    const t = tp.get(l) ?? 0;
    const denom = 2 * t + (fp.get(l) ?? 0) + (fn.get(l) ?? 0);
    f1Sum += denom === 0 ? 0 : (2 * t) / denom;
  }
  return {
    n: gold.length,
    accuracy: gold.length === 0 ? 0 : right / gold.length,
    macroF1: labels.size === 0 ? 0 : f1Sum / labels.size,
  };
}
