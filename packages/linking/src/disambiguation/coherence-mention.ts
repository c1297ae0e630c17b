import type { NodeScratch } from "./node-scratch.js";

/**
 * What graph coherence needs to know about one mention: its sentence and, per
 * candidate, the interned graph node, the walk's restart mass and the interned
 * neighbours (packed: candidate `j`'s are `neighbours[bounds[j]..bounds[j+1])`).
 */
export interface CoherenceMention {
  /** Sentence index of the mention (windows are counted in sentences). */
  sentence: number;
  /**
   * Interned node number of each candidate. Mentions of the same word with the
   * same candidates share this array: the two-step walk leaves such repeats out.
   */
  nodes: Int32Array;
  /** Restart mass of each candidate (see {@link restartMass}). */
  restart: Float64Array;
  /** Interned neighbours of all candidates, one after the other (both directions, each once). */
  neighbours: Int32Array;
  /** `nodes.length + 1` offsets into `neighbours`. */
  bounds: Int32Array;
}

/** Settings shared by the coherence methods. */
export interface CoherenceSettings {
  /** Sentences on each side whose mentions a mention's walk restarts from. */
  radius: number;
  /** Continuation probability of the walk (PageRank's damping). */
  damping: number;
  /** Power iterations (PageRank only). */
  iterations: number;
}

/**
 * The support each candidate of each mention gets from the *other* mentions
 * around it (indexed like the input; `undefined` for a mention with fewer than
 * two candidates or nobody around it).
 */
export type CoherenceSupport = (number[] | undefined)[];

/** The restart mass of a mention's candidate: its prior, smoothed, spread over the mention's candidates. */
export function restartMass(prior: number, candidates: number): number {
  return (prior + 0.05) / (1 + 0.05 * candidates);
}

/**
 * A way of computing coherence support ({@link twoStepCoherence},
 * {@link pageRankCoherence}); `nodeCount` bounds the interned node numbers and
 * `scratch` holds work arrays between calls.
 */
export type CoherenceMethod = (
  mentions: readonly CoherenceMention[],
  settings: CoherenceSettings,
  scratch: NodeScratch,
  nodeCount: number,
) => CoherenceSupport;
