import type { CoherenceMethod, CoherenceSupport } from "./coherence-mention.js";
import { sparseGraphFromLists } from "./personalized-page-rank.js";
import { personalizedPageRankBatch } from "./personalized-page-rank-batch.js";

/**
 * Graph coherence as UKB's "word to word" personalised PageRank: per sentence,
 * the graph is the candidates of the mentions within `radius` sentences plus
 * their neighbours; for each mention the walk restarts at the *other* mentions'
 * candidates (mass per mention split by prior), and a candidate's support is
 * its PageRank after `iterations` power iterations. Neighbours only one
 * candidate touches become self-loops of that candidate (they can only send the
 * walk back). Slower than {@link twoStepCoherence}, which keeps its first terms.
 * Mentions must come in sentence order.
 */
export const pageRankCoherence: CoherenceMethod = (mentions, settings, scratch, nodeCount) => {
  const out: CoherenceSupport = new Array(mentions.length).fill(undefined);
  if (mentions.length < 2) return out;
  const [localOf, seen, count, countStamp, candidateStamp, visitStamp] = [0, 1, 2, 3, 4, 5].map((slot) =>
    scratch.int(slot, nodeCount),
  ) as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
  const bySentence = new Map<number, number[]>();
  mentions.forEach((m, i) => {
    const list = bySentence.get(m.sentence);
    if (list) list.push(i);
    else bySentence.set(m.sentence, [i]);
  });
  const r = settings.radius;
  const pageRank = { damping: settings.damping, iterations: settings.iterations };
  const heads: number[] = [];
  const tails: number[] = [];
  const edgeWeights: number[] = [];
  const restart: number[] = [];
  const loopOrder: number[] = [];
  const loopWeight: number[] = [];
  for (const [s, own] of bySentence) {
    // The mentions whose support is computed: two or more candidates, and wanted.
    const walked = own.filter((i) => mentions[i]!.nodes.length >= 2 && mentions[i]!.scored !== false);
    if (walked.length === 0) continue;
    const window: number[] = [];
    for (let t = s - r; t <= s + r; t++) for (const i of bySentence.get(t) ?? []) window.push(i);
    if (window.length < 2) continue;
    const stamp = scratch.nextStamp();
    let size = 0;
    restart.length = 0;
    for (const i of window) {
      const m = mentions[i]!;
      for (let j = 0; j < m.nodes.length; j++) {
        const g = m.nodes[j]!;
        candidateStamp[g] = stamp;
        if (seen[g] !== stamp) {
          seen[g] = stamp;
          localOf[g] = size++;
          restart.push(0);
        }
        restart[localOf[g]!]! += m.restart[j]! / window.length;
      }
    }
    // Per distinct candidate: how many candidates touch each neighbour.
    const unique: [number, Int32Array][] = [];
    for (const i of window) {
      const m = mentions[i]!;
      for (let j = 0; j < m.nodes.length; j++) {
        const g = m.nodes[j]!;
        if (visitStamp[g] === stamp) continue;
        visitStamp[g] = stamp;
        const neighbours = m.neighbours.subarray(m.bounds[j]!, m.bounds[j + 1]!);
        unique.push([g, neighbours]);
        for (const x of neighbours) {
          if (countStamp[x] !== stamp) {
            countStamp[x] = stamp;
            count[x] = 0;
          }
          count[x]! += 1;
        }
      }
    }
    heads.length = 0;
    tails.length = 0;
    edgeWeights.length = 0;
    loopOrder.length = 0;
    const candidateCount = size;
    loopWeight.length = candidateCount;
    loopWeight.fill(0);
    for (const [g, neighbours] of unique) {
      const a = localOf[g]!;
      for (const x of neighbours) {
        if (candidateStamp[x] === stamp) {
          if (localOf[x] !== a) {
            heads.push(a);
            tails.push(localOf[x]!);
            edgeWeights.push(1);
          }
        } else if (count[x]! >= 2) {
          if (seen[x] !== stamp) {
            seen[x] = stamp;
            localOf[x] = size++;
          }
          heads.push(a);
          tails.push(localOf[x]!);
          edgeWeights.push(1);
        } else {
          if (loopWeight[a] === 0) loopOrder.push(a);
          loopWeight[a]! += 1;
        }
      }
    }
    for (const a of loopOrder) {
      heads.push(a);
      tails.push(a);
      edgeWeights.push(loopWeight[a]! / 2);
    }
    const graph = sparseGraphFromLists(size, heads, tails, edgeWeights);
    const M = walked.length;
    const q = new Float64Array(size * M);
    for (let v = 0; v < candidateCount; v++) q.fill(restart[v]!, v * M, v * M + M);
    walked.forEach((i, m) => {
      for (const g of mentions[i]!.nodes) q[localOf[g]! * M + m] = 0;
    });
    const rank = personalizedPageRankBatch(graph, q, M, pageRank);
    walked.forEach((i, m) => {
      out[i] = Array.from(mentions[i]!.nodes, (g) => rank[localOf[g]! * M + m]!);
    });
  }
  return out;
};
