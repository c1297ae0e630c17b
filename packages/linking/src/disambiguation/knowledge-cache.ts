import type { KnowledgeGraph } from "@knowfuse/core";
import { guardStore } from "../guard-store.js";
import type { Vocabulary } from "./context-words.js";
import { type CoarsePos, entityPos } from "./entity-pos.js";
import type { KnowledgeSnapshot } from "./knowledge-snapshot.js";
import { senseNumbers } from "./sense-numbers.js";

/** What the disambiguator knows about one candidate entity. */
export interface EntityKnowledge {
  id: string;
  label: string;
  description: string;
  pos: CoarsePos | undefined;
  /** Content-word ids of the label, aliases and description. */
  descriptionWords: Int32Array;
  /** Content-word ids of the neighbours' labels and descriptions. */
  neighbourWords: Int32Array;
  /** Ids of adjacent entities, both directions, each once. */
  neighbours: string[];
  /** This entity's interned number (see {@link KnowledgeCache.intern}). */
  node: number;
  /** The interned numbers of `neighbours`. */
  neighbourNodes: Int32Array;
  /** Sense numbers by alias key, when the store records them (WordNet): the tie-break among equal priors. */
  senseNumbers: Record<string, number> | undefined;
}

/** Options of {@link KnowledgeCache}. */
export interface KnowledgeCacheOptions {
  /** Edges read per entity at most (default 64). */
  edgesPerEntity?: number;
  /** Entities kept in memory before the oldest are evicted (default 200,000). */
  capacity?: number;
  /** Knowledge of the whole store, read instead of the store for the entities it holds (see {@link KnowledgeSnapshot}). */
  snapshot?: KnowledgeSnapshot;
}

const CHUNK = 500;

/**
 * A memo of candidate knowledge read from a store in batches: labels,
 * descriptions, POS and one-hop neighbourhoods. Only entities not yet held are
 * fetched, with one `getEntities` and one `neighbors` call per chunk; with a
 * {@link KnowledgeSnapshot}, the entities it holds are read from it instead.
 */
export class KnowledgeCache {
  readonly #entities = new Map<string, EntityKnowledge>();
  readonly #labels = new Map<string, Int32Array>();
  readonly #nodes = new Map<string, number>();
  readonly #edgesPerEntity: number;
  readonly #capacity: number;
  readonly #snapshot: KnowledgeSnapshot | undefined;
  /** Vocabulary id of each snapshot word number, -1 until first needed. */
  readonly #snapshotWords: Int32Array;
  #evictions = 0;

  constructor(
    private readonly kg: KnowledgeGraph,
    private readonly vocabulary: Vocabulary,
    options: KnowledgeCacheOptions = {},
  ) {
    this.#edgesPerEntity = options.edgesPerEntity ?? 64;
    this.#capacity = options.capacity ?? 200_000;
    this.#snapshot = options.snapshot;
    this.#snapshotWords = new Int32Array(options.snapshot?.tables.wordCount ?? 0).fill(-1);
  }

  /** A small integer for an entity id, stable for the cache's life (for array-indexed graph work). */
  intern(id: string): number {
    let n = this.#nodes.get(id);
    if (n === undefined) {
      n = this.#nodes.size;
      this.#nodes.set(id, n);
    }
    return n;
  }

  /** How many ids have been interned (every interned number is below it). */
  get internedCount(): number {
    return this.#nodes.size;
  }

  /** The knowledge held for `id` (after {@link KnowledgeCache.ensure}). */
  get(id: string): EntityKnowledge | undefined {
    return this.#entities.get(id);
  }

  /** How many times entities were evicted to stay within capacity (callers memoising on held knowledge check it). */
  get evictions(): number {
    return this.#evictions;
  }

