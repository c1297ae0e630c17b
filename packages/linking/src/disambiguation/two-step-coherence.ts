import type { CoherenceMention, CoherenceMethod, CoherenceSupport } from "./coherence-mention.js";

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
/** Per node, the fields of the walk's table (one node's fields share a cache line). */
const MASS0 = 0; // walk-start mass on the window's candidates
const MASS1 = 1; // mass after one step
const OWN0 = 2; // the same two for the mention being scored (subtracted)
const OWN1 = 3;
const COUNT = 4; // how many window candidates touch the node
const OWN_COUNT = 5; // how many of the scored mention's candidates touch it
const STRIDE = 8;

export const twoStepCoherence: CoherenceMethod = (mentions, settings, scratch, nodeCount) => {
  const out: CoherenceSupport = new Array(mentions.length).fill(undefined);
  if (mentions.length < 2) return out;
  // Node v's fields are table[v * STRIDE + field]: the walk touches a node's
  // fields together, so they are kept side by side.
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
      table[nodes[j]! * STRIDE + MASS0]! += w;
      const from = bounds[j]!;
      const to = bounds[j + 1]!;
      if (to === from) continue;
      const step = w / (to - from);
      for (let k = from; k < to; k++) {
        const v = neighbours[k]!;
        const x = v * STRIDE;
        table[x + MASS1]! += step;
        table[x + COUNT]! += sign;
        if (table[x + COUNT]! >= 2) shared[v >>> 5]! |= 1 << (v & 31);
        else shared[v >>> 5]! &= ~(1 << (v & 31));
      }
    }
  };
  // The same for the mention being scored, into the fields that are subtracted.
  const own = (m: CoherenceMention) => {
    const { nodes, restart, neighbours, bounds } = m;
    for (let j = 0; j < nodes.length; j++) {
      table[nodes[j]! * STRIDE + OWN0]! += restart[j]!;
      const from = bounds[j]!;
      const to = bounds[j + 1]!;
      if (to === from) continue;
      const step = restart[j]! / (to - from);
      for (let k = from; k < to; k++) table[neighbours[k]! * STRIDE + OWN1]! += step;
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
    if (m.nodes.length < 2 || inWindow < 2) continue;
    // Mentions with the very same candidates (the same word again) only echo
    // this mention's own priors: they are left out of its walk like itself.
    let copies = 1;
    for (let k = lo; k < hi; k++) if (k !== i && mentions[k]!.nodes === m.nodes) copies++;
    if (inWindow - copies < 1) continue;
    own(m);
    // How many window candidates touch each neighbour, counting the repeats' once like the mention's own.
    if (copies > 1) for (const v of m.neighbours) table[v * STRIDE + OWN_COUNT]!++;
    const support: number[] = new Array(m.nodes.length);
    for (let j = 0; j < m.nodes.length; j++) {
      const c = m.nodes[j]! * STRIDE;
      const from = m.bounds[j]!;
      const to = m.bounds[j + 1]!;
      let twoSteps = 0;
      for (let k = from; k < to; k++) {
        const v = m.neighbours[k]!;
        if (copies === 1 && (shared[v >>> 5]! & (1 << (v & 31))) === 0) continue;
        const x = v * STRIDE;
        const reach = table[x + MASS1]! - copies * table[x + OWN1]!;
        if (reach > 1e-12)
          twoSteps += reach / Math.max(1, table[x + COUNT]! - (copies - 1) * table[x + OWN_COUNT]!);
      }
      // The second step is averaged over the candidate's edges, so that a
      // candidate with many relations does not gather support by degree alone.
      if (to > from) twoSteps /= to - from;
      const zero = Math.max(0, table[c + MASS0]! - copies * table[c + OWN0]!);
      const one = Math.max(0, table[c + MASS1]! - copies * table[c + OWN1]!);
      support[j] = zero + d * one + d2 * twoSteps;
    }
    for (const v of m.nodes) table[v * STRIDE + OWN0] = 0;
    for (const v of m.neighbours) {
      table[v * STRIDE + OWN1] = 0;
      table[v * STRIDE + OWN_COUNT] = 0;
    }
    out[i] = support;
  }
  while (lo < hi) apply(mentions[lo++]!, -1);
  // Additions and removals cancel up to rounding: leave exact zeros behind
  // (counts are whole numbers and come back to zero exactly).
  for (const m of mentions) {
    for (const v of m.nodes) table[v * STRIDE + MASS0] = 0;
    for (const v of m.neighbours) table[v * STRIDE + MASS1] = 0;
  }
  return out;
};
