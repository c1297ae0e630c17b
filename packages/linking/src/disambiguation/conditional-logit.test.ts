import { describe, expect, it } from "vitest";
import {
  candidateProbabilities,
  conditionalLogitLoss,
  type LogitGroup,
  trainConditionalLogit,
} from "./conditional-logit.js";

/** A small deterministic generator (LCG) so the groups are the same on every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function groups(n: number, dim: number, truth: Float64Array, rand: () => number): LogitGroup[] {
  const out: LogitGroup[] = [];
  for (let g = 0; g < n; g++) {
    const k = 2 + Math.floor(rand() * 4);
    const features = Array.from({ length: k }, () =>
      Float64Array.from({ length: dim }, () => rand() * 2 - 1),
    );
    const p = candidateProbabilities(truth, features);
    let u = rand();
    let gold = 0;
    while (gold < k - 1 && u > p[gold]!) u -= p[gold++]!;
    out.push({ features, gold });
  }
  return out;
}

describe("conditional logit", () => {
  it("has an analytic gradient that matches central finite differences", () => {
    const rand = lcg(7);
    const dim = 5;
    const data = groups(40, dim, Float64Array.from([1, -2, 0.5, 0, 3]), rand);
    const w = Float64Array.from({ length: dim }, () => rand() - 0.5);
    const { gradient } = conditionalLogitLoss(w, data, 0.01);
    const eps = 1e-5;
    for (let k = 0; k < dim; k++) {
      const plus = w.slice();
      plus[k]! += eps;
      const minus = w.slice();
      minus[k]! -= eps;
      const numeric =
        (conditionalLogitLoss(plus, data, 0.01).loss - conditionalLogitLoss(minus, data, 0.01).loss) /
        (2 * eps);
      expect(Math.abs(numeric - gradient[k]!)).toBeLessThan(1e-6 * (1 + Math.abs(numeric)));
    }
  });

  it("recovers the direction of the weights that generated the choices", () => {
    const truth = Float64Array.from([2, -1, 0]);
    const data = groups(3000, 3, truth, lcg(11));
    const w = trainConditionalLogit(data, 3, { l2: 0, iterations: 600 });
    expect(w[0]).toBeGreaterThan(1.5);
    expect(w[1]).toBeLessThan(-0.6);
    expect(Math.abs(w[2]!)).toBeLessThan(0.3);
    const before = conditionalLogitLoss(new Float64Array(3), data, 0).loss;
    expect(conditionalLogitLoss(w, data, 0).loss).toBeLessThan(before);
  });

  it("gives probabilities that sum to one and skips single-candidate groups in training", () => {
    const p = candidateProbabilities(Float64Array.from([1]), [Float64Array.of(1000), Float64Array.of(-1000)]);
    expect(p[0]! + p[1]!).toBeCloseTo(1, 12);
    expect(Number.isFinite(p[1]!)).toBe(true);
    const w = trainConditionalLogit([{ features: [Float64Array.of(1)], gold: 0 }], 1, { iterations: 10 });
    expect(w[0]).toBe(0);
  });
});
