import { describe, expect, it } from "vitest";
import { personalizedPageRank, sparseGraph } from "./personalized-page-rank.js";

/** Solves A x = b by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

describe("personalizedPageRank", () => {
  it("converges to the solution of r = (1-d) p + d Wᵀ r", () => {
    const edges: [number, number, number][] = [
      [0, 1, 1],
      [1, 2, 2],
      [2, 0, 1],
      [2, 3, 0.5],
      [3, 4, 1],
    ];
    const n = 5;
    const d = 0.85;
    const graph = sparseGraph(n, edges);
    const p = Float64Array.from([1, 0, 0, 0, 3]);
    const r = personalizedPageRank(graph, p, { damping: d, iterations: 200 });
    const w = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (const [a, b, x] of edges) {
      w[a]![b]! += x;
      w[b]![a]! += x;
    }
    const out = w.map((row) => row.reduce((s, x) => s + x, 0));
    const a = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => (i === j ? 1 : 0) - (d * w[j]![i]!) / out[j]!),
    );
    const exact = solve(
      a,
      [...p].map((x) => ((1 - d) * x) / 4),
    );
    exact.forEach((x, i) => {
      expect(r[i]).toBeCloseTo(x, 8);
    });
    expect(r.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 10);
  });

  it("returns the mass of isolated nodes to the restart vector and zeros for an empty restart", () => {
    const graph = sparseGraph(3, [[0, 1]]);
    const r = personalizedPageRank(graph, Float64Array.from([0, 0, 1]));
    expect([...r]).toEqual([0, 0, 1]);
    expect([...personalizedPageRank(graph, new Float64Array(3))]).toEqual([0, 0, 0]);
  });

  it("ranks a node reachable from the restart set above an unreachable one", () => {
    const graph = sparseGraph(4, [
      [0, 1],
      [2, 3],
    ]);
    const r = personalizedPageRank(graph, Float64Array.from([1, 0, 0, 0]));
    expect(r[1]).toBeGreaterThan(0.3);
    expect(r[3]).toBe(0);
  });
});
