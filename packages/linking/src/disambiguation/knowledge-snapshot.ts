import { type KnowledgeGraph, type ProgressListener, ProgressReporter } from "@knowfuse/core";
import type { WordRarity } from "../alias-index/load-word-rarity.js";
import { packStrings, type StringTable, stringAt } from "../cache/string-table.js";
import { guardStore } from "../guard-store.js";
import { contentWords, Vocabulary } from "./context-words.js";
import { type CoarsePos, entityPos } from "./entity-pos.js";
import { senseNumbers } from "./sense-numbers.js";

/** Parts of speech by their code in {@link KnowledgeSnapshotTables.pos} (0: none). */
const POS_BY_CODE: readonly (CoarsePos | undefined)[] = [undefined, "n", "v", "a", "r"];

/**
 * The tables of a {@link KnowledgeSnapshot}. Its strings sit in `text`, cut by
 * `ends` (string `k` runs from `ends[k-1]` to `ends[k]`): first the ids (the
 * entities', then those of edge ends that are no entity of the store), then
 * per entity its label, description and sense numbers as JSON ("" when it has
 * none), then the words. Words are numbered by their place in that list.
 */
export interface KnowledgeSnapshotTables extends StringTable {
  /** Entities, numbered from 0. */
  entityCount: number;
  /** Ids: the entities', then other edge ends'. */
  idCount: number;
  /** Distinct content words. */
  wordCount: number;
  /** Per entity, its part of speech's code (see `POS_BY_CODE`). */
  pos: Uint8Array;
  /** `entityCount + 1` offsets: entity `i`'s description words are `descriptionWords[descriptionStarts[i]..descriptionStarts[i+1])`. */
  descriptionStarts: Int32Array;
  /** Content words of each entity's label, aliases and description, in order of first occurrence. */
  descriptionWords: Int32Array;
  /** `idCount + 1` offsets into `labelWords` (empty for ids that are no entity). */
  labelStarts: Int32Array;
  /** Content words of each id's label and description, as its neighbours see them. */
  labelWords: Int32Array;
  /** `entityCount + 1` offsets into `neighbours`. */
  neighbourStarts: Int32Array;
  /** Each entity's neighbours (ids by number), in the store's edge order. */
  neighbours: Int32Array;
}

/** What a {@link KnowledgeSnapshot} holds of one entity; word arrays hold the snapshot's word numbers. */
export interface SnapshotEntity {
  id: string;
  label: string;
  description: string;
  pos: CoarsePos | undefined;
  senseNumbers: Record<string, number> | undefined;
  /** Content words of the label, aliases and description. */
  descriptionWords: Int32Array;
  /** Content words of the neighbours' labels and descriptions, each once, in neighbour order. */
  neighbourWords: Int32Array;
  /** Adjacent entities, both directions, each once. */
  neighbours: string[];
}

/** Options of {@link KnowledgeSnapshot.build}. */
export interface KnowledgeSnapshotBuildOptions {
  /** Neighbours kept per entity, in edge order (as the knowledge cache reads them; default 64). */
  edgesPerEntity?: number;
  /**
   * A store with more entities than this gets an empty snapshot (the pass
   * stops there), so that a huge graph is never held whole in memory
   * (default 500,000).
   */
  maxEntities?: number;
  onProgress?: ProgressListener;
}

/**
 * What the disambiguator needs of every entity of a store (labels,
 * descriptions, parts of speech, content words, neighbourhoods), read in one
 * pass over `streamEntities()` and `streamRelations()` and kept as flat
 * tables, so that a fresh linker reads candidate knowledge from memory (or
 * from its disk cache) instead of querying the store per batch. It holds what
 * `KnowledgeCache` reads from the store: the same neighbours (the first
 * `edgesPerEntity` in the order head, relation, tail) and the same words.
 *
 * @example
 * ```ts
 * const snapshot = await KnowledgeSnapshot.build(kg);
 * const i = snapshot.indexOf("wn:02084071-n");
 * snapshot.entity(i).neighbours; // ["wn:01317541-n", ...]
 * ```
 */
export class KnowledgeSnapshot {
  /** Entity number by id, made on first use. */
  #index: Map<string, number> | undefined;
  /** Scratch of {@link KnowledgeSnapshot.entity}: per word, the stamp of the last call that met it. */
  #seen: Int32Array | undefined;
  #stamp = 0;
  #union = new Int32Array(256);

  constructor(readonly tables: KnowledgeSnapshotTables) {}

