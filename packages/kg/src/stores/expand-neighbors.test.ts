import { readFileSync } from "node:fs";
import { datasetPath } from "@knowfuse/core";
import { describe, expect, it } from "vitest";
import { type EdgeStep, expandNeighbors, type StoredEdge } from "./expand-neighbors.js";

/** The UMLS training triples as edges: a real graph to expand. */
function umlsEdges(): StoredEdge[] {
  const edges = new Map<string, StoredEdge>();
  for (const line of readFileSync(datasetPath("umls", "train.tsv"), "utf8").split("\n")) {
    const [head, relation, tail] = line.split("\t");
    if (head && relation && tail)
      edges.set(`${head} ${relation} ${tail}`, { head, relation, tail, weight: 1 });
  }
  return [...edges.values()];
}

/** A store's one round trip per ring, over an edge list, ordered as the stores order it. */
function stepOver(edges: readonly StoredEdge[]): EdgeStep {
  return async (frontier, relations, limit) => {
    const ids = new Set(frontier);
    return edges
      .filter((e) => (ids.has(e.head) || ids.has(e.tail)) && (!relations || relations.includes(e.relation)))
      .sort((a, b) => (a.head + a.relation + a.tail < b.head + b.relation + b.tail ? -1 : 1))
      .slice(0, limit);
  };
}

/** Node distances from the seeds by plain breadth-first search (the oracle). */
function distances(edges: readonly StoredEdge[], seeds: readonly string[]): Map<string, number> {
  const dist = new Map(seeds.map((s) => [s, 0]));
  let frontier = [...seeds];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const e of edges) {
      for (const [a, b] of [
        [e.head, e.tail],
        [e.tail, e.head],
      ] as const) {
        if (frontier.includes(a) && !dist.has(b)) {
          dist.set(b, dist.get(a)! + 1);
          next.push(b);
        }
      }
    }
    frontier = next;
  }
  return dist;
}

describe("expandNeighbors", () => {
  const edges = umlsEdges();
  const seeds = ["virus", "clinical_drug"];

  it("reports every edge within the hops once, at the ring of its nearer end (real UMLS graph)", async () => {
    expect(edges.length).toBeGreaterThan(5000);
    const dist = distances(edges, seeds);
    const expected = edges
      .map((e) => ({ ...e, hop: Math.min(dist.get(e.head) ?? 99, dist.get(e.tail) ?? 99) + 1 }))
      .filter((e) => e.hop <= 2);
    const got = await expandNeighbors(seeds, { hops: 2, limit: 1_000_000 }, stepOver(edges));
    const key = (e: StoredEdge & { hop: number }) => `${e.head} ${e.relation} ${e.tail} ${e.hop}`;
    expect(got.map(key).sort()).toEqual(expected.map(key).sort());
    expect(new Set(got.map(key)).size).toBe(got.length);
  });

  it("keeps only the asked relations and stops at the limit", async () => {
    const isa = await expandNeighbors(seeds, { hops: 3, relations: ["isa"] }, stepOver(edges));
    expect(isa.length).toBeGreaterThan(0);
    expect(isa.every((e) => e.relation === "isa")).toBe(true);
    const limited = await expandNeighbors(seeds, { hops: 3, limit: 25 }, stepOver(edges));
    expect(limited).toHaveLength(25);
    expect(await expandNeighbors(["no-such-node"], {}, stepOver(edges))).toEqual([]);
  });
});
