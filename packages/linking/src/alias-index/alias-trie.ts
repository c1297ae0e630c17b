import type { AliasEntry } from "@knowfuse/core";
import { packStrings, type StringTable, stringAt } from "../cache/string-table.js";

/** One alias of a trie node: the entity it names, its prior and its key (e.g. a WordNet sense key). */
export interface AliasHit {
  entityId: string;
  prior: number;
  /** The normalised alias form. */
  normalized: string;
  key?: string;
}

/** A compact row of an {@link AliasTrie}: `[normalized, entityId, prior, key]`. */
export type AliasRow = [string, string, number, string | null];

/**
 * An {@link AliasTrie}'s compiled state, as saved on disk (see
 * `encodeAliasTrie`): its tables as they are, and its strings in one text cut
 * by end offsets, so that loading copies arrays rather than rebuilding the
 * trie, and hit records are made only for the nodes a caller reaches.
 */
export interface AliasTrieSnapshot extends StringTable {
  /** Number of aliases held. */
  size: number;
  /** Number of edges. */
  edges: number;
  /** Log2 of the edge table's slot count. */
  edgeBits: number;
  edgeTable: Int32Array;
  edgeFilter: Int32Array;
  hitBits: Int32Array;
  /** Number of nodes, the root included. */
  nodeCount: number;
  /**
   * Every string (see {@link StringTable}): the pieces by number, then per hit
   * (in node order) its entity id, normalised form and key ("" when it has none).
   */
  text: string;
  /** Number of pieces (the first strings). */
  pieceCount: number;
  /** `nodeCount + 1` offsets: node `v`'s hits are numbers `hitStarts[v]..hitStarts[v+1]`. */
  hitStarts: Int32Array;
  /** Prior of each hit. */
  priors: Float64Array;
  /** 1 where a hit has a key. */
  hasKey: Uint8Array;
}

const PIECE_SPLIT = /[\s-]+/;
const SPLITTABLE = /[\s-]/;

/** True when `text` holds no space or hyphen (a normalised form of one piece); cheaper than the regex on the usual case. */
function isSinglePiece(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 45) return false;
    if (c < 32 || c >= 0xa0) return !SPLITTABLE.test(text);
  }
  return true;
}

/**
 * Splits a normalised form into the pieces the trie walks over: words
 * separated by spaces or hyphens, so "change-ringing" and "change ringing" meet.
 */
export function splitPieces(normalized: string): string[] {
  if (normalized !== "" && isSinglePiece(normalized)) return [normalized];
  return normalized.split(PIECE_SPLIT).filter((p) => p !== "");
}

/**
 * A token trie over normalised aliases. Each edge is one piece (see
 * {@link splitPieces}); a node holds the aliases that end there. Pieces are
 * interned as numbers and every edge sits in one open-addressing table keyed
 * by (node, piece), so a step is a probe or two in typed arrays rather than a
 * string lookup in a per-node map. Lookups never build regular expressions
 * from aliases, so any characters are safe.
 *
 * @example
 * ```ts
 * const trie = AliasTrie.fromEntries([{ alias: "Pet store", normalized: "pet store", entityId: "c:pet_store", prior: 1 }]);
 * let node = trie.step(AliasTrie.ROOT, "pet");
 * node = trie.step(node, "store");
 * trie.hits(node); // [{ entityId: "c:pet_store", prior: 1, normalized: "pet store" }]
 * ```
 */