  /** Reads every entity and relation of `kg` into a snapshot. */
  static async build(
    kg: KnowledgeGraph,
    options: KnowledgeSnapshotBuildOptions = {},
  ): Promise<KnowledgeSnapshot> {
    const cap = options.edgesPerEntity ?? 64;
    const maxEntities = options.maxEntities ?? 500_000;
    const progress = new ProgressReporter("linking:knowledge-snapshot", "entities", options.onProgress);
    const words = new Vocabulary();
    const ids: string[] = [];
    const index = new Map<string, number>();
    const entityStrings: string[] = [];
    const pos: number[] = [];
    const description = new FlatLists();
    const label = new FlatLists();
    let tooMany = false;
    await guardStore(kg, "streamEntities", async () => {
      for await (const e of kg.streamEntities()) {
        if (index.has(e.id)) continue;
        if (ids.length === maxEntities) {
          tooMany = true;
          break;
        }
        index.set(e.id, ids.length);
        ids.push(e.id);
        const senses = senseNumbers(e.properties?.senseNumbers);
        entityStrings.push(e.label, e.description ?? "", senses ? JSON.stringify(senses) : "");
        pos.push(POS_BY_CODE.indexOf(entityPos(e)));
        // The bags the knowledge cache makes of "label aliases description" and of
        // "label description", from each part's words found once.
        const wordIds = (text: string) => contentWords(text).map((w) => words.id(w));
        const own = wordIds(e.label);
        const aliases = wordIds(e.aliases.map((a) => a.text).join(" "));
        const about = wordIds(e.description ?? "");
        description.push(new Set([...own, ...aliases, ...about]));
        label.push(new Set([...own, ...about]));
        if ((ids.length & 4095) === 0) progress.report(ids.length);
      }
    });
    if (tooMany) {
      progress.finish(0);
      return KnowledgeSnapshot.empty();
    }
    const entityCount = ids.length;
    const number = (id: string) => {
      let n = index.get(id);
      if (n === undefined) {
        n = ids.length;
        index.set(id, n);
        ids.push(id);
      }
      return n;
    };
    const heads: number[] = [];
    const tails: number[] = [];
    // Relation names by number, and each edge's.
    const relationNumbers = new Map<string, number>();
    const relations: number[] = [];
    await guardStore(kg, "streamRelations", async () => {
      for await (const r of kg.streamRelations()) {
        heads.push(number(r.head));
        tails.push(number(r.tail));
        let relation = relationNumbers.get(r.relation);
        if (relation === undefined) {
          relation = relationNumbers.size;
          relationNumbers.set(r.relation, relation);
        }
        relations.push(relation);
      }
    });
    for (let n = entityCount; n < ids.length; n++) label.push(EMPTY);
    const neighbours = new FlatLists();
    const edges = { heads, relations, tails, relationNames: [...relationNumbers.keys()] };
    for (const list of adjacency(ids, entityCount, edges, cap)) neighbours.push(list);
    const { text, ends } = packStrings([...ids, ...entityStrings, ...words.words()]);
    progress.finish(entityCount);
    return new KnowledgeSnapshot({
      entityCount,
      idCount: ids.length,
      wordCount: words.size,
      text,
      ends,
      pos: Uint8Array.from(pos),
      descriptionStarts: description.starts(),
      descriptionWords: description.items(),
      labelStarts: label.starts(),
      labelWords: label.items(),
      neighbourStarts: neighbours.starts(),
      neighbours: neighbours.items(),
    });
  }

  /** A snapshot that holds no entity (every lookup then goes to the store). */
  static empty(): KnowledgeSnapshot {
    const none = new Int32Array(0);
    const start = new Int32Array(1);
    return new KnowledgeSnapshot({
      entityCount: 0,
      idCount: 0,
      wordCount: 0,
      text: "",
      ends: none,
      pos: new Uint8Array(0),
      descriptionStarts: start,
      descriptionWords: none,
      labelStarts: start,
      labelWords: none,
      neighbourStarts: start,
      neighbours: none,
    });
  }

  /** Number of entities. */
  get size(): number {
    return this.tables.entityCount;
  }

