import {
  floatTensor,
  GraphRunner,
  int64Tensor,
  type ProgressListener,
  ProgressReporter,
} from "@knowfuse/core";
import type { KgeEmbeddings } from "./kge-embeddings.js";
import { buildScoringGraph } from "./scoring-graph.js";
import type { IndexedTriples } from "./triple-file.js";

/** Ranking metrics of a set of link-prediction queries. */
export interface RankingMetrics {
  /** Ranking queries (two per triple: tail and head). */
  queries: number;
  mrr: number;
  hits1: number;
  hits3: number;
  hits10: number;
}

/** The result of {@link evaluateLinkPrediction}. */
export interface LinkPredictionResult extends RankingMetrics {
  /** Triples evaluated. */
  n: number;
  /** Tail-prediction queries only. */
  tail: RankingMetrics;
  /** Head-prediction queries only (answered through reciprocal relations). */
  head: RankingMetrics;
  /** Metrics per relation name, both directions. */
  perRelation: Record<string, RankingMetrics>;
}

/** Options of {@link evaluateLinkPrediction}. */
export interface LinkPredictionOptions {
  /** Known true triples to filter out of the rankings (train, valid, test...). The test triples themselves are always filtered. */
  filter?: readonly IndexedTriples[];
  /** Queries scored per ONNX run (default 512). */
  batchSize?: number;
  /** onnxruntime intra-op threads. */
  threads?: number;
  /** A scoring runner to reuse (otherwise one is created and released). */
  runner?: GraphRunner;
  onProgress?: ProgressListener;
}

class Accumulator {
  queries = 0;
  rr = 0;
  h1 = 0;
  h3 = 0;
  h10 = 0;
  add(rank: number): void {
    this.queries++;
    this.rr += 1 / rank;
    if (rank <= 1) this.h1++;
    if (rank <= 3) this.h3++;
    if (rank <= 10) this.h10++;
  }
  merge(other: Accumulator): void {
    this.queries += other.queries;
    this.rr += other.rr;
    this.h1 += other.h1;
    this.h3 += other.h3;
    this.h10 += other.h10;
  }
  metrics(): RankingMetrics {
    const n = Math.max(1, this.queries);
    return {
      queries: this.queries,
      mrr: this.rr / n,
      hits1: this.h1 / n,
      hits3: this.h3 / n,
      hits10: this.h10 / n,
    };
  }
}

/**
 * Known answers per query (h, r) over relation rows with reciprocals: the
 * tail t of (h, r, t) answers (h, r), and h answers (t, r + R). Each answer is listed once.
 */
export function knownAnswers(sets: readonly IndexedTriples[], relationCount: number): Map<number, number[]> {
  const rows = 2 * relationCount;
  const map = new Map<number, number[]>();
  const add = (key: number, value: number) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const set of sets) {
    for (let i = 0; i < set.count; i++) {
      const h = set.data[3 * i]!;
      const r = set.data[3 * i + 1]!;
      const t = set.data[3 * i + 2]!;
      add(h * rows + r, t);
      add(t * rows + r + relationCount, h);
    }
  }
  // A triple may appear in several sets (or twice in one): keep each answer once.
  for (const [key, list] of map) if (list.length > 1) map.set(key, [...new Set(list)]);
  return map;
}

/**
 * Filtered rank of `target` in `scores` under the realistic (mean-rank) tie
 * rule: 1 + (entities scoring higher) + (other entities scoring equal)/2, not
 * counting the other known answers in `known`. A NaN target score ranks last.
 */
export function filteredRank(
  scores: Float32Array,
  target: number,
  known: readonly number[] | undefined,
): number {
  const s = scores[target]!;
  if (Number.isNaN(s)) return scores.length;
  let greater = 0;
  let equal = 0;
  for (let j = 0; j < scores.length; j++) {
    const v = scores[j]!;
    if (v > s) greater++;
    else if (v === s) equal++;
  }
  equal--; // the target itself
  if (known) {
    for (const a of known) {
      if (a === target) continue;
      const v = scores[a]!;
      if (v > s) greater--;
      else if (v === s) equal--;
    }
  }
  return 1 + greater + equal / 2;
}

/**
 * Filtered link prediction on both tail (h, r, ?) and head (?, r, t) — heads
 * through the reciprocal relation — with every entity scored by the ONNX
 * scoring graph. Reports MRR and Hits@1/3/10 overall, per direction and per
 * relation.
 */
export async function evaluateLinkPrediction(
  embeddings: KgeEmbeddings,
  test: IndexedTriples,
  options: LinkPredictionOptions = {},
): Promise<LinkPredictionResult> {
  const relationCount = embeddings.vocab.relations.length;
  const N = embeddings.vocab.entities.length;
  const known = knownAnswers([test, ...(options.filter ?? [])], relationCount);
  const runner =
    options.runner ??
    (await GraphRunner.create(
      buildScoringGraph(embeddings.model, embeddings.dim, N, embeddings.relationRows),
      {
        ...(options.threads !== undefined ? { threads: options.threads } : {}),
      },
    ));
  const batchSize = options.batchSize ?? 512;
  const total = 2 * test.count;
  const tail = new Accumulator();
  const head = new Accumulator();
  const perRelation = embeddings.vocab.relations.map(() => new Accumulator());
  const progress = new ProgressReporter("evaluate", "queries", options.onProgress);
  const rows = 2 * relationCount;
  try {
    const scores = new Float32Array(batchSize * N);
    for (let start = 0; start < total; start += batchSize) {
      const b = Math.min(batchSize, total - start);
      const h = new BigInt64Array(b);
      const r = new BigInt64Array(b);
      const targets = new Int32Array(b);
      for (let k = 0; k < b; k++) {
        const q = start + k;
        const i = q >> 1;
        const [hh, rr, tt] = [test.data[3 * i]!, test.data[3 * i + 1]!, test.data[3 * i + 2]!];
        const reverse = (q & 1) === 1;
        h[k] = BigInt(reverse ? tt : hh);
        r[k] = BigInt(reverse ? rr + relationCount : rr);
        targets[k] = reverse ? hh : tt;
      }
      const out = scores.subarray(0, b * N);
      await runner.run(
        { E: embeddings.entities, R: embeddings.relations, h: int64Tensor(h, [b]), r: int64Tensor(r, [b]) },
        { scores: floatTensor(out, [b, N]) },
      );
      for (let k = 0; k < b; k++) {
        const qr = Number(r[k]);
        const rank = filteredRank(
          out.subarray(k * N, (k + 1) * N),
          targets[k]!,
          known.get(Number(h[k]) * rows + qr),
        );
        ((start + k) & 1 ? head : tail).add(rank);
        perRelation[qr % relationCount]!.add(rank);
      }
      progress.report(start + b, { total });
    }
  } finally {
    if (!options.runner) await runner.release();
  }
  const all = new Accumulator();
  all.merge(tail);
  all.merge(head);
  progress.finish(total, { total });
  return {
    n: test.count,
    ...all.metrics(),
    tail: tail.metrics(),
    head: head.metrics(),
    perRelation: Object.fromEntries(
      embeddings.vocab.relations
        .map((name, i) => [name, perRelation[i]!.metrics()] as const)
        .filter(([, m]) => m.queries > 0),
    ),
  };
}
