import { GraphBuilder } from "@knowfuse/core";
import { finishTrainingGraph } from "./finish-training-graph.js";
import type { KgeModel } from "./kge-model.js";
import { inverseBatchSize, type KgeRegularizer } from "./regularize.js";
import { crossEntropyBackward, scoreAll } from "./score-all.js";

/** Sizes and loss settings of a 1-vs-all training graph. */
export interface OneVsAllGraphOptions {
  model: KgeModel;
  dim: number;
  numEntities: number;
  /** Relation rows, reciprocal ones included. */
  numRelations: number;
  regularizer: KgeRegularizer;
  regWeight: number;
}

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
  const { model, dim, numEntities, numRelations } = options;
  const rw = model.relationWidth(dim);
  const g = new GraphBuilder(`${model.name}-1vsall`);
  const E = g.input("E", "float", [numEntities, dim]);
  const R = g.input("R", "float", [numRelations, rw]);
  const h = g.input("h", "int64", ["batch"]);
  const r = g.input("r", "int64", ["batch"]);
  const t = g.input("t", "int64", ["batch"]);
  const mask = g.input("mask", "float", ["batch", dim]);

  const invB = inverseBatchSize(g, h);
  const eh = g.op("Gather", [E, h], { axis: 0 });
  const er = g.op("Gather", [R, r], { axis: 0 });
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

  finishTrainingGraph(g, {
    E,
    R,
    h,
    r,
    t,
    eh,
    er,
    invBatch: invB,
    loss,
    dh,
    dr,
    dE: back.dE,
    regularizer: options.regularizer,
    regWeight: options.regWeight,
    shapes: { numEntities, numRelations, dim, relationWidth: rw },
  });
  return g;
}
