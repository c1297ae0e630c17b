import { describe, expect, it } from "vitest";
import { personalizedPageRank, sparseGraph } from "./personalized-page-rank.js";
import { personalizedPageRankBatch } from "./personalized-page-rank-batch.js";

/** A deterministic pseudo-random generator (LCG) in [0, 1). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("personalizedPageRankBatch", () => {
  it("gives every column exactly what a separate walk gives, isolated nodes and empty restarts included", () => {
    const rand = random(7);
    const n = 40;
    const edges: [number, number, number][] = [];
    for (let e = 0; e < 90; e++) {
      const a = Math.floor(rand() * (n - 5));
      const b = Math.floor(rand() * (n - 5));
      edges.push([a, b, 0.5 + rand()]);
    }
    const graph = sparseGraph(n, edges); // nodes 35..39 have no edges
    const walks = 4;
    const columns = Array.from({ length: walks }, (_, m) =>
      Float64Array.from({ length: n }, () => (m === 3 ? 0 : rand() < 0.3 ? rand() : 0)),
    );
    columns[1]![37] = 0.7; // restart mass on an isolated node
    const matrix = new Float64Array(n * walks);
    columns.forEach((c, m) => {
      c.forEach((v, i) => {
        matrix[i * walks + m] = v;
      });
    });
    const options = { damping: 0.8, iterations: 12 };
    const batch = personalizedPageRankBatch(graph, matrix, walks, options);
    columns.forEach((c, m) => {
      const single = personalizedPageRank(graph, c, options);
      const column = Array.from({ length: n }, (_, i) => batch[i * walks + m]);
      expect(column).toEqual([...single]);
    });
    expect(columns[0]!.some((v) => v > 0)).toBe(true);
    expect(batch[37 * walks + 1]).toBeGreaterThan(0);
  });
});
