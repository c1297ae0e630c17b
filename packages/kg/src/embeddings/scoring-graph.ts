import { GraphBuilder } from "@knowfuse/core";
import type { KgeModel } from "./kge-model.js";
import { scoreAll } from "./score-all.js";

/**
 * Builds the graph that scores queries (h, r) against every entity: inputs
 * `E`, `R`, `h`, `r` int64 [B]; output `scores` [B, N]. Used for evaluation
 * and nearest-neighbour queries.
 */
export function buildScoringGraph(
  model: KgeModel,
  dim: number,
  numEntities: number,
  numRelations: number,
): GraphBuilder {
  const g = new GraphBuilder(`${model.name}-score`);
  const E = g.input("E", "float", [numEntities, dim]);
  const R = g.input("R", "float", [numRelations, model.relationWidth(dim)]);
  const h = g.input("h", "int64", ["batch"]);
  const r = g.input("r", "int64", ["batch"]);
  const q = model.query(g, g.op("Gather", [E, h], { axis: 0 }), g.op("Gather", [R, r], { axis: 0 }), dim);
  g.output(scoreAll(g, model.scoring, q, E), "float", ["batch", numEntities], "scores");
  return g;
}
