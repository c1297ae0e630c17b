import type { Candidate } from "../model/candidate.js";
import type { Entity } from "../model/entity.js";
import type { KnowledgeCategory } from "../model/knowledge-category.js";
import type { Relation } from "../model/relation.js";

/** Options of {@link KnowledgeGraph.lookupCandidates}. */
export interface CandidateLookupOptions {
  /** At most this many candidates per surface (default 10). */
  limit?: number;
  /** Also search by character n-grams, to catch misspellings (default false). */
  fuzzy?: boolean;
  /**
   * Minimum character-trigram similarity in [0, 1] for fuzzy hits (default 0.5). The
   * similarity is the Dice coefficient of the trigram sets of the two normalised
   * forms, each padded with one space on both sides.
   */
  minSimilarity?: number;
}

/** Options of {@link KnowledgeGraph.neighbors}. */
export interface NeighborOptions {
  /** How many hops to expand (default 1). */
  hops?: number;
  /** Keep only these relation names. */
  relations?: readonly string[];
  /** At most this many edges in all (default 1000). */
  limit?: number;
}

/** One edge reached from a seed set, in its stored direction. */
export interface NeighborEdge {
  head: string;
  relation: string;
  tail: string;
  weight: number;
  /** 1 for edges touching a seed, 2 for the next ring, ... */
  hop: number;
}

/** What is recorded about a named embedding space. */
export interface EmbeddingSpaceInfo {
  name: string;
  dim: number;
  /** The model that produced the vectors (e.g. "kge.complex.v1"). */
  model?: string;
  /** The training configuration, as JSON. */
  config?: Record<string, unknown>;
  count?: number;
}

/** Counts a store reports. */
export interface GraphStats {
  entities: number;
  relations: number;
  aliases: number;
  byCategory: Partial<Record<KnowledgeCategory, number>>;
  bySource: Record<string, { entities: number; relations: number }>;
  relationTypes: Record<string, number>;
  embeddingSpaces: EmbeddingSpaceInfo[];
}

/** An alias row of the store, as the alias index compiler reads them. */
export interface AliasEntry {
  alias: string;
  /** The normalised form the store matches on. */
  normalized: string;
  entityId: string;
  /** p(entity | normalised alias); an alias stored without a prior gets 1 / (entities sharing the form). */
  prior: number;
  /** The alias's extra key (e.g. a WordNet sense key), when it has one. */
  key?: string;
}

/**
 * A writer handed to {@link KnowledgeGraph.transaction}: writes made through it
 * become visible together or not at all.
 */
export interface KnowledgeGraphWriter {
  /** Inserts or replaces entities (aliases and types are replaced whole). */
  upsertEntities(entities: readonly Entity[]): Promise<void>;
  /** Inserts or updates relations, keyed by (head, relation, tail). */
  upsertRelations(relations: readonly Relation[]): Promise<void>;
}

/**
 * A knowledge graph store: asynchronous and batch-first. Every implementation
 * (SQLite, Neo4j, ...) passes the shared contract suite in `@knowfuse/kg`
 * (`describeKnowledgeGraphContract`).
 *
 * Candidate lookup semantics (the same in every store): surfaces and aliases are
 * compared after `normalizeSurface`. Exact hits have `score` 1; fuzzy hits (only
 * with `fuzzy: true`, only for forms other than the exact one) have the trigram
 * similarity as `score` and `fuzzy: true`. One candidate per entity (its best
 * alias), ranked by score, then prior, then entity id. `prior` is the alias's
 * stored prior, or 1 / (number of entities sharing the normalised form) when it
 * has none.
 */
export interface KnowledgeGraph extends KnowledgeGraphWriter {
  /** Registered name of the implementation, e.g. "kg.sqlite.v1". */
  readonly kind: string;
  /**
   * Runs `fn` so that all its writes land together or none do: if `fn` throws,
   * the store is left exactly as it was. Write only through the given writer
   * inside `fn` (other writes on the same store wait for the transaction).
   */
  transaction<T>(fn: (writer: KnowledgeGraphWriter) => Promise<T>): Promise<T>;
  /** Candidates for many surface forms at once: one ranked list per surface, in order. */
  lookupCandidates(surfaces: readonly string[], options?: CandidateLookupOptions): Promise<Candidate[][]>;
  /** Entities by id; ids that do not exist are absent from the map. */
  getEntities(ids: readonly string[]): Promise<Map<string, Entity>>;
  /** The edges around a set of ids, both directions. */
  neighbors(ids: readonly string[], options?: NeighborOptions): Promise<NeighborEdge[]>;
  /** Stores vectors by entity id within a named space (created on first use with `info`). */
  putEmbeddings(
    space: Omit<EmbeddingSpaceInfo, "count">,
    vectors: ReadonlyMap<string, Float32Array> | readonly (readonly [string, Float32Array])[],
  ): Promise<void>;
  /** Reads vectors by entity id from a named space; ids without a vector are absent. */
  getEmbeddings(space: string, ids: readonly string[]): Promise<Map<string, Float32Array>>;
  /** Counts and stats. */
  stats(): Promise<GraphStats>;
  /** Streams every entity, for training and export. */
  streamEntities(): AsyncIterable<Entity>;
  /** Streams every relation, for training and export. */
  streamRelations(): AsyncIterable<Relation>;
  /** Streams every alias row, for compiling in-memory alias indexes. */
  streamAliases(): AsyncIterable<AliasEntry>;
  /**
   * Deletes every entity (with its aliases and embeddings) and every relation
   * that came from one source, in one transaction. Relations of other sources
   * that point at the deleted entities are kept.
   */
  deleteSource(source: string): Promise<{ entities: number; relations: number }>;
  /** A token that changes whenever the content changes, embeddings included (for caches built from the store). */
  contentVersion(): Promise<string>;
  /**
   * A token that changes whenever entities, aliases or relations change, but
   * not when only embeddings are written: for caches built from the graph
   * itself (alias indexes, knowledge snapshots), which training embeddings
   * into the store leaves valid.
   */
  graphVersion(): Promise<string>;
  /** Releases connections and handles. Idempotent. */
  close(): Promise<void>;
}
