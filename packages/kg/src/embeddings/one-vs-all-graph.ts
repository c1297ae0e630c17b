import type { GraphBuilder } from "@knowfuse/core";
import { crossEntropyBackward, scoreAll } from "./score-all.js";
import { finishTrainingGraph, startTrainingGraph, type TrainingGraphOptions } from "./training-graph.js";

/** Sizes and loss settings of a 1-vs-all training graph. */
export type OneVsAllGraphOptions = TrainingGraphOptions;

/**
 * Builds the 1-vs-all training step as one ONNX graph with its hand-written
 * backward pass: for queries (h, r) with answers t, the loss is the mean
 * cross-entropy of softmax over all entities' scores (reciprocal relations
 * turn head prediction into tail prediction), plus the batch regulariser.
 *
 * Inputs: `E` [N, dim], `R` [numRelations, relationWidth], `h`, `r`, `t` int64
 * [B], `mask` [B, dim] (dropout mask on the query, already scaled by 1/(1-p)).
 * Outputs: `loss` (scalar), `grad_E`, `grad_R` (dense, shaped like E and R).
 */
export function buildOneVsAllGraph(options: OneVsAllGraphOptions): GraphBuilder {
  const { model, dim } = options;
  const start = startTrainingGraph(`${model.name}-1vsall`, options);
  const { g, E, eh, er, invBatch: invB } = start;
  const t = g.input("t", "int64", ["batch"]);
  const mask = g.input("mask", "float", ["batch", dim]);

  const q = g.op("Mul", [model.query(g, eh, er, dim), mask]);
  const S = scoreAll(g, model.scoring, q, E);
  // Softmax once; the loss reads it at the targets (clamped so an underflow cannot
  // fake a divergence), the backward pass reuses it.
  const P = g.op("Softmax", [S], { axis: 1 });
  const picked = g.op("GatherElements", [P, g.op("Unsqueeze", [t, g.ints([1])])], { axis: 1 });
  const logPicked = g.op("Log", [g.op("Max", [picked, g.scalar(1e-30)])]);
  const loss = g.op("Mul", [g.op("Neg", [g.op("ReduceSum", [logPicked], { keepdims: 0 })]), invB]);
  const back = crossEntropyBackward(g, model.scoring, q, E, P, t, invB);
  const { dh, dr } = model.queryBackward(g, eh, er, g.op("Mul", [back.dq, mask]), dim);

  return finishTrainingGraph(start, { t, loss, dh, dr, dE: back.dE });
}
