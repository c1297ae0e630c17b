import { describe, expect, it } from "vitest";
import { type CoherenceMention, candidateGraph, restartMass } from "./coherence-mention.js";
import { NodeScratch } from "./node-scratch.js";
import { pageRankCoherence } from "./pagerank-coherence.js";
import { twoStepCoherence } from "./two-step-coherence.js";

/** A mention from candidate nodes, priors and neighbour lists. */
function mention(
  sentence: number,
  nodes: number[],
  priors: number[],
  neighbours: number[][],
): CoherenceMention {
  const bounds = new Int32Array(nodes.length + 1);
  neighbours.forEach((list, j) => {
    bounds[j + 1] = bounds[j]! + list.length;
  });
  const graph = candidateGraph(
    Int32Array.from(nodes),
    Float64Array.from(priors, (p) => restartMass(p, nodes.length)),
    Int32Array.from(neighbours.flat()),
    bounds,
  );
  return { sentence, ...graph };
}

// Nodes: a=0, b=1 (candidates of mention 0), c=2 (mention 1, same sentence),
// d=3 (mention 2, five sentences later), shared neighbour x=4, y=5.
// Edges: a–x, c–x, b–y, b–d.
const mentions = [
  mention(0, [0, 1], [0.5, 0.5], [[4], [5, 3]]),
  mention(0, [2], [1], [[4]]),
  mention(5, [3], [1], [[1]]),
];
const settings = { radius: 1, damping: 0.85, iterations: 10 };

describe("twoStepCoherence", () => {
  it("gives each candidate the mass the other mentions' walks bring it in two steps", () => {
    const scratch = new NodeScratch();
    const support = twoStepCoherence(mentions, settings, scratch, 6);
    // c's walk: c → x (all of c's mass), then x → {a, c} (x touches two window candidates).
    // a gets d² · 1/2; b is reached by nobody inside the window (d is five sentences away).
    expect(support[0]![0]).toBeCloseTo(0.85 ** 2 / 2, 12);
    expect(support[0]![1]).toBe(0);
    // Single-candidate mentions are not scored.
    expect(support[1]).toBeUndefined();
    expect(support[2]).toBeUndefined();
    // The work arrays are left clean: the same call gives the same numbers.
    expect(twoStepCoherence(mentions, settings, scratch, 6)).toEqual(support);
  });

  it("counts the mentions within the radius only, and never the mention's own candidates", () => {
    const wide = twoStepCoherence(mentions, { ...settings, radius: 5 }, new NodeScratch(), 6);
    // Now d (adjacent to b) is in the window: b gets d · 1 from d's one step.
    expect(wide[0]![1]).toBeCloseTo(0.85, 12);
    // Alone in its window, a mention gets no support at all.
    const alone = twoStepCoherence([mentions[0]!], settings, new NodeScratch(), 6);
    expect(alone[0]).toBeUndefined();
  });

  it("leaves out mentions with the very same candidates (the same word again)", () => {
    const again = { ...mentions[0]!, sentence: 1 };
    // Only the word itself again: no other mention, no support.
    expect(twoStepCoherence([mentions[0]!, again], settings, new NodeScratch(), 6)[0]).toBeUndefined();
    // With c around, the repeat adds nothing: the same support as without it.
    const withRepeat = twoStepCoherence([...mentions.slice(0, 2), again], settings, new NodeScratch(), 6);
    const without = twoStepCoherence(mentions.slice(0, 2), settings, new NodeScratch(), 6);
    expect(withRepeat[0]).toEqual(without[0]);
    expect(withRepeat[2]).toEqual(without[0]);
  });

  it("averages the second step over the candidate's edges", () => {
    // b now also touches x (next to c) and y: half of its edges lead to c's neighbour.
    const wider = [mention(0, [0, 1], [0.5, 0.5], [[4], [4, 5]]), mentions[1]!];
    const support = twoStepCoherence(wider, settings, new NodeScratch(), 6);
    // x touches a, b and c: c's mass reaches a and b through it, each d² · 1/3, b's divided by its two edges.
    expect(support[0]![0]).toBeCloseTo(0.85 ** 2 / 3, 12);
    expect(support[0]![1]).toBeCloseTo(0.85 ** 2 / 3 / 2, 12);
  });

  it("precomputes what a mention's own candidates send one step", () => {
    const [a] = mentions;
    // a → x (all of a's mass), b → y and d (half each): nobody shares a neighbour.
    expect(Array.from(a!.ownTouches)).toEqual([1, 1, 1]);
    expect(Array.from(a!.ownStep)).toEqual([a!.restart[0], a!.restart[1]! / 2, a!.restart[1]! / 2]);
    expect(Array.from(a!.ownStepToNode)).toEqual([0, 0]);
    // Two candidates that touch each other and a shared neighbour.
    const pair = mention(
      0,
      [0, 1],
      [0.5, 0.5],
      [
        [1, 4],
        [0, 4],
      ],
    );
    const half = pair.restart[0]! / 2;
    expect(Array.from(pair.ownTouches)).toEqual([1, 2, 1, 2]);
    expect(Array.from(pair.ownStep)).toEqual([half, 2 * half, half, 2 * half]);
    expect(Array.from(pair.ownStepToNode)).toEqual([half, half]);
  });

  it("skips the support of mentions that are not scored, which still start walks", () => {
    const unscored = [{ ...mentions[0]!, scored: false }, ...mentions.slice(1)];
    const support = twoStepCoherence(unscored, settings, new NodeScratch(), 6);
    expect(support[0]).toBeUndefined();
    const pr = pageRankCoherence(unscored, settings, new NodeScratch(), 6);
    expect(pr[0]).toBeUndefined();
    // A scored mention still gets the unscored one's walk: c sits next to x, which a touches.
    const cx = [mention(0, [2, 3], [0.5, 0.5], [[4], []]), { ...mentions[0]!, scored: false }];
    expect(twoStepCoherence(cx, settings, new NodeScratch(), 6)[0]![0]).toBeGreaterThan(0);
  });

  it("ranks candidates like personalised PageRank on this graph", () => {
    const two = twoStepCoherence(mentions, settings, new NodeScratch(), 6);
    const pr = pageRankCoherence(mentions, settings, new NodeScratch(), 6);
    expect(pr[0]![0]!).toBeGreaterThan(pr[0]![1]!);
    expect(two[0]![0]!).toBeGreaterThan(two[0]![1]!);
  });
});
