/** An undirected weighted graph in compressed sparse row form over nodes `0..n-1`. */
export interface SparseGraph {
  /** `offsets[i]..offsets[i+1]` index the neighbours of node i in `targets`. */
  offsets: Int32Array;
  targets: Int32Array;
  /** Edge weights, parallel to `targets`. */
  weights: Float64Array;
}

/** Options of {@link personalizedPageRank}. */
export interface PageRankOptions {
  /** Probability of following an edge rather than restarting (default 0.85). */
  damping?: number;
  /** Power iterations (default 30). */
  iterations?: number;
}

/**
 * Builds a {@link SparseGraph} from undirected edges given as node index pairs
 * (each edge is stored in both directions; weights default to 1).
 */
export function sparseGraph(nodeCount: number, edges: readonly [number, number, number?][]): SparseGraph {
  return sparseGraphFromLists(
    nodeCount,
    edges.map((e) => e[0]),
    edges.map((e) => e[1]),
    edges.map((e) => e[2] ?? 1),
  );
}

/**
 * Builds a {@link SparseGraph} from undirected edges given as parallel lists
 * (edge `e` joins `heads[e]` and `tails[e]` with weight `weights[e]`; each is
 * stored in both directions, in edge order), without allocating per edge.
 */
export function sparseGraphFromLists(
  nodeCount: number,
  heads: ArrayLike<number>,
  tails: ArrayLike<number>,
  edgeWeights: ArrayLike<number>,
): SparseGraph {
  const m = heads.length;
  const degree = new Int32Array(nodeCount + 1);
  for (let e = 0; e < m; e++) {
    degree[heads[e]! + 1]! += 1;
    degree[tails[e]! + 1]! += 1;
  }
  for (let i = 0; i < nodeCount; i++) degree[i + 1]! += degree[i]!;
  const offsets = degree.slice();
  const fill = degree.slice(0, nodeCount);
  const targets = new Int32Array(offsets[nodeCount]!);
  const weights = new Float64Array(offsets[nodeCount]!);
  for (let e = 0; e < m; e++) {
    const a = heads[e]!;
    const b = tails[e]!;
    const w = edgeWeights[e]!;
    targets[fill[a]!] = b;
    weights[fill[a]!++] = w;
    targets[fill[b]!] = a;
    weights[fill[b]!++] = w;
  }
  return { offsets, targets, weights };
}

/**
 * Personalised PageRank by power iteration: `r = (1 - d) p + d Wᵀ r` with `W`
 * the row-normalised adjacency. Mass at nodes without edges returns to `p`, so
 * the result stays a distribution. `personalization` need not be normalised.
 *
 * This is the random walk that knowledge-based WSD (UKB) runs over the senses
 * of a context: senses well connected to the other words' senses gain rank.
 */
export function personalizedPageRank(
  graph: SparseGraph,
  personalization: Float64Array,
  options: PageRankOptions = {},
): Float64Array {
  const d = options.damping ?? 0.85;
  const iterations = options.iterations ?? 30;
  const n = personalization.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += personalization[i]!;
  const p = new Float64Array(n);
  if (total <= 0) return p;
  for (let i = 0; i < n; i++) p[i] = personalization[i]! / total;
  const outWeight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = graph.offsets[i]!; k < graph.offsets[i + 1]!; k++) s += graph.weights[k]!;
    outWeight[i] = s;
  }
  let r = p.slice();
  let next = new Float64Array(n);
  for (let it = 0; it < iterations; it++) {
    next.fill(0);
    let dangling = 0;
    for (let i = 0; i < n; i++) {
      const ri = r[i]!;
      if (ri === 0) continue;
      const w = outWeight[i]!;
      if (w <= 0) {
        dangling += ri;
        continue;
      }
      const scale = (d * ri) / w;
      for (let k = graph.offsets[i]!; k < graph.offsets[i + 1]!; k++) {
        next[graph.targets[k]!]! += scale * graph.weights[k]!;
      }
    }
    const restart = 1 - d + d * dangling;
    for (let i = 0; i < n; i++) next[i]! += restart * p[i]!;
    [r, next] = [next, r];
  }
  return r;
}