export class AliasTrie {
  /** The root node id. */
  static readonly ROOT = 0;
  readonly #pieces = new Map<string, number>();
  /** Hit lists by node; a trie loaded from a snapshot fills them on first use (see {@link AliasTrie.hits}). */
  #hits: (AliasHit[] | undefined)[] = [undefined];
  /** The snapshot a trie was loaded from, whose hit lists are made on demand. */
  #snapshot: AliasTrieSnapshot | undefined;
  /** One bit per node, set where some alias ends (see {@link AliasTrie.hasHits}). */
  #hitBits: Int32Array = new Int32Array(32);
  /**
   * Edge table: slot `s` holds the edge from node `#edgeTable[4s]` (-1: empty)
   * along piece `#edgeTable[4s + 1]` to node `#edgeTable[4s + 2]`. A slot's
   * fields share 16 aligned bytes, so that a probe reads one cache line.
   */
  #edgeBits = 10;
  #edgeTable: Int32Array = emptyEdgeTable(1 << 10);
  /** One bit per value of an edge's hash (its low bits), set for every edge: a clear bit means no such edge. */
  #edgeFilter: Int32Array = new Int32Array(EDGE_FILTER_WORDS);
  #edges = 0;
  #size = 0;
  /** {@link AliasTrie.hitsOf} lists of several nodes, by {@link nodeListKey}. */
  readonly #merged = new Map<number | string, readonly AliasHit[]>();

  /** Builds a trie from alias entries. */
  static fromEntries(entries: Iterable<AliasEntry>): AliasTrie {
    const trie = new AliasTrie();
    for (const e of entries) trie.add(e.normalized, e.entityId, e.prior, e.key);
    return trie;
  }

  /** Builds a trie from saved rows (see {@link AliasTrie.rows}). */
  static fromRows(rows: readonly AliasRow[]): AliasTrie {
    const trie = new AliasTrie();
    for (const [normalized, entityId, prior, key] of rows)
      trie.add(normalized, entityId, prior, key ?? undefined);
    return trie;
  }

  /** Loads a trie from its compiled state (see {@link AliasTrie.snapshot}); the snapshot's arrays are taken, not copied. */
  static fromSnapshot(snapshot: AliasTrieSnapshot): AliasTrie {
    const trie = new AliasTrie();
    for (let p = 0; p < snapshot.pieceCount; p++) trie.#pieces.set(stringAt(snapshot, p), p);
    // Grown by push like a compiled trie's: a packed array (`new Array(n)` would be a holey one).
    const hits = trie.#hits;
    for (let v = 1; v < snapshot.nodeCount; v++) hits.push(undefined);
    trie.#hitBits = snapshot.hitBits;
    trie.#edgeBits = snapshot.edgeBits;
    trie.#edgeTable = snapshot.edgeTable;
    trie.#edgeFilter = snapshot.edgeFilter;
    trie.#edges = snapshot.edges;
    trie.#size = snapshot.size;
    trie.#snapshot = snapshot;
    return trie;
  }