  /**
   * Fetches whatever is missing for `ids`; ids the store does not have stay
   * absent. Beyond capacity the oldest entities not asked for now are evicted.
   */
  async ensure(ids: Iterable<string>): Promise<void> {
    const wanted = new Set(ids);
    const missing: string[] = [];
    for (const id of wanted) {
      if (this.#entities.has(id)) continue;
      const i = this.#snapshot ? this.#snapshot.indexOf(id) : -1;
      if (i < 0) missing.push(id);
      else this.#entities.set(id, this.#fromSnapshot(this.#snapshot!, i));
    }
    for (let i = 0; i < missing.length; i += CHUNK) await this.#fetch(missing.slice(i, i + CHUNK));
    if (this.#entities.size > this.#capacity) {
      let drop = this.#entities.size - this.#capacity;
      for (const key of this.#entities.keys()) {
        if (drop <= 0) break;
        if (wanted.has(key)) continue;
        this.#entities.delete(key);
        drop--;
      }
      this.#labels.clear();
      this.#evictions++;
    }
  }

  /** The knowledge of snapshot entity `i`, its words numbered in the vocabulary. */
  #fromSnapshot(snapshot: KnowledgeSnapshot, i: number): EntityKnowledge {
    const e = snapshot.entity(i);
    const toVocabulary = (words: Int32Array) => {
      for (let k = 0; k < words.length; k++) {
        const w = words[k]!;
        let id = this.#snapshotWords[w]!;
        if (id < 0) {
          id = this.vocabulary.id(snapshot.word(w));
          this.#snapshotWords[w] = id;
        }
        words[k] = id;
      }
      return words;
    };
    return {
      id: e.id,
      label: e.label,
      description: e.description,
      pos: e.pos,
      descriptionWords: toVocabulary(e.descriptionWords),
      neighbourWords: toVocabulary(e.neighbourWords),
      neighbours: e.neighbours,
      node: this.intern(e.id),
      neighbourNodes: Int32Array.from(e.neighbours, (n) => this.intern(n)),
      senseNumbers: e.senseNumbers,
    };
  }

  async #fetch(ids: string[]): Promise<void> {
    const kg = this.kg;
    const entities = await guardStore(kg, "getEntities", () => kg.getEntities(ids));
    const edges = await guardStore(kg, "neighbors", () =>
      kg.neighbors(ids, { hops: 1, limit: ids.length * this.#edgesPerEntity }),
    );
    const wanted = new Set(ids);
    const adjacency = new Map<string, string[]>();
    const push = (from: string, to: string) => {
      if (!wanted.has(from) || from === to) return;
      const list = adjacency.get(from);
      if (!list) adjacency.set(from, [to]);
      else if (list.length < this.#edgesPerEntity && !list.includes(to)) list.push(to);
    };
    for (const e of edges) {
      push(e.head, e.tail);
      push(e.tail, e.head);
    }
    const unknown = new Set<string>();
    for (const list of adjacency.values()) for (const n of list) if (!this.#labels.has(n)) unknown.add(n);
    const other = [...unknown];
    for (let i = 0; i < other.length; i += CHUNK) {
      const part = other.slice(i, i + CHUNK);
      const found = await guardStore(kg, "getEntities", () => kg.getEntities(part));
      for (const id of part) {
        const e = found.get(id);
        this.#labels.set(id, this.vocabulary.bag(e ? `${e.label} ${e.description ?? ""}` : ""));
      }
    }
    for (const id of ids) {
      const e = entities.get(id);
      if (!e) continue;
      const neighbours = adjacency.get(id) ?? [];
      const words = new Set<number>();
      for (const n of neighbours) for (const w of this.#labels.get(n) ?? []) words.add(w);
      this.#entities.set(id, {
        id,
        label: e.label,
        description: e.description ?? "",
        pos: entityPos(e),
        descriptionWords: this.vocabulary.bag(
          `${e.label} ${e.aliases.map((a) => a.text).join(" ")} ${e.description ?? ""}`,
        ),
        neighbourWords: Int32Array.from(words),
        neighbours,
        node: this.intern(id),
        neighbourNodes: Int32Array.from(neighbours, (n) => this.intern(n)),
        senseNumbers: senseNumbers(e.properties?.senseNumbers),
      });
    }
  }
}