  /** The number of the entity `id`, or -1 when the store had no such entity. */
  indexOf(id: string): number {
    if (this.#index === undefined) {
      const index = new Map<string, number>();
      for (let i = 0; i < this.tables.entityCount; i++) index.set(this.#string(i), i);
      this.#index = index;
    }
    return this.#index.get(id) ?? -1;
  }

  /**
   * In how many entities' labels, aliases and descriptions each word occurs:
   * what `loadWordRarity` counts in a pass of its own, read from the
   * description bags (each holds an entity's distinct words).
   */
  wordRarity(): WordRarity {
    const t = this.tables;
    const counts = new Int32Array(t.wordCount);
    for (const w of t.descriptionWords) counts[w]!++;
    const df = new Map<string, number>();
    for (let w = 0; w < t.wordCount; w++) df.set(this.word(w), counts[w]!);
    return { documents: t.entityCount, df };
  }

  /** Word number `w` (see {@link SnapshotEntity.descriptionWords}). */
  word(w: number): string {
    const t = this.tables;
    return this.#string(t.idCount + 3 * t.entityCount + w);
  }

  /** What the snapshot holds of entity number `i`. */
  entity(i: number): SnapshotEntity {
    const t = this.tables;
    const base = t.idCount + 3 * i;
    const senses = this.#string(base + 2);
    const neighbours = t.neighbours.subarray(t.neighbourStarts[i]!, t.neighbourStarts[i + 1]!);
    // The union of the neighbours' label words, each once in order of first occurrence: a word
    // is new when its mark is not this call's stamp (cheaper than a Set for thousands of calls).
    this.#seen ??= new Int32Array(t.wordCount);
    const seen = this.#seen;
    const stamp = ++this.#stamp;
    let union = this.#union;
    let count = 0;
    for (const n of neighbours) {
      for (let k = t.labelStarts[n]!; k < t.labelStarts[n + 1]!; k++) {
        const w = t.labelWords[k]!;
        if (seen[w] === stamp) continue;
        seen[w] = stamp;
        if (count === union.length) {
          union = new Int32Array(2 * union.length);
          union.set(this.#union);
          this.#union = union;
        }
        union[count++] = w;
      }
    }
    return {
      id: this.#string(i),
      label: this.#string(base),
      description: this.#string(base + 1),
      pos: POS_BY_CODE[t.pos[i]!],
      senseNumbers: senses === "" ? undefined : (JSON.parse(senses) as Record<string, number>),
      descriptionWords: t.descriptionWords.slice(t.descriptionStarts[i]!, t.descriptionStarts[i + 1]!),
      neighbourWords: union.slice(0, count),
      neighbours: Array.from(neighbours, (n) => this.#string(n)),
    };
  }

  #string(k: number): string {
    return stringAt(this.tables, k);
  }
}

const EMPTY = new Int32Array(0);

/** Lists of numbers appended one after another, kept as one array and offsets. */
class FlatLists {
  readonly #items: number[] = [];
  readonly #starts: number[] = [0];

  push(list: Iterable<number>): void {
    for (const item of list) this.#items.push(item);
    this.#starts.push(this.#items.length);
  }

  starts(): Int32Array {
    return Int32Array.from(this.#starts);
  }

  items(): Int32Array {
    return Int32Array.from(this.#items);
  }
}

/** Edges by number: edge `k` runs from id `heads[k]` along relation `relationNames[relations[k]]` to id `tails[k]`. */
interface NumberedEdges {
  heads: readonly number[];
  relations: readonly number[];
  tails: readonly number[];
  relationNames: readonly string[];
}

/**
 * Each entity's neighbours (the first `entityCount` of `ids` are entities):
 * both directions, each once, never itself, at most `cap`, in the order the
 * store's neighbour queries give edges (head, relation, tail).
 */
function adjacency(
  ids: readonly string[],
  entityCount: number,
  edges: NumberedEdges,
  cap: number,
): number[][] {
  const { heads, relations, tails } = edges;
  const rank = ranks(ids);
  const relationRank = ranks(edges.relationNames);
  const order = Int32Array.from(heads, (_, k) => k).sort(
    (a, b) =>
      rank[heads[a]!]! - rank[heads[b]!]! ||
      relationRank[relations[a]!]! - relationRank[relations[b]!]! ||
      rank[tails[a]!]! - rank[tails[b]!]!,
  );
  const lists: number[][] = Array.from({ length: entityCount }, () => []);
  const link = (from: number, to: number) => {
    if (from >= entityCount || from === to) return;
    const list = lists[from]!;
    if (list.length < cap && !list.includes(to)) list.push(to);
  };
  for (const k of order) {
    link(heads[k]!, tails[k]!);
    link(tails[k]!, heads[k]!);
  }
  return lists;
}

/** Each string's rank in code-unit order (equal strings share a rank). */
function ranks(strings: readonly string[]): Int32Array {
  const order = Array.from(strings.keys()).sort((a, b) =>
    strings[a]! < strings[b]! ? -1 : strings[a]! > strings[b]! ? 1 : 0,
  );
  const out = new Int32Array(strings.length);
  let rank = 0;
  order.forEach((k, i) => {
    if (i > 0 && strings[k] !== strings[order[i - 1]!]) rank++;
    out[k] = rank;
  });
  return out;
}
