import type { AliasEntry } from "@knowfuse/core";

/** One alias of a trie node: the entity it names, its prior and its key (e.g. a WordNet sense key). */
export interface AliasHit {
  entityId: string;
  prior: number;
  /** The normalised alias form. */
  normalized: string;
  key?: string;
}

/** A compact row of an {@link AliasTrie}, as saved on disk: `[normalized, entityId, prior, key]`. */
export type AliasRow = [string, string, number, string | null];

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
 * {@link splitPieces}); a node holds the aliases that end there. Lookups never
 * build regular expressions from aliases, so any characters are safe.
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
  readonly #children: (Map<string, number> | undefined)[] = [undefined];
  readonly #hits: (AliasHit[] | undefined)[] = [undefined];
  #size = 0;

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

  /** Number of aliases held. */
  get size(): number {
    return this.#size;
  }

  /** Adds one alias; forms with no pieces (empty, only spaces or hyphens) are ignored. */
  add(normalized: string, entityId: string, prior: number, key?: string): void {
    const pieces = splitPieces(normalized);
    if (pieces.length === 0) return;
    let node = AliasTrie.ROOT;
    for (const piece of pieces) {
      let children = this.#children[node];
      if (!children) {
        children = new Map();
        this.#children[node] = children;
      }
      let next = children.get(piece);
      if (next === undefined) {
        next = this.#children.length;
        this.#children.push(undefined);
        this.#hits.push(undefined);
        children.set(piece, next);
      }
      node = next;
    }
    const hit: AliasHit =
      key === undefined ? { entityId, prior, normalized } : { entityId, prior, normalized, key };
    const list = this.#hits[node];
    if (list) list.push(hit);
    else this.#hits[node] = [hit];
    this.#size++;
  }

  /** The child of `node` along `piece`, or -1. */
  step(node: number, piece: string): number {
    return this.#children[node]?.get(piece) ?? -1;
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

  /** True when some alias ends at `node`. */
  hasHits(node: number): boolean {
    return this.#hits[node] !== undefined;
  }

  /** The aliases ending at `node` (empty when none). */
  hits(node: number): readonly AliasHit[] {
    return this.#hits[node] ?? [];
  }

  /** The aliases whose normalised form splits into the same pieces as `normalized`. */
  lookup(normalized: string): readonly AliasHit[] {
    const node = this.walk(AliasTrie.ROOT, normalized);
    return node <= 0 ? [] : this.hits(node);
  }

  /** Every alias as a compact row, for saving. */
  rows(): AliasRow[] {
    const out: AliasRow[] = [];
    for (const list of this.#hits) {
      for (const h of list ?? []) out.push([h.normalized, h.entityId, h.prior, h.key ?? null]);
    }
    return out;
  }
}
