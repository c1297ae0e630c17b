import type { GraphBuilder } from "@knowfuse/core";

/** Regularisers of the embeddings used in a batch: N3 (`Σ|x|³`, Lacroix et al. 2018), L2 (`Σx²`) or none. */
export type KgeRegularizer = "n3" | "l2" | "none";

/**
 * Adds `weight / B · Σ reg(x)` over the batch rows `x` and its derivative with
 * respect to `x`. `invBatch` is 1/B as a [1] tensor. Returns null for "none".
 */
export function regularize(
  g: GraphBuilder,
  kind: KgeRegularizer,
  weight: number,
  x: string,
  invBatch: string,
): { loss: string; grad: string } | null {
  if (kind === "none" || weight === 0) return null;
  const scale = g.op("Mul", [g.scalar(weight), invBatch]);
  if (kind === "l2") {
    return {
      loss: g.op("Mul", [scale, g.op("ReduceSum", [g.op("Mul", [x, x])], { keepdims: 0 })]),
      grad: g.op("Mul", [g.op("Mul", [scale, g.scalar(2)]), x]),
    };
  }
  const ax = g.op("Abs", [x]);
  const xAbs = g.op("Mul", [x, ax]);
  return {
    loss: g.op("Mul", [
      scale,
      g.op("ReduceSum", [g.op("Mul", [g.op("Mul", [ax, ax]), ax])], { keepdims: 0 }),
    ]),
    grad: g.op("Mul", [g.op("Mul", [scale, g.scalar(3)]), xAbs]),
  };
}

/** Adds 1/B as a float [1] tensor, B being the length of the int64 vector `indices`. */
export function inverseBatchSize(g: GraphBuilder, indices: string): string {
  const b = g.op("Cast", [g.op("Shape", [indices])], { to: 1 });
  return g.op("Reciprocal", [b]);
}