  /** The trie's compiled state, for saving (see {@link AliasTrie.fromSnapshot}). */
  snapshot(): AliasTrieSnapshot {
    const strings = [...this.#pieces.keys()];
    const hitStarts = new Int32Array(this.#hits.length + 1);
    const priors: number[] = [];
    const hasKey: number[] = [];
    for (let v = 0; v < this.#hits.length; v++) {
      for (const h of this.hits(v)) {
        strings.push(h.entityId, h.normalized, h.key ?? "");
        priors.push(h.prior);
        hasKey.push(h.key === undefined ? 0 : 1);
      }
      hitStarts[v + 1] = priors.length;
    }
    const { text, ends } = packStrings(strings);
    return {
      size: this.#size,
      edges: this.#edges,
      edgeBits: this.#edgeBits,
      edgeTable: this.#edgeTable,
      edgeFilter: this.#edgeFilter,
      hitBits: this.#hitBits,
      nodeCount: this.#hits.length,
      text,
      ends,
      pieceCount: this.#pieces.size,
      hitStarts,
      priors: Float64Array.from(priors),
      hasKey: Uint8Array.from(hasKey),
    };
  }

  /** Number of aliases held. */
  get size(): number {
    return this.#size;
  }

  /** Adds one alias; forms with no pieces (empty, only spaces or hyphens) are ignored. */
  add(normalized: string, entityId: string, prior: number, key?: string): void {
    const pieces = splitPieces(normalized);
    if (pieces.length === 0) return;
    let node = AliasTrie.ROOT;
    for (const text of pieces) {
      let piece = this.#pieces.get(text);
      if (piece === undefined) {
        piece = this.#pieces.size;
        this.#pieces.set(text, piece);
      }
      let next = this.stepPiece(node, piece);
      if (next < 0) {
        next = this.#hits.length;
        this.#hits.push(undefined);
        this.#addEdge(node, piece, next);
      }
      node = next;
    }
    const hit: AliasHit =
      key === undefined ? { entityId, prior, normalized } : { entityId, prior, normalized, key };
    const list = this.#hits[node] ?? this.#snapshotHits(node);
    if (list) list.push(hit);
    else {
      this.#hits[node] = [hit];
      if (node >>> 5 >= this.#hitBits.length) {
        const grown = new Int32Array(2 * ((node >>> 5) + 1));
        grown.set(this.#hitBits);
        this.#hitBits = grown;
      }
      this.#hitBits[node >>> 5]! |= 1 << (node & 31);
    }
    this.#size++;
  }

  /** The number of a piece (a word of some alias), or -1 when no alias holds it. */
  pieceId(piece: string): number {
    return this.#pieces.get(piece) ?? -1;
  }

  /** The child of `node` along `piece`, or -1. */
  step(node: number, piece: string): number {
    const id = this.#pieces.get(piece);
    return id === undefined ? -1 : this.stepPiece(node, id);
  }

  /** The child of `node` along the piece numbered `piece` (see {@link AliasTrie.pieceId}), or -1. */
  stepPiece(node: number, piece: number): number {
    if (piece < 0) return -1;
    const hash = edgeHash(node, piece);
    // Most steps lead nowhere, and the filter (small enough to stay in cache) says so.
    if ((this.#edgeFilter[(hash & FILTER_MASK) >>> 5]! & (1 << (hash & 31))) === 0) return -1;
    const table = this.#edgeTable;
    const mask = (table.length >>> 2) - 1;
    let slot = hash >>> (32 - this.#edgeBits);
    for (;;) {
      const at = slot << 2;
      const from = table[at]!;
      if (from === -1) return -1;
      if (from === node && table[at + 1] === piece) return table[at + 2]!;
      slot = (slot + 1) & mask;
    }
  }

  #addEdge(node: number, piece: number, child: number): void {
    if (2 * (this.#edges + 1) > this.#edgeTable.length >>> 2) this.#growEdges();
    const table = this.#edgeTable;
    const mask = (table.length >>> 2) - 1;
    const hash = edgeHash(node, piece);
    this.#edgeFilter[(hash & FILTER_MASK) >>> 5]! |= 1 << (hash & 31);
    let slot = hash >>> (32 - this.#edgeBits);
    while (table[slot << 2] !== -1) slot = (slot + 1) & mask;
    table[slot << 2] = node;
    table[(slot << 2) + 1] = piece;
    table[(slot << 2) + 2] = child;
    this.#edges++;
  }

  #growEdges(): void {
    const old = this.#edgeTable;
    this.#edgeBits++;
    this.#edgeTable = emptyEdgeTable(1 << this.#edgeBits);
    this.#edges = 0;
    for (let at = 0; at < old.length; at += 4)
      if (old[at] !== -1) this.#addEdge(old[at]!, old[at + 1]!, old[at + 2]!);
  }

  /** Walks every piece of a normalised form from `node`; -1 when the path leaves the trie. */
  walk(node: number, normalized: string): number {
    if (normalized !== "" && isSinglePiece(normalized)) return this.step(node, normalized);
    for (const piece of splitPieces(normalized)) {
      node = this.step(node, piece);
      if (node < 0) return -1;
    }
    return node;
  }

  /** True when some alias ends at `node` (a bit test: detection asks for every state of every walk). */
  hasHits(node: number): boolean {
    return ((this.#hitBits[node >>> 5] ?? 0) & (1 << (node & 31))) !== 0;
  }

  /** The aliases ending at `node` (empty when none). */
  hits(node: number): readonly AliasHit[] {
    return this.#hits[node] ?? this.#snapshotHits(node) ?? NO_HITS;
  }

  /** Makes (once) and returns the hit list of `node` from the snapshot the trie was loaded from, if any. */
  #snapshotHits(node: number): AliasHit[] | undefined {
    const s = this.#snapshot;
    if (s === undefined || node < 0 || node >= s.nodeCount || !this.hasHits(node)) return undefined;
    const string = (k: number) => stringAt(s, k);
    const list: AliasHit[] = [];
    for (let h = s.hitStarts[node]!; h < s.hitStarts[node + 1]!; h++) {
      const at = s.pieceCount + 3 * h;
      const entityId = string(at);
      const prior = s.priors[h]!;
      const normalized = string(at + 1);
      list.push(
        s.hasKey[h] ? { entityId, prior, normalized, key: string(at + 2) } : { entityId, prior, normalized },
      );
    }
    this.#hits[node] = list;
    return list;
  }

  /**
   * The aliases ending at any of `nodes`, in order (a mention whose surface
   * and lemma forms both end on aliases); lists of several nodes are memoised.
   */
  hitsOf(nodes: readonly number[]): readonly AliasHit[] {
    if (nodes.length === 1) return this.hits(nodes[0]!);
    const key = nodeListKey(nodes);
    let list = this.#merged.get(key);
    if (list === undefined) {
      list = nodes.flatMap((n) => this.hits(n));
      if (this.#merged.size >= MERGED_LIMIT) this.#merged.clear();
      this.#merged.set(key, list);
    }
    return list;
  }

  /** The aliases whose normalised form splits into the same pieces as `normalized`. */
  lookup(normalized: string): readonly AliasHit[] {
    const node = this.walk(AliasTrie.ROOT, normalized);
    return node <= 0 ? [] : this.hits(node);
  }

  /** Every alias as a compact row, for saving. */
  rows(): AliasRow[] {
    const out: AliasRow[] = [];
    for (let v = 0; v < this.#hits.length; v++) {
      for (const h of this.hits(v)) out.push([h.normalized, h.entityId, h.prior, h.key ?? null]);
    }
    return out;
  }
}

const NO_HITS: readonly AliasHit[] = [];

/** The edge filter has 2^21 bits (256 KiB): about one edge in ten of a large trie's shares a set bit by chance. */
const FILTER_MASK = (1 << 21) - 1;
/** Length of the edge filter in 32-bit words (a snapshot's filter must have it). */
export const EDGE_FILTER_WORDS = (FILTER_MASK + 1) >>> 5;
/** Nodes below this make numeric {@link nodeListKey}s. */
const NODE_KEY_LIMIT = 2 ** 24;
/** Memoised {@link AliasTrie.hitsOf} lists kept before starting over. */
const MERGED_LIMIT = 100_000;

/**
 * A memo key naming a list of trie nodes: a number for one node or for two
 * (the usual cases; two-node keys are at least {@link NODE_KEY_LIMIT}, since
 * no alias ends at the root), else a string.
 */
export function nodeListKey(nodes: readonly number[]): number | string {
  const [a, b] = nodes;
  if (nodes.length === 1 && a! < NODE_KEY_LIMIT) return a!;
  if (nodes.length === 2 && a! < NODE_KEY_LIMIT && b! < NODE_KEY_LIMIT) return a! * NODE_KEY_LIMIT + b!;
  return nodes.join(",");
}

/** An edge table of `slots` empty slots (see AliasTrie's `#edgeTable`). */
function emptyEdgeTable(slots: number): Int32Array {
  const table = new Int32Array(4 * slots);
  for (let at = 0; at < table.length; at += 4) table[at] = -1;
  return table;
}

/** The hash of edge (node, piece): its top bits pick the table slot, its low bits the filter bit. */
function edgeHash(node: number, piece: number): number {
  return (Math.imul(node, 0x9e3779b1) ^ Math.imul(piece + 1, 0x85ebca6b)) >>> 0;
}
