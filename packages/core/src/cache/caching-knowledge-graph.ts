import { z } from "zod";
import type {
  AliasEntry,
  CandidateLookupOptions,
  EmbeddingSpaceInfo,
  GraphStats,
  KnowledgeGraph,
  KnowledgeGraphWriter,
  NeighborEdge,
  NeighborOptions,
} from "../interfaces/knowledge-graph.js";
import type { Candidate } from "../model/candidate.js";
import type { Entity } from "../model/entity.js";
import type { Relation } from "../model/relation.js";
import { parseWith } from "../registry/parse-with.js";
import { type CacheStats, LruCache, LruCacheOptionsSchema } from "./lru-cache.js";

/** Schema of {@link CachingKnowledgeGraph} options: one size per cache. */
export const CachingKnowledgeGraphOptionsSchema = z.strictObject({
  /** Candidate lists by (surface, lookup options). */
  candidates: LruCacheOptionsSchema.default({ maxEntries: 50_000 }),
  /** Entities by id (absent ids are remembered too). */
  entities: LruCacheOptionsSchema.default({ maxEntries: 50_000 }),
  /** Vectors by (space, id) (ids without a vector are remembered too). */
  embeddings: LruCacheOptionsSchema.default({ maxEntries: 100_000 }),
});

/** Options of {@link CachingKnowledgeGraph}. */
export type CachingKnowledgeGraphOptions = z.input<typeof CachingKnowledgeGraphOptionsSchema>;

/** Hits and misses of each cache of a {@link CachingKnowledgeGraph}. */
export interface KnowledgeGraphCacheStats {
  candidates: CacheStats;
  entities: CacheStats;
  embeddings: CacheStats;
}

const SEP = "\u0000";

function lookupKey(options: CandidateLookupOptions | undefined): string {
  return `${options?.limit ?? ""}|${options?.fuzzy ?? ""}|${options?.minSimilarity ?? ""}`;
}

/**
 * A {@link KnowledgeGraph} that remembers candidates of repeating surfaces,
 * entities and embeddings in LRU caches shared across documents, and asks the
 * wrapped store only for what it has not seen (in one batched call). Every
 * write through it clears the caches; writes made to the store behind its back
 * are not seen. Cached arrays are copied out; vectors are shared (do not
 * modify them). Closing it closes the wrapped store.
 *
 * @example
 * ```ts
 * const cached = new CachingKnowledgeGraph(store, { embeddings: { maxEntries: 200_000 } });
 * await cached.getEmbeddings("transe", ids);
 * console.log(cached.cacheStats().embeddings.hits);
 * ```
 */
export class CachingKnowledgeGraph implements KnowledgeGraph {
  readonly #inner: KnowledgeGraph;
  readonly #candidates: LruCache<string, Candidate[]>;
  readonly #entities: LruCache<string, Entity | null>;
  readonly #embeddings: LruCache<string, Float32Array | null>;

  constructor(inner: KnowledgeGraph, options: CachingKnowledgeGraphOptions = {}) {
    const sizes = parseWith(
      CachingKnowledgeGraphOptionsSchema,
      options,
      "graph cache options",
      "INVALID_CONFIG",
    );
    this.#inner = inner;
    this.#candidates = new LruCache(sizes.candidates);
    this.#entities = new LruCache(sizes.entities);
    this.#embeddings = new LruCache(sizes.embeddings);
  }

  /** The wrapped store's kind. */
  get kind(): string {
    return this.#inner.kind;
  }

  /** The wrapped store. */
  get inner(): KnowledgeGraph {
    return this.#inner;
  }

  /** Hit and miss counts of the three caches. */
  cacheStats(): KnowledgeGraphCacheStats {
    return {
      candidates: this.#candidates.stats(),
      entities: this.#entities.stats(),
      embeddings: this.#embeddings.stats(),
    };
  }

  /** Empties every cache (e.g. after the store was changed by someone else). */
  invalidate(): void {
    this.#candidates.clear();
    this.#entities.clear();
    this.#embeddings.clear();
  }

