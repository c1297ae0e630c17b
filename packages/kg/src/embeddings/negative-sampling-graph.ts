import type { GraphBuilder } from "@knowfuse/core";
import {
  finishTrainingGraph,
  scatterAdd,
  startTrainingGraph,
  type TrainingGraphOptions,
} from "./training-graph.js";

/** Sizes and loss settings of a negative-sampling training graph. */
export interface NegativeSamplingGraphOptions extends TrainingGraphOptions {
  /** Margin γ in `score = γ - dist(q, e)`. */
  gamma: number;
  /** Self-adversarial temperature α (Sun et al. 2019); 0 weights negatives uniformly. */
  adversarialTemperature: number;
  /**
   * Take the negatives' weights from an input `weights` [B, K] instead of
   * computing them: the loss is then exactly the function whose gradient the
   * graph returns (for finite-difference checks of the self-adversarial loss).
   */
  weightsInput?: boolean;
}

/**
 * Builds the negative-sampling training step with self-adversarial weighting
 * as one ONNX graph with its hand-written backward pass:
 * `dist = ‖q - e‖`, `L = mean_b ½[-log σ(s⁺) - Σ_k w_k log σ(-s⁻_k)]`, `s = γ - dist(q, e)`,
 * `w = softmax(α s⁻)` treated as a constant.
 *
 * Inputs: `E`, `R`, `h`, `r` int64 [B], `cand` int64 [B, 1+K] (column 0 the
 * true tail, then K corrupted tails). Outputs: `loss`, `grad_E`, `grad_R`.
 */
export function buildNegativeSamplingGraph(options: NegativeSamplingGraphOptions): GraphBuilder {
  const { model, dim } = options;
  const start = startTrainingGraph(`${model.name}-negative-sampling`, options);
  const { g, E, eh, er, invBatch: invB } = start;
  const cand = g.input("cand", "int64", ["batch", "candidates"]);

  const q = model.query(g, eh, er, dim);
  const ec = g.op("Gather", [E, cand], { axis: 0 }); // [B, C, dim]
  const diff = g.op("Sub", [g.op("Unsqueeze", [q, g.ints([1])]), ec]);
  // dist = ‖diff‖ (+ε inside the root), d dist / d diff = diff / dist
  const dist = g.op("Sqrt", [
    g.op("Add", [
      g.op("ReduceSum", [g.op("Mul", [diff, diff]), g.ints([-1])], { keepdims: 0 }),
      g.scalar(1e-9),
    ]),
  ]); // [B, C]
  const dDist = g.op("Div", [diff, g.op("Unsqueeze", [dist, g.ints([-1])])]); // [B, C, dim]
  const s = g.op("Sub", [g.scalar(options.gamma), dist]);
  // Split s into the positive column and the K negatives.
  const c = g.op("Gather", [g.op("Shape", [cand]), g.ints([1])], { axis: 0 });
  const rest = g.op("Sub", [c, g.ints([1])]);
  const [pos, neg] = g.node(
    "Split",
    [s, g.op("Concat", [g.ints([1]), rest], { axis: 0 })],
    { axis: 1 },
    { outputs: 2 },
  );
  const w = options.weightsInput
    ? g.input("weights", "float", ["batch", "negatives"])
    : g.op("Softmax", [g.op("Mul", [neg!, g.scalar(options.adversarialTemperature)])], { axis: 1 });
  // -log σ(x) = softplus(-x)
  const posLoss = g.op("ReduceSum", [g.op("Softplus", [g.op("Neg", [pos!])])], { keepdims: 0 });
  const negLoss = g.op("ReduceSum", [g.op("Mul", [w, g.op("Softplus", [neg!])])], { keepdims: 0 });
  const half = g.op("Mul", [invB, g.scalar(0.5)]);
  const loss = g.op("Mul", [g.op("Add", [posLoss, negLoss]), half]);

  // dL/ds: positive -(1 - σ(s⁺))·½/B, negatives w·σ(s⁻)·½/B; dL/d dist = -dL/ds.
  const dPos = g.op("Neg", [g.op("Sub", [g.scalar(1), g.op("Sigmoid", [pos!])])]);
  const dNeg = g.op("Mul", [w, g.op("Sigmoid", [neg!])]);
  const dS = g.op("Mul", [g.op("Concat", [dPos, dNeg], { axis: 1 }), half]);
  const dDiff = g.op("Mul", [g.op("Neg", [g.op("Unsqueeze", [dS, g.ints([2])])]), dDist]); // [B, C, dim]
  const dq = g.op("ReduceSum", [dDiff, g.ints([1])], { keepdims: 0 });
  const { dh, dr } = model.queryBackward(g, eh, er, dq, dim);

  const t = g.op("Squeeze", [g.op("Slice", [cand, g.ints([0]), g.ints([1]), g.ints([1])]), g.ints([1])]);
  finishTrainingGraph(start, {
    t,
    loss,
    dh,
    dr,
    dE: scatterAdd(g, g.op("ConstantOfShape", [g.op("Shape", [E])]), cand, g.op("Neg", [dDiff])),
  });
  if (!options.weightsInput) g.output(w, "float", ["batch", "negatives"], "weights");
  return g;
}
