import type { GraphBuilder } from "@knowfuse/core";

/**
 * How a model's query vector `q = f(h, r)` is compared with a candidate
 * entity `e`: "dot" scores `q·e` (DistMult, ComplEx); "distance" scores
 * `-‖q - e‖²` in 1-vs-all training and evaluation (so scoring all entities is
 * a matrix product), and `γ - dist(q, e)` with the model's own distance in
 * negative-sampling training (TransE, RotatE).
 */
export type KgeScoring = "dot" | "distance";

/**
 * A knowledge graph embedding model, described by the ONNX sub-graphs of its
 * query function and their hand-written derivatives. The training and scoring
 * graphs in this folder are assembled from these pieces, so every model trains
 * with every recipe (1-vs-all, negative sampling) and scores all entities with
 * one matrix product.
 */
export interface KgeModel {
  /** Registered name, e.g. "kge.complex.v1". */
  readonly name: string;
  /** How queries are compared with entities. */
  readonly scoring: KgeScoring;
  /** True when entity vectors are complex: first half real parts, second half imaginary parts (dim must be even). */
  readonly complex: boolean;
  /**
   * Whether negative-sampling training is offered (TransE, RotatE). It uses the
   * Euclidean distance ‖q - e‖, which ranks entities exactly like the squared
   * distance used when scoring all entities.
   */
  readonly negativeSampling: boolean;
  /** Floats per relation vector for entity dimension `dim`. */
  relationWidth(dim: number): number;
  /** Initial scale: entity and relation values are drawn from N(0, scale²) (RotatE phases uniformly in [-π, π]). */
  readonly defaultInitScale: number;
  /** True when relation values are phases drawn uniformly in [-π, π] instead of normal values. */
  readonly phaseRelations: boolean;
  /** Adds `q = f(h, r)` for `h` [..., dim] and `r` [..., relationWidth]; returns q [..., dim]. */
  query(g: GraphBuilder, h: string, r: string, dim: number): string;
  /** Adds the derivatives of a scalar loss with respect to h and r, given `dq` = dL/dq. */
  queryBackward(g: GraphBuilder, h: string, r: string, dq: string, dim: number): { dh: string; dr: string };
}
