import { float, type GraphBuilder } from "@knowfuse/core";

/**
 * Small forward/backward building blocks over {@link GraphBuilder} shared by the
 * fusion layers and heads. Every backward helper is the hand-derived gradient of
 * its forward twin; the fusion tests check them against finite differences.
 */

/** `x W + b` (MatMul broadcasts over leading dims). */
export function linear(g: GraphBuilder, x: string, w: string, b?: string): string {
  const y = g.op("MatMul", [x, w]);
  return b === undefined ? y : g.op("Add", [y, b]);
}

/** GELU with the exact erf form: `0.5 x (1 + erf(x / √2))`. */
export function gelu(g: GraphBuilder, x: string): string {
  const erf = g.op("Erf", [g.op("Mul", [x, g.scalar(Math.SQRT1_2)])]);
  return g.op("Mul", [g.op("Mul", [x, g.scalar(0.5)]), g.op("Add", [erf, g.scalar(1)])]);
}

/** d GELU(x) / dx = `0.5 (1 + erf(x/√2)) + x φ(x)` with φ the standard normal density. */
export function geluGrad(g: GraphBuilder, x: string): string {
  const cdf = g.op("Mul", [
    g.op("Add", [g.op("Erf", [g.op("Mul", [x, g.scalar(Math.SQRT1_2)])]), g.scalar(1)]),
    g.scalar(0.5),
  ]);
  const pdf = g.op("Mul", [
    g.op("Exp", [g.op("Mul", [g.op("Mul", [x, x]), g.scalar(-0.5)])]),
    g.scalar(1 / Math.sqrt(2 * Math.PI)),
  ]);
  return g.op("Add", [cdf, g.op("Mul", [x, pdf])]);
}

/** LayerNorm over the last axis with the fused ONNX op (inference). */
export function layerNorm(g: GraphBuilder, x: string, gamma: string, beta: string, eps: number): string {
  return g.op("LayerNormalization", [x, gamma, beta], { axis: -1, epsilon: float(eps) });
}

/** The saved values of {@link layerNormTrain} that its backward needs. */
export interface LayerNormCache {
  y: string;
  xhat: string;
  invStd: string;
}

/** LayerNorm over the last axis spelled out, keeping `x̂` and `1/σ` for the backward pass. */
export function layerNormTrain(
  g: GraphBuilder,
  x: string,
  gamma: string,
  beta: string,
  eps: number,
): LayerNormCache {
  const mean = g.op("ReduceMean", [x], { axes: [-1], keepdims: 1 });
  const centered = g.op("Sub", [x, mean]);
  const variance = g.op("ReduceMean", [g.op("Mul", [centered, centered])], { axes: [-1], keepdims: 1 });
  const invStd = g.op("Reciprocal", [g.op("Sqrt", [g.op("Add", [variance, g.scalar(eps)])])]);
  const xhat = g.op("Mul", [centered, invStd]);
  const y = g.op("Add", [g.op("Mul", [xhat, gamma]), beta]);
  return { y, xhat, invStd };
}

/**
 * Backward of {@link layerNormTrain} for 2-D `[n, h]` inputs: returns `dx`,
 * `dγ = Σ dy ⊙ x̂`, `dβ = Σ dy`, with
 * `dx = (1/σ) (dx̂ − mean(dx̂) − x̂ ⊙ mean(dx̂ ⊙ x̂))`, `dx̂ = dy ⊙ γ`.
 */
export function layerNormBackward(
  g: GraphBuilder,
  dy: string,
  cache: LayerNormCache,
  gamma: string,
): { dx: string; dGamma: string; dBeta: string } {
  const dxhat = g.op("Mul", [dy, gamma]);
  const m1 = g.op("ReduceMean", [dxhat], { axes: [-1], keepdims: 1 });
  const m2 = g.op("ReduceMean", [g.op("Mul", [dxhat, cache.xhat])], { axes: [-1], keepdims: 1 });
  const dx = g.op("Mul", [
    g.op("Sub", [g.op("Sub", [dxhat, m1]), g.op("Mul", [cache.xhat, m2])]),
    cache.invStd,
  ]);
  const dGamma = g.op("ReduceSum", [g.op("Mul", [dy, cache.xhat]), g.ints([0])], { keepdims: 0 });
  const dBeta = g.op("ReduceSum", [dy, g.ints([0])], { keepdims: 0 });
  return { dx, dGamma, dBeta };
}

/** `xᵀ dy` for 2-D `x [n, a]`, `dy [n, b]`: the gradient of a weight `[a, b]`. */
export function weightGrad(g: GraphBuilder, x: string, dy: string): string {
  return g.op("MatMul", [g.op("Transpose", [x], { perm: [1, 0] }), dy]);
}

/** `Σ_rows dy`: the gradient of a bias. */
export function biasGrad(g: GraphBuilder, dy: string): string {
  return g.op("ReduceSum", [dy, g.ints([0])], { keepdims: 0 });
}

/** `dy Wᵀ` for a 2-D weight. */
export function inputGrad(g: GraphBuilder, dy: string, w: string): string {
  return g.op("MatMul", [dy, g.op("Transpose", [w], { perm: [1, 0] })]);
}

/** Reshapes to `[-1, last]`. */
export function flatten2d(g: GraphBuilder, x: string, last: number): string {
  return g.op("Reshape", [x, g.ints([-1, last])]);
}
