import { GraphBuilder } from "@knowfuse/core";
import type { KgeModel } from "./kge-model.js";
import { inverseBatchSize, type KgeRegularizer, regularize } from "./regularize.js";

/** Sizes and regulariser settings shared by the KGE training graphs. */
export interface TrainingGraphOptions {
  model: KgeModel;
  dim: number;
  numEntities: number;
  /** Relation rows, reciprocal ones included. */
  numRelations: number;
  regularizer: KgeRegularizer;
  regWeight: number;
}

/** The common start of a training graph (see {@link startTrainingGraph}). */
export interface TrainingGraphStart {
  g: GraphBuilder;
  options: TrainingGraphOptions;
  /** Width of a relation row. */
  relationWidth: number;
  /** The entity and relation tables (inputs). */
  E: string;
  R: string;
  /** Head and relation indices of the batch (inputs, int64 [B]). */
  h: string;
  r: string;
  /** Gathered head and relation rows. */
  eh: string;
  er: string;
  /** 1/B as a [1] tensor. */
  invBatch: string;
}

/** What differs between the training graphs when they are finished. */
export interface TrainingGraphEnd {
  /** Tail (true answer) indices, int64 [B]. */
  t: string;
  /** The data loss (scalar or [1]). */
  loss: string;
  /** dL/d(head rows), dL/d(relation rows), and dL/dE from the scored entities (dense [N, dim]). */
  dh: string;
  dr: string;
  dE: string;
}

/**
 * Starts a KGE training graph named `name`: declares the inputs `E`, `R`, `h`
 * and `r`, gathers the batch's head and relation rows and computes 1/B.
 */
export function startTrainingGraph(name: string, options: TrainingGraphOptions): TrainingGraphStart {
  const { model, dim, numEntities, numRelations } = options;
  const relationWidth = model.relationWidth(dim);
  const g = new GraphBuilder(name);
  const E = g.input("E", "float", [numEntities, dim]);
  const R = g.input("R", "float", [numRelations, relationWidth]);
  const h = g.input("h", "int64", ["batch"]);
  const r = g.input("r", "int64", ["batch"]);
  return {
    g,
    options,
    relationWidth,
    E,
    R,
    h,
    r,
    eh: g.op("Gather", [E, h], { axis: 0 }),
    er: g.op("Gather", [R, r], { axis: 0 }),
    invBatch: inverseBatchSize(g, h),
  };
}

/**
 * Completes a KGE training graph: adds the regulariser of the batch's head,
 * relation and tail rows to the loss and to their gradients, scatters the row
 * gradients into the dense `grad_E` and `grad_R`, and declares the outputs
 * `loss` (scalar, regulariser included), `data_loss` (scalar, without it),
 * `grad_E`, `grad_R`.
 */
export function finishTrainingGraph(p: TrainingGraphStart, end: TrainingGraphEnd): GraphBuilder {
  const { g, options } = p;
  let { loss, dh, dr, dE } = end;
  const et = g.op("Gather", [p.E, end.t], { axis: 0 });
  for (const [x, kind] of [
    [p.eh, "h"],
    [p.er, "r"],
    [et, "t"],
  ] as const) {
    const reg = regularize(g, options.regularizer, options.regWeight, x, p.invBatch);
    if (!reg) continue;
    loss = g.op("Add", [loss, reg.loss]);
    if (kind === "h") dh = g.op("Add", [dh, reg.grad]);
    else if (kind === "r") dr = g.op("Add", [dr, reg.grad]);
    else dE = scatterAdd(g, dE, end.t, reg.grad);
  }
  dE = scatterAdd(g, dE, p.h, dh);
  const dR = scatterAdd(g, g.op("ConstantOfShape", [g.op("Shape", [p.R])]), p.r, dr);
  const { numEntities, numRelations, dim } = options;
  g.output(g.op("Reshape", [loss, g.ints([])]), "float", [], "loss");
  g.output(g.op("Reshape", [end.loss, g.ints([])]), "float", [], "data_loss");
  g.output(dE, "float", [numEntities, dim], "grad_E");
  g.output(dR, "float", [numRelations, p.relationWidth], "grad_R");
  return g;
}

/** `data[index[i]] += updates[i]` row-wise (duplicates accumulate); `index` int64 of any shape. */
export function scatterAdd(g: GraphBuilder, data: string, index: string, updates: string): string {
  const idx = g.op("Unsqueeze", [index, g.ints([-1])]);
  return g.op("ScatterND", [data, idx, updates], { reduction: "add" });
}
