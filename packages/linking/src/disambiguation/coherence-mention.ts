import type { NodeScratch } from "./node-scratch.js";

/**
 * A mention's candidates as graph coherence sees them: per candidate, the
 * interned graph node, the walk's restart mass and the interned neighbours
 * (packed: candidate `j`'s are `neighbours[bounds[j]..bounds[j+1])`), and what
 * the mention's own candidates send one step, which a walk for this mention
 * leaves out. Made once per candidate set by {@link candidateGraph}.
 */
export interface CandidateGraph {
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
  /** Per entry of `neighbours`: the mass the mention's own candidates send to that node in one step. */
  ownStep: Float64Array;
  /** Per entry of `neighbours`: how many of the mention's own candidates touch that node. */
  ownTouches: Int32Array;
  /** Per candidate: the mass the mention's own candidates send to the candidate's node in one step. */
  ownStepToNode: Float64Array;
}

/** What graph coherence needs to know about one mention: its sentence and its {@link CandidateGraph}. */
export interface CoherenceMention extends CandidateGraph {
  /** Sentence index of the mention (windows are counted in sentences). */
  sentence: number;
  /** False when nobody reads this mention's own support: it still starts walks for the others (default true). */
  scored?: boolean;
}

/**
 * The {@link CandidateGraph} of a mention's candidates: a candidate leaves its
 * restart mass along its edges with equal probability, and the mass its
 * siblings send to each node is summed once here rather than in every walk.
 *
 * @example
 * ```ts
 * // Two candidates (nodes 0 and 1) sharing the neighbour 4; node 1 also touches 5.
 * const g = candidateGraph(Int32Array.of(0, 1), Float64Array.of(0.5, 0.5), Int32Array.of(4, 4, 5), Int32Array.of(0, 1, 3));
 * g.ownTouches; // Int32Array [2, 2, 1]
 * ```
 */
export function candidateGraph(
  nodes: Int32Array,
  restart: Float64Array,
  neighbours: Int32Array,
  bounds: Int32Array,
): CandidateGraph {
  const step = new Map<number, number>();
  const touches = new Map<number, number>();
  for (let j = 0; j < nodes.length; j++) {
    const from = bounds[j]!;
    const to = bounds[j + 1]!;
    for (let k = from; k < to; k++) {
      const v = neighbours[k]!;
      step.set(v, (step.get(v) ?? 0) + restart[j]! / (to - from));
      touches.set(v, (touches.get(v) ?? 0) + 1);
    }
  }
  return {
    nodes,
    restart,
    neighbours,
    bounds,
    ownStep: Float64Array.from(neighbours, (v) => step.get(v)!),
    ownTouches: Int32Array.from(neighbours, (v) => touches.get(v)!),
    ownStepToNode: Float64Array.from(nodes, (v) => step.get(v) ?? 0),
  };
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