  async lookupCandidates(
    surfaces: readonly string[],
    options?: CandidateLookupOptions,
  ): Promise<Candidate[][]> {
    const prefix = `${lookupKey(options)}${SEP}`;
    const out: (Candidate[] | undefined)[] = surfaces.map((s) => this.#candidates.get(prefix + s));
    const missing = [...new Set(surfaces.filter((_, i) => out[i] === undefined))];
    if (missing.length > 0) {
      const found = await this.#inner.lookupCandidates(missing, options);
      const bySurface = new Map<string, Candidate[]>();
      missing.forEach((s, i) => {
        const list = found[i] ?? [];
        bySurface.set(s, list);
        this.#candidates.set(prefix + s, list);
      });
      surfaces.forEach((s, i) => {
        out[i] ??= bySurface.get(s);
      });
    }
    return out.map((list) => (list ?? []).map((c) => ({ ...c })));
  }

  async getEntities(ids: readonly string[]): Promise<Map<string, Entity>> {
    const result = new Map<string, Entity>();
    const missing = new Set<string>();
    for (const id of ids) {
      const hit = this.#entities.get(id);
      if (hit === undefined) missing.add(id);
      else if (hit !== null) result.set(id, hit);
    }
    if (missing.size > 0) {
      const found = await this.#inner.getEntities([...missing]);
      for (const id of missing) {
        const entity = found.get(id);
        this.#entities.set(id, entity ?? null);
        if (entity) result.set(id, entity);
      }
    }
    return result;
  }

  async getEmbeddings(space: string, ids: readonly string[]): Promise<Map<string, Float32Array>> {
    const prefix = `${space}${SEP}`;
    const result = new Map<string, Float32Array>();
    const missing = new Set<string>();
    for (const id of ids) {
      const hit = this.#embeddings.get(prefix + id);
      if (hit === undefined) missing.add(id);
      else if (hit !== null) result.set(id, hit);
    }
    if (missing.size > 0) {
      const found = await this.#inner.getEmbeddings(space, [...missing]);
      for (const id of missing) {
        const vector = found.get(id);
        this.#embeddings.set(prefix + id, vector ?? null);
        if (vector) result.set(id, vector);
      }
    }
    return result;
  }

  /** Runs a write on the wrapped store and empties the caches afterwards, whether it succeeded or not. */
  async #write<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } finally {
      this.invalidate();
    }
  }

  transaction<T>(fn: (writer: KnowledgeGraphWriter) => Promise<T>): Promise<T> {
    return this.#write(() => this.#inner.transaction(fn));
  }

  upsertEntities(entities: readonly Entity[]): Promise<void> {
    return this.#write(() => this.#inner.upsertEntities(entities));
  }

  upsertRelations(relations: readonly Relation[]): Promise<void> {
    return this.#write(() => this.#inner.upsertRelations(relations));
  }

  putEmbeddings(
    space: Omit<EmbeddingSpaceInfo, "count">,
    vectors: ReadonlyMap<string, Float32Array> | readonly (readonly [string, Float32Array])[],
  ): Promise<void> {
    return this.#write(() => this.#inner.putEmbeddings(space, vectors));
  }

  deleteSource(source: string): Promise<{ entities: number; relations: number }> {
    return this.#write(() => this.#inner.deleteSource(source));
  }

  neighbors(ids: readonly string[], options?: NeighborOptions): Promise<NeighborEdge[]> {
    return this.#inner.neighbors(ids, options);
  }

  stats(): Promise<GraphStats> {
    return this.#inner.stats();
  }

  streamEntities(): AsyncIterable<Entity> {
    return this.#inner.streamEntities();
  }

  streamRelations(): AsyncIterable<Relation> {
    return this.#inner.streamRelations();
  }

  streamAliases(): AsyncIterable<AliasEntry> {
    return this.#inner.streamAliases();
  }

  contentVersion(): Promise<string> {
    return this.#inner.contentVersion();
  }

  graphVersion(): Promise<string> {
    return this.#inner.graphVersion();
  }

  close(): Promise<void> {
    return this.#inner.close();
  }
}
