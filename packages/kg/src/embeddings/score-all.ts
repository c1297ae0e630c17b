import { float, type GraphBuilder } from "@knowfuse/core";
import type { KgeScoring } from "./kge-model.js";

/**
 * Adds the scores of queries `q` [B, dim] against every entity `E` [N, dim]:
 * `q Eᵀ` for "dot" models, `-‖q - e‖² = 2 q·e - ‖q‖² - ‖e‖²` for "distance"
 * models. Returns S [B, N]. One matrix product either way.
 */
export function scoreAll(g: GraphBuilder, scoring: KgeScoring, q: string, E: string): string {
  if (scoring === "dot") return g.op("Gemm", [q, E], { transB: 1 });
  const ee = g.op("ReduceSum", [g.op("Mul", [E, E]), g.ints([1])], { keepdims: 0 });
  const qq = g.op("ReduceSum", [g.op("Mul", [q, q]), g.ints([1])], { keepdims: 1 });
  return g.op("Sub", [g.op("Gemm", [q, E, g.op("Neg", [ee])], { transB: 1, alpha: float(2) }), qq]);
}

/**
 * The derivatives of the mean cross-entropy `-(1/B) Σ_b log P[b, t_b]` through
 * {@link scoreAll}, given the softmax `P` [B, N] of the scores, the targets
 * `t` int64 [B] and `invBatch` = 1/B [1]. With `dS = (P - onehot(t)) / B`, the
 * one-hot part is applied to [B, dim] and [N, dim] tensors (a gather and a
 * scatter) instead of to the [B, N] matrix, and 1/B scales q before the
 * products, so the only [B, N]-sized work is the two matrix products.
 * Returns dL/dq [B, dim] and dL/dE [N, dim].
 */
export function crossEntropyBackward(
  g: GraphBuilder,
  scoring: KgeScoring,
  q: string,
  E: string,
  P: string,
  t: string,
  invBatch: string,
): { dq: string; dE: string } {
  const et = g.op("Gather", [E, t], { axis: 0 });
  // dot: dq = dS E = (P E - E[t]) / B; dE = dSᵀ q = Pᵀ (q/B) - scatter_t(q/B)
  let dq = g.op("Mul", [g.op("Sub", [g.op("MatMul", [P, E]), et]), invBatch]);
  const qs = g.op("Mul", [q, invBatch]);
  const tIdx = g.op("Unsqueeze", [t, g.ints([-1])]);
  let dE = g.op("ScatterND", [g.op("Gemm", [P, qs], { transA: 1 }), tIdx, g.op("Neg", [qs])], {
    reduction: "add",
  });
  if (scoring === "dot") return { dq, dE };
  // S = 2 q·e - ‖q‖² - ‖e‖²: dq = 2 dS E - 2 q Σ_n dS (the row sums of dS are 0),
  // dE = 2 dSᵀ q - 2 E ⊙ Σ_b dS, with Σ_b dS = (Σ_b P - count(t)) / B.
  const two = g.scalar(2);
  dq = g.op("Mul", [two, dq]);
  const counts = g.op(
    "ScatterND",
    [
      g.op("ConstantOfShape", [g.op("Gather", [g.op("Shape", [E]), g.ints([0])], { axis: 0 })]),
      tIdx,
      g.op("Expand", [g.scalar(1), g.op("Shape", [t])]),
    ],
    { reduction: "add" },
  );
  const colSum = g.op("Mul", [
    g.op("Sub", [g.op("ReduceSum", [P, g.ints([0])], { keepdims: 0 }), counts]),
    invBatch,
  ]);
  dE = g.op("Mul", [two, g.op("Sub", [dE, g.op("Mul", [E, g.op("Unsqueeze", [colSum, g.ints([1])])])])]);
  return { dq, dE };
}
