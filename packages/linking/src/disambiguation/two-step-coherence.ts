import type { CoherenceMention, CoherenceMethod, CoherenceSupport } from "./coherence-mention.js";

/** Per node, the fields of the walk's table (one node's fields share half a cache line). */
const MASS0 = 0; // walk-start mass on the window's candidates
const MASS1 = 1; // mass after one step
const TOUCHES = 2; // how many window candidates touch the node
const STARTS = 3; // how many window candidates are the node
const STRIDE = 4;

/**
 * Graph coherence as a two-step random walk, the first terms of UKB's "word to
 * word" personalised PageRank without its power iterations: the walk starts at
 * the candidates of the other mentions within `radius` sentences (mass split by
 * prior) and a candidate's support is the mass that reaches it in zero, one or
 * two steps (weighted 1, d, d²; a step leaves a candidate along its edges with
 * equal probability, and leaves a neighbour towards the window's candidates
 * that touch it). The two-step mass is averaged over the scored candidate's
 * edges, so that a candidate with many relations (often the frequent sense)
 * does not gather support by its degree alone. Mentions with the very same
 * candidates as the scored one (the same word again, sharing its candidate
 * arrays) are left out of its walk like the mention itself: they would only
 * echo its own priors. Counts are kept incrementally while the window slides
 * over the sentences, so the cost is linear in the candidates' edges.
 *
 * @example
 * ```ts
 * const support = twoStepCoherence(mentions, { radius: 1, damping: 0.85, iterations: 10 }, scratch, nodeCount);
 * ```
 */
export const twoStepCoherence: CoherenceMethod = (mentions, settings, scratch, nodeCount) => {
  const out: CoherenceSupport = new Array(mentions.length).fill(undefined);
  if (mentions.length < 2) return out;
  // Node v's fields are table[v * STRIDE + field]: the walk touches a node's
  // fields together, so they are kept side by side. A field's mass is reset to
  // exactly zero when its count comes back to zero, so that the rounding of
  // additions and removals never lingers and the table is left clean.
  const table = scratch.float(7, STRIDE * nodeCount);
  // One bit per node, set while two or more window edges touch it: a scored
  // candidate's neighbour without it is touched by that candidate alone and
  // brings nothing, which the bit says without visiting the table.
  const shared = scratch.int(7, (nodeCount >>> 5) + 1);
  const d = settings.damping;
  const d2 = d * d;
  // Adds (sign 1) or removes (sign -1) a mention's walk-start mass and edge counts.
  const apply = (m: CoherenceMention, sign: number) => {
    const { nodes, restart, neighbours, bounds } = m;
    for (let j = 0; j < nodes.length; j++) {
      const w = sign * restart[j]!;
      const c = nodes[j]! * STRIDE;
      const starts = table[c + STARTS]! + sign;
      table[c + STARTS] = starts;
      table[c + MASS0] = starts === 0 ? 0 : table[c + MASS0]! + w;
      const from = bounds[j]!;
      const to = bounds[j + 1]!;
      if (to === from) continue;
      const step = w / (to - from);
      for (let k = from; k < to; k++) {
        const v = neighbours[k]!;
        const x = v * STRIDE;
        const touches = table[x + TOUCHES]! + sign;
        table[x + TOUCHES] = touches;
        table[x + MASS1] = touches === 0 ? 0 : table[x + MASS1]! + step;
        if (touches >= 2) shared[v >>> 5]! |= 1 << (v & 31);
        else shared[v >>> 5]! &= ~(1 << (v & 31));
      }
    }
  };
  const r = settings.radius;
  let lo = 0; // first mention inside the window
  let hi = 0; // first mention after the window
  let inWindow = 0;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    const s = m.sentence;
    while (hi < mentions.length && mentions[hi]!.sentence <= s + r) {
      apply(mentions[hi]!, 1);
      hi++;
      inWindow++;
    }
    while (mentions[lo]!.sentence < s - r) {
      apply(mentions[lo]!, -1);
      lo++;
      inWindow--;
    }
    if (m.scored === false || m.nodes.length < 2 || inWindow < 2) continue;
    // Mentions with the very same candidates (the same word again) only echo
    // this mention's own priors: they are left out of its walk like itself.
    let copies = 1;
    for (let k = lo; k < hi; k++) if (k !== i && mentions[k]!.nodes === m.nodes) copies++;
    if (inWindow - copies < 1) continue;
    const { nodes, restart, neighbours, bounds, ownStep, ownTouches, ownStepToNode } = m;
    const support: number[] = new Array(nodes.length);
    for (let j = 0; j < nodes.length; j++) {
      const c = nodes[j]! * STRIDE;
      const from = bounds[j]!;
      const to = bounds[j + 1]!;
      let twoSteps = 0;
      for (let k = from; k < to; k++) {
        const v = neighbours[k]!;
        if (copies === 1 && (shared[v >>> 5]! & (1 << (v & 31))) === 0) continue;
        const x = v * STRIDE;
        const reach = table[x + MASS1]! - copies * ownStep[k]!;
        // How many window candidates touch the neighbour, counting the repeats' once like the mention's own.
        if (reach > 1e-12)
          twoSteps += reach / Math.max(1, table[x + TOUCHES]! - (copies - 1) * ownTouches[k]!);
      }
      // The second step is averaged over the candidate's edges, so that a
      // candidate with many relations does not gather support by degree alone.
      if (to > from) twoSteps /= to - from;
      const zero = Math.max(0, table[c + MASS0]! - copies * restart[j]!);
      const one = Math.max(0, table[c + MASS1]! - copies * ownStepToNode[j]!);
      support[j] = zero + d * one + d2 * twoSteps;
    }
    out[i] = support;
  }
  while (lo < hi) apply(mentions[lo++]!, -1);
  return out;
};
