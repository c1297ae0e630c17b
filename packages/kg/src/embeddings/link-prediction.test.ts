import { Prng } from "@knowfuse/core";
import { describe, expect, it } from "vitest";
import { KgeEmbeddings } from "./kge-embeddings.js";
import { KgeVocabulary } from "./kge-vocabulary.js";
import { evaluateLinkPrediction, filteredRank, knownAnswers } from "./link-prediction.js";
import { distmult } from "./models/distmult.js";

describe("filteredRank (realistic tie rule)", () => {
  it("counts strictly better entities plus half of the other ties", () => {
    // target 2 scores 0.5; better: 0 (0.9), 4 (0.7); ties: 1, 3 (0.5)
    const scores = Float32Array.from([0.9, 0.5, 0.5, 0.5, 0.7, 0.1]);
    expect(filteredRank(scores, 2, undefined)).toBe(1 + 2 + 1);
  });

  it("does not count other known answers, above or tied", () => {
    const scores = Float32Array.from([0.9, 0.5, 0.5, 0.5, 0.7, 0.1]);
    expect(filteredRank(scores, 2, [0, 2, 3])).toBe(1 + 1 + 0.5);
  });

  it("ranks a NaN target last and a clear winner first", () => {
    expect(filteredRank(Float32Array.from([Number.NaN, 1, 2]), 0, undefined)).toBe(3);
    expect(filteredRank(Float32Array.from([5, 1, 2]), 0, undefined)).toBe(1);
    expect(filteredRank(Float32Array.from([3, 3, 3, 3]), 1, undefined)).toBe(2.5);
  });
});

describe("knownAnswers", () => {
  it("indexes tails under (h, r) and heads under the reciprocal, once each", () => {
    const triples = { data: Int32Array.from([0, 1, 2, 0, 1, 3]), count: 2 };
    const known = knownAnswers([triples, triples], 2);
    expect(known.get(0 * 4 + 1)).toEqual([2, 3]);
    expect(known.get(2 * 4 + 3)).toEqual([0]);
    expect(known.get(3 * 4 + 3)).toEqual([0]);
  });
});

describe("evaluateLinkPrediction through the ONNX scoring graph", () => {
  it("gives MRR 1 for embeddings built to answer every query, and per-relation figures", async () => {
    // DistMult with one-hot entities and all-ones relations scores q·e = [h == e]:
    // each entity's best answer is itself, so triples (x, r, x) rank first both ways.
    const n = 5;
    const vocab = new KgeVocabulary(
      Array.from({ length: n }, (_, i) => `e${i}`),
      ["same"],
    );
    const emb = KgeEmbeddings.create(distmult, n, vocab, new Prng(0));
    emb.entities.data.fill(0);
    for (let i = 0; i < n; i++) emb.entities.data[i * n + i] = 1;
    emb.relations.data.fill(1);
    const test = { data: Int32Array.from([0, 0, 0, 3, 0, 3]), count: 2 };
    const result = await evaluateLinkPrediction(emb, test, { threads: 1 });
    expect(result).toMatchObject({ n: 2, queries: 4, mrr: 1, hits1: 1, hits10: 1 });
    expect(result.perRelation.same?.queries).toBe(4);

    // A wrong triple (0, same, 1): e1 scores 0 like three others below e0 (score 1).
    const wrong = await evaluateLinkPrediction(
      emb,
      { data: Int32Array.from([0, 0, 1]), count: 1 },
      { threads: 1 },
    );
    // rank = 1 + 1 (e0 better) + 3/2 (three other zeros tie) = 3.5 in both directions
    expect(wrong.mrr).toBeCloseTo(1 / 3.5, 6);
    expect(wrong.hits3).toBe(0);
    expect(wrong.hits10).toBe(1);
  });
});
