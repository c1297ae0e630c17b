import type { NeighborEdge, NeighborOptions } from "@knowfuse/core";

/** One edge as a store returns it, before its hop is known. */
export type StoredEdge = Omit<NeighborEdge, "hop">;

/**
 * Fetches the edges touching any of `frontier` (both directions), keeping only
 * `relations` when not null, ordered by (head, relation, tail), at most `limit`.
 */
export type EdgeStep = (
  frontier: string[],
  relations: string[] | null,
  limit: number,
) => Promise<StoredEdge[]>;

/**
 * The breadth-first expansion behind `KnowledgeGraph.neighbors`, shared by the
 * stores so they agree: hop 1 holds the edges touching a seed, hop `k` those
 * touching a node first reached at hop `k - 1`; an edge is reported once, at
 * its first hop; at most `limit` edges in all (default 1000), `hops` rings
 * (default 1). `step` is the store's one round trip per ring.
 */
export async function expandNeighbors(
  ids: readonly string[],
  options: NeighborOptions,
  step: EdgeStep,
): Promise<NeighborEdge[]> {
  const hops = options.hops ?? 1;
  const limit = options.limit ?? 1000;
  const relations = options.relations ? [...options.relations] : null;
  const seen = new Set(ids);
  const edges = new Map<string, NeighborEdge>();
  let frontier = [...seen];
  for (let hop = 1; hop <= hops && frontier.length > 0 && edges.size < limit; hop += 1) {
    const next: string[] = [];
    for (const row of await step(frontier, relations, limit + edges.size)) {
      const key = `${row.head}\u0000${row.relation}\u0000${row.tail}`;
      if (edges.has(key)) continue;
      if (edges.size >= limit) break;
      edges.set(key, { head: row.head, relation: row.relation, tail: row.tail, weight: row.weight, hop });
      for (const node of [row.head, row.tail]) {
        if (!seen.has(node)) {
          seen.add(node);
          next.push(node);
        }
      }
    }
    frontier = next;
  }
  return [...edges.values()];
}
