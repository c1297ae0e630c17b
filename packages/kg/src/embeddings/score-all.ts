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
 * The derivatives of a loss through {@link scoreAll}, given `dS` = dL/dS
 * [B, N]: returns dL/dq [B, dim] and dL/dE [N, dim].
 */
export function scoreAllBackward(
  g: GraphBuilder,
  scoring: KgeScoring,
  q: string,
  E: string,
  dS: string,
): { dq: string; dE: string } {
  const dq = g.op("MatMul", [dS, E]);
  const dE = g.op("Gemm", [dS, q], { transA: 1 });
  if (scoring === "dot") return { dq, dE };
  // S = 2 q·e - ‖q‖² - ‖e‖²  ⇒  dq = 2 dS E - 2 q Σ_n dS,  dE = 2 dSᵀ q - 2 E Σ_b dS
  const two = g.scalar(2);
  const rowSum = g.op("ReduceSum", [dS, g.ints([1])], { keepdims: 1 });
  const colSum = g.op("Unsqueeze", [g.op("ReduceSum", [dS, g.ints([0])], { keepdims: 0 }), g.ints([1])]);
  return {
    dq: g.op("Mul", [two, g.op("Sub", [dq, g.op("Mul", [q, rowSum])])]),
    dE: g.op("Mul", [two, g.op("Sub", [dE, g.op("Mul", [E, colSum])])]),
  };
}
