import type { GraphBuilder } from "@knowfuse/core";
import { type KgeRegularizer, regularize } from "./regularize.js";

/** What {@link finishTrainingGraph} needs: the tables, the batch's indices and rows, and the partial results. */
export interface TrainingGraphParts {
  E: string;
  R: string;
  /** Head, relation and tail (true answer) indices, int64 [B]. */
  h: string;
  r: string;
  t: string;
  /** Gathered head and relation rows. */
  eh: string;
  er: string;
  /** 1/B as a [1] tensor. */
  invBatch: string;
  /** The data loss (scalar or [1]). */
  loss: string;
  /** dL/d(head rows), dL/d(relation rows), and dL/dE from the scored entities (dense [N, dim]). */
  dh: string;
  dr: string;
  dE: string;
  regularizer: KgeRegularizer;
  regWeight: number;
  shapes: { numEntities: number; numRelations: number; dim: number; relationWidth: number };
}

/**
 * Completes a KGE training graph: adds the regulariser of the batch's head,
 * relation and tail rows to the loss and to their gradients, scatters the row
 * gradients into the dense `grad_E` and `grad_R`, and declares the outputs
 * `loss` (scalar, regulariser included), `data_loss` (scalar, without it),
 * `grad_E`, `grad_R`.
 */
export function finishTrainingGraph(g: GraphBuilder, p: TrainingGraphParts): void {
  let { loss, dh, dr, dE } = p;
  const et = g.op("Gather", [p.E, p.t], { axis: 0 });
  for (const [x, kind] of [
    [p.eh, "h"],
    [p.er, "r"],
    [et, "t"],
  ] as const) {
    const reg = regularize(g, p.regularizer, p.regWeight, x, p.invBatch);
    if (!reg) continue;
    loss = g.op("Add", [loss, reg.loss]);
    if (kind === "h") dh = g.op("Add", [dh, reg.grad]);
    else if (kind === "r") dr = g.op("Add", [dr, reg.grad]);
    else dE = scatterAdd(g, dE, p.t, reg.grad);
  }
  dE = scatterAdd(g, dE, p.h, dh);
  const dR = scatterAdd(g, g.op("ConstantOfShape", [g.op("Shape", [p.R])]), p.r, dr);
  const { numEntities, numRelations, dim, relationWidth } = p.shapes;
  g.output(g.op("Reshape", [loss, g.ints([])]), "float", [], "loss");
  g.output(g.op("Reshape", [p.loss, g.ints([])]), "float", [], "data_loss");
  g.output(dE, "float", [numEntities, dim], "grad_E");
  g.output(dR, "float", [numRelations, relationWidth], "grad_R");
}

/** `data[index[i]] += updates[i]` row-wise (duplicates accumulate); `index` int64 of any shape. */
export function scatterAdd(g: GraphBuilder, data: string, index: string, updates: string): string {
  const idx = g.op("Unsqueeze", [index, g.ints([-1])]);
  return g.op("ScatterND", [data, idx, updates], { reduction: "add" });
}
