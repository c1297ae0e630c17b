import {
  type AliasEntry,
  type Candidate,
  type CandidateLookupOptions,
  type EmbeddingSpaceInfo,
  type Entity,
  type GraphStats,
  type KnowledgeCategory,
  type KnowledgeGraph,
  type KnowledgeGraphWriter,
  type NeighborEdge,
  type NeighborOptions,
  normalizeSurface,
  parseWith,
  type Relation,
  StoreError,
  ValidationError,
} from "@knowfuse/core";
import neo4j, { type Driver, type ManagedTransaction, Neo4jError, type Session } from "neo4j-driver";
import { z } from "zod";
import { lookupSettings } from "../candidates/lookup-settings.js";
import { type AliasMatchRow, type CandidateRow, rankCandidates } from "../candidates/rank-candidates.js";
import { trigramSimilarity, trigrams } from "../candidates/trigrams.js";
import { checkEmbeddingVectors } from "../stores/check-embedding-vectors.js";
import { chunks } from "../stores/chunks.js";
import { expandNeighbors, type StoredEdge } from "../stores/expand-neighbors.js";
import { guardedWriter } from "../stores/guarded-writer.js";
import { prepareAliases } from "../stores/prepare-aliases.js";
import {
  aliasEntryFromRow,
  aliasFromRow,
  entityFromRow,
  type StoredAlias,
  type StoredAliasEntry,
  type StoredEntity,
  type StoredSpace,
  spaceInfoFromRow,
} from "../stores/stored-rows.js";
import { unknownSpaceError } from "../stores/unknown-space-error.js";
import { WriteQueue } from "../stores/write-queue.js";
import {
  ALIAS_ROWS,
  ALL_ALIASES,
  ALL_ENTITIES,
  ALL_RELATIONS,
  AWAIT_INDEXES,
  BUMP_CONTENT_VERSION,
  BUMP_GRAPH_VERSION,
  CLEAR_ALL,
  CONTENT_VERSION,
  DELETE_SOURCE_ENTITIES,
  DELETE_SOURCE_RELATIONS,
  EMBEDDING_SPACE_NAMES,
  ENSURE_META,
  GET_EMBEDDING_SPACE,
  GET_EMBEDDINGS,
  GET_ENTITIES,
  LOOKUP_FUZZY,
  MERGE_EMBEDDING_SPACE,
  mergeRelationsStatement,
  NEIGHBORS_STEP,
  PRUNE_BARE_NODES,
  PUT_EMBEDDINGS,
  STATS_BY_CATEGORY,
  STATS_EMBEDDING_SPACES,
  STATS_ENTITIES_BY_SOURCE,
  STATS_RELATIONS,
  STATS_TOTALS,
  schemaStatements,
  UPSERT_ENTITIES,
} from "./cypher-statements.js";
import { toStoreError } from "./to-store-error.js";
import { trigramQuery, trigramTokens } from "./trigram-terms.js";

/** The URI schemes the Neo4j driver speaks. */
const URI_PATTERN = /^(neo4j|neo4j\+s|neo4j\+ssc|bolt|bolt\+s|bolt\+ssc):\/\/[^\s]+$/;

/** Options of the Neo4j store ("kg.neo4j.v1"). */
export const Neo4jKnowledgeGraphOptionsSchema = z.object({
  /** Server URI: neo4j://, neo4j+s://, neo4j+ssc://, bolt://, bolt+s:// or bolt+ssc://. */
  uri: z
    .string()
    .regex(
      URI_PATTERN,
      "must be a neo4j://, neo4j+s://, neo4j+ssc://, bolt://, bolt+s:// or bolt+ssc:// URI",
    ),
  /** User name; default `NEO4J_USER`, else "neo4j". */
  user: z.string().min(1).optional(),
  /** Password; default `NEO4J_PASSWORD`, else empty. */
  password: z.string().optional(),
  /** Database name; default `NEO4J_DATABASE`, else the server's default database. */
  database: z.string().min(1).optional(),
  /** Most connections the pool opens (default 16). */
  maxConnectionPoolSize: z.number().int().min(1).max(1000).default(16),
  /** How long opening one connection may take, in ms (default 5000). */
  connectionTimeoutMs: z.number().int().min(100).max(600_000).default(5000),
  /** How long to wait for a free pooled connection, in ms (default 10000). */
  connectionAcquisitionTimeoutMs: z.number().int().min(100).max(600_000).default(10_000),
  /** How long a managed transaction is retried on transient errors, in ms (default 15000). */
  maxTransactionRetryTimeMs: z.number().int().min(0).max(600_000).default(15_000),
  /** Rows per UNWIND statement in writes and ids per read round trip (default 1000). */
  batchSize: z.number().int().min(1).max(100_000).default(1000),
  /** Fixes the vector index to this size (needed on Neo4j before 5.23). */
  vectorDimensions: z.number().int().min(1).max(4096).optional(),
});

/** Options of {@link openNeo4jKnowledgeGraph}. */
export type Neo4jKnowledgeGraphOptions = z.input<typeof Neo4jKnowledgeGraphOptionsSchema>;

type Parsed = z.output<typeof Neo4jKnowledgeGraphOptionsSchema>;

/** Distinct fuzzy forms pooled per surface before the trigram similarity filter (as the SQLite store). */
const FUZZY_POOL = 256;
/** Alias hits read from the full-text index per pooled form (several aliases often share a form). */
const ALIAS_HITS_PER_FORM = 4;
/** How long opening a store waits for new indexes to come online. */
const INDEX_WAIT_SECONDS = 300;
/** Lucene refuses queries of more than 1024 clauses; a longer surface is pooled on its first trigrams. */
const MAX_QUERY_TRIGRAMS = 512;

interface EntityRecord {
  /** The stored entity; a node without types has them as null. */
  entity: Omit<StoredEntity, "types"> & { types: string[] | null };
  aliases: StoredAlias[];
}

function toEntity({ entity: e, aliases }: EntityRecord): Entity {
  return entityFromRow({ ...e, types: e.types ?? [] }, aliases.map(aliasFromRow));
}

/** One statement and the rows it is run with (in batches). */
interface PreparedWrite {
  statement: string;
  rows: Record<string, unknown>[];
}

/**
 * The upsert of `entities` as rows: aliases deduplicated by text, normalised
 * (an alias empty after normalisation is a ValidationError) and given their
 * trigram tokens; a repeated id keeps its last version.
 */
function entityWrite(entities: readonly Entity[]): PreparedWrite {
  const rows = new Map<string, Record<string, unknown>>();
  for (const entity of entities) {
    const aliases = prepareAliases(entity.id, entity.aliases).map((alias, ord) => ({
      ...alias,
      grams: trigramTokens(alias.normalized),
      ord,
    }));
    rows.delete(entity.id);
    rows.set(entity.id, {
      id: entity.id,
      label: entity.label,
      description: entity.description ?? null,
      types: [...(entity.types ?? [])],
      category: entity.category,
      source: entity.source,
      properties: entity.properties === undefined ? null : JSON.stringify(entity.properties),
      aliases,
    });
  }
  return { statement: UPSERT_ENTITIES, rows: [...rows.values()] };
}

/** The upsert of `relations`, one statement per relation name (each validated and escaped). */
function relationWrites(relations: readonly Relation[]): PreparedWrite[] {
  const byType = new Map<string, PreparedWrite>();
  relations.forEach((r, i) => {
    let group = byType.get(r.relation);
    if (!group) {
      group = { statement: mergeRelationsStatement(r.relation, ["relations", i, "relation"]), rows: [] };
      byType.set(r.relation, group);
    }
    group.rows.push({ head: r.head, tail: r.tail, weight: r.weight ?? 1, source: r.source });
  });
  return [...byType.values()];
}

/** The URI without any credentials, for messages. */
function displayUri(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, "//");
}

/**
 * The Neo4j knowledge graph store ("kg.neo4j.v1") over the official
 * neo4j-driver. Entities are `:Node:Entity` nodes with `:Alias` nodes,
 * relations are relationships typed by the relation name, vectors are
 * `:Embedding` nodes under a vector index, and fuzzy lookup goes through a
 * full-text index of alias trigrams. Writes are batched `UNWIND` statements in
 * managed transactions (retried on transient errors); reads send many ids per
 * round trip; connections come from a bounded pool. Create it with
 * {@link openNeo4jKnowledgeGraph}. Needs Neo4j 5.23 or later.
 *
 * `transaction(fn)` runs `fn` inside one managed write transaction: its writes
 * commit together or not at all. A transient server error makes the driver
 * retry the transaction, calling `fn` again, so `fn` must only write through
 * its writer (no other side effects).
 */
export class Neo4jKnowledgeGraph implements KnowledgeGraph {
  readonly kind = "kg.neo4j.v1";
  readonly #driver: Driver;
  readonly #options: Parsed;
  readonly #where: string;
  /** Shared by every session, so a read always sees the writes made before it (also on clusters). */
  readonly #bookmarks = neo4j.bookmarkManager();
  readonly #writes = new WriteQueue();
  #closed = false;

  /** @internal Use {@link openNeo4jKnowledgeGraph}. */
  constructor(driver: Driver, options: Parsed) {
    this.#driver = driver;
    this.#options = options;
    this.#where = displayUri(options.uri);
  }

  /** The server URI (without credentials). */
  get uri(): string {
    return this.#where;
  }

  // ---------------------------------------------------------------- writing

  async transaction<T>(fn: (writer: KnowledgeGraphWriter) => Promise<T>): Promise<T> {
    return this.#exclusive(() =>
      this.#write("transaction", async (tx, fromCaller) => {
        const { writer, end } = guardedWriter({
          upsertEntities: (entities) => this.#run(tx, [entityWrite(entities)]),
          upsertRelations: (relations) => this.#run(tx, relationWrites(relations)),
        });
        try {
          const result = await fn(writer).catch((error: unknown) => {
            // The caller's own errors pass through untouched; driver errors (from the
            // writer's statements) stay Neo4jErrors so the driver can retry transient ones.
            if (!(error instanceof Neo4jError)) fromCaller.add(error);
            throw error;
          });
          await tx.run(BUMP_GRAPH_VERSION);
          return result;
        } finally {
          end();
        }
      }),
    );
  }

  /** Validates and prepares everything first, so bad input fails before any statement is sent. */
  async upsertEntities(entities: readonly Entity[]): Promise<void> {
    await this.#writeNow("upsert entities", [entityWrite(entities)]);
  }

  /** Validates every relation name first, so a bad one fails before any statement is sent. */
  async upsertRelations(relations: readonly Relation[]): Promise<void> {
    await this.#writeNow("upsert relations", relationWrites(relations));
  }

  #writeNow(operation: string, writes: readonly PreparedWrite[]): Promise<void> {
    return this.#exclusive(() =>
      this.#write(operation, async (tx) => {
        await this.#run(tx, writes);
        await tx.run(BUMP_GRAPH_VERSION);
      }),
    );
  }

  async #run(tx: ManagedTransaction, writes: readonly PreparedWrite[]): Promise<void> {
    for (const { statement, rows } of writes) {
      for (const batch of chunks(rows, this.#options.batchSize)) await tx.run(statement, { rows: batch });
    }
  }

  async deleteSource(source: string): Promise<{ entities: number; relations: number }> {
    return this.#exclusive(() =>
      this.#write("delete source", async (tx) => {
        const relations = await tx.run(DELETE_SOURCE_RELATIONS, { source });
        const entities = await tx.run(DELETE_SOURCE_ENTITIES, { source });
        await tx.run(PRUNE_BARE_NODES);
        await tx.run(BUMP_GRAPH_VERSION);
        return {
          entities: Number(entities.records[0]?.get("deleted") ?? 0),
          relations: Number(relations.records[0]?.get("deleted") ?? 0),
        };
      }),
    );
  }

  /**
   * Deletes everything this store holds (not part of the KnowledgeGraph
   * interface). Runs in committed batches, so a failure part-way leaves part of
   * the data; the content version moves on either way.
   */
  async clear(): Promise<void> {
    await this.#exclusive(async () => {
      const session = this.#session("WRITE");
      try {
        await session.run(CLEAR_ALL);
      } catch (error) {
        throw toStoreError(error, this.#where, "clear");
      } finally {
        await session.close();
      }
      await this.#write("clear", (tx) => tx.run(BUMP_GRAPH_VERSION));
    });
  }

  async putEmbeddings(
    space: Omit<EmbeddingSpaceInfo, "count">,
    vectors: ReadonlyMap<string, Float32Array> | readonly (readonly [string, Float32Array])[],
  ): Promise<void> {
    const entries = checkEmbeddingVectors(space, undefined, vectors);
    await this.#exclusive(() =>
      this.#write("put embeddings", async (tx) => {
        const existing = await tx.run(GET_EMBEDDING_SPACE, { name: space.name });
        checkEmbeddingVectors(space, existing.records[0]?.get("dim") as number | undefined, entries);
        await tx.run(MERGE_EMBEDDING_SPACE, {
          name: space.name,
          dim: neo4j.int(space.dim),
          model: space.model ?? null,
          config: space.config === undefined ? null : JSON.stringify(space.config),
        });
        const rows = entries.map(([id, vector]) => ({ id, vector: Array.from(vector) }));
        for (const batch of chunks(rows, this.#options.batchSize)) {
          await tx.run(PUT_EMBEDDINGS, { space: space.name, rows: batch });
        }
        await tx.run(BUMP_CONTENT_VERSION);
      }),
    );
  }

  // ---------------------------------------------------------------- reading

  async lookupCandidates(
    surfaces: readonly string[],
    options: CandidateLookupOptions = {},
  ): Promise<Candidate[][]> {
    this.#open();
    const { limit, minSimilarity, fuzzy } = lookupSettings(options);
    const forms = surfaces.map((s) => normalizeSurface(s));
    const unique = [...new Set(forms.filter((f) => f !== ""))];
    const ranked = new Map<string, Candidate[]>();
    if (unique.length > 0) {
      await this.#read("lookup candidates", async (tx) => {
        for (const batch of chunks(unique, this.#options.batchSize)) {
          for (const [form, list] of await this.#lookupBatch(tx, batch, limit, minSimilarity, fuzzy)) {
            ranked.set(form, list);
          }
        }
      });
    }
    return forms.map((form) => (ranked.get(form) ?? []).map((c) => ({ ...c })));
  }

  async #lookupBatch(
    tx: ManagedTransaction,
    forms: readonly string[],
    limit: number,
    minSimilarity: number,
    fuzzy: boolean,
  ): Promise<Map<string, Candidate[]>> {
    const similar = new Map<string, Map<string, number>>(forms.map((f) => [f, new Map()]));
    if (fuzzy) {
      const queries = forms.map((form, index) => ({
        index,
        lucene: trigramQuery(form, MAX_QUERY_TRIGRAMS),
      }));
      const pool = Math.max(FUZZY_POOL, limit * 4);
      const result = await tx.run(LOOKUP_FUZZY, {
        queries,
        forms: neo4j.int(pool),
        limit: neo4j.int(pool * ALIAS_HITS_PER_FORM),
      });
      const grams = forms.map((form) => trigrams(form));
      for (const record of result.records) {
        const index = record.get("index") as number;
        const form = forms[index]!;
        const other = record.get("normalized") as string;
        if (other === form) continue;
        const similarity = trigramSimilarity(grams[index]!, trigrams(other));
        if (similarity >= minSimilarity) similar.get(form)!.set(other, similarity);
      }
    }
    const needed = new Set(forms);
    for (const map of similar.values()) for (const other of map.keys()) needed.add(other);
    const rowsByForm = new Map<string, AliasMatchRow[]>();
    for (const batch of chunks([...needed], this.#options.batchSize)) {
      const result = await tx.run(ALIAS_ROWS, { normalized: batch });
      for (const record of result.records) {
        const row = record.toObject() as unknown as AliasMatchRow;
        const list = rowsByForm.get(row.normalized);
        if (list) list.push(row);
        else rowsByForm.set(row.normalized, [row]);
      }
    }
    const out = new Map<string, Candidate[]>();
    for (const form of forms) {
      const rows: CandidateRow[] = (rowsByForm.get(form) ?? []).map((r) => ({
        ...r,
        score: 1,
        fuzzy: false,
      }));
      for (const [other, score] of similar.get(form)!) {
        for (const r of rowsByForm.get(other) ?? []) rows.push({ ...r, score, fuzzy: true });
      }
      out.set(form, rankCandidates(rows, limit));
    }
    return out;
  }

  async getEntities(ids: readonly string[]): Promise<Map<string, Entity>> {
    this.#open();
    const result = new Map<string, Entity>();
    if (ids.length === 0) return result;
    await this.#read("get entities", async (tx) => {
      for (const batch of chunks([...new Set(ids)], this.#options.batchSize)) {
        const page = await tx.run(GET_ENTITIES, { ids: batch });
        for (const record of page.records) {
          const entity = toEntity(record.toObject() as unknown as EntityRecord);
          result.set(entity.id, entity);
        }
      }
    });
    return result;
  }

  async neighbors(ids: readonly string[], options: NeighborOptions = {}): Promise<NeighborEdge[]> {
    this.#open();
    return this.#read("neighbors", (tx) =>
      expandNeighbors(ids, options, async (frontier, relations, limit) => {
        const result = await tx.run(NEIGHBORS_STEP, { ids: frontier, relations, limit: neo4j.int(limit) });
        return result.records.map((r) => r.toObject() as StoredEdge);
      }),
    );
  }

  async getEmbeddings(space: string, ids: readonly string[]): Promise<Map<string, Float32Array>> {
    this.#open();
    return this.#read("get embeddings", async (tx) => {
      const info = await tx.run(GET_EMBEDDING_SPACE, { name: space });
      if (info.records.length === 0) {
        const known = (await tx.run(EMBEDDING_SPACE_NAMES)).records.map((r) => r.get("name") as string);
        throw unknownSpaceError(space, this.#where, known);
      }
      const result = new Map<string, Float32Array>();
      for (const batch of chunks([...new Set(ids)], this.#options.batchSize)) {
        const page = await tx.run(GET_EMBEDDINGS, { space, ids: batch });
        for (const record of page.records) {
          result.set(record.get("id") as string, Float32Array.from(record.get("vector") as number[]));
        }
      }
      return result;
    });
  }

  async stats(): Promise<GraphStats> {
    this.#open();
    return this.#read("stats", async (tx) => {
      const totals = (await tx.run(STATS_TOTALS)).records[0]!.toObject() as {
        entities: number;
        aliases: number;
        relations: number;
      };
      const byCategory: GraphStats["byCategory"] = {};
      for (const r of (await tx.run(STATS_BY_CATEGORY)).records) {
        byCategory[r.get("category") as KnowledgeCategory] = r.get("count") as number;
      }
      const bySource: GraphStats["bySource"] = {};
      for (const r of (await tx.run(STATS_ENTITIES_BY_SOURCE)).records) {
        bySource[r.get("source") as string] = { entities: r.get("count") as number, relations: 0 };
      }
      const relationTypes: Record<string, number> = {};
      for (const r of (await tx.run(STATS_RELATIONS)).records) {
        const source = r.get("source") as string;
        const relation = r.get("relation") as string;
        const count = r.get("count") as number;
        const entry = bySource[source] ?? { entities: 0, relations: 0 };
        entry.relations += count;
        bySource[source] = entry;
        relationTypes[relation] = (relationTypes[relation] ?? 0) + count;
      }
      const sortedTypes: Record<string, number> = {};
      for (const name of Object.keys(relationTypes).sort()) sortedTypes[name] = relationTypes[name]!;
      const embeddingSpaces = (await tx.run(STATS_EMBEDDING_SPACES)).records.map((r) =>
        spaceInfoFromRow(r.toObject() as StoredSpace),
      );
      return { ...totals, byCategory, bySource, relationTypes: sortedTypes, embeddingSpaces };
    });
  }

  streamEntities(): AsyncIterable<Entity> {
    return this.#stream("stream entities", ALL_ENTITIES, (row) => toEntity(row as unknown as EntityRecord));
  }

  streamRelations(): AsyncIterable<Relation> {
    return this.#stream("stream relations", ALL_RELATIONS, (row) => row as unknown as Relation);
  }

  streamAliases(): AsyncIterable<AliasEntry> {
    return this.#stream("stream aliases", ALL_ALIASES, (row) => {
      const r = row as unknown as StoredAliasEntry & { entities: number };
      return aliasEntryFromRow(r, r.entities);
    });
  }

  async contentVersion(): Promise<string> {
    this.#open();
    return this.#read("content version", async (tx) => {
      const row = (await tx.run(CONTENT_VERSION)).records[0];
      return `${row?.get("uuid") ?? "none"}:${row?.get("version") ?? 0}`;
    });
  }

  async graphVersion(): Promise<string> {
    this.#open();
    return this.#read("graph version", async (tx) => {
      const row = (await tx.run(CONTENT_VERSION)).records[0];
      return `${row?.get("uuid") ?? "none"}:graph:${row?.get("graphVersion") ?? 0}`;
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#writes.idle();
    await this.#driver.close();
  }

  // ---------------------------------------------------------------- helpers

  #open(): void {
    if (this.#closed) {
      throw new StoreError(`the Neo4j store ${this.#where} is closed`, { code: "STORE_UNAVAILABLE" });
    }
  }

  #session(mode: "READ" | "WRITE"): Session {
    return this.#driver.session({
      defaultAccessMode: mode === "READ" ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.#bookmarks,
      ...(this.#options.database === undefined ? {} : { database: this.#options.database }),
    });
  }

  /** Writes on one store instance run one at a time, as the interface promises. */
  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    this.#open();
    return this.#writes.enqueue(fn);
  }

  /**
   * Runs `work` in a managed write transaction (retried by the driver on
   * transient errors). Errors the caller's own code threw (collected in
   * `fromCaller`) and knowfuse errors pass through; driver errors become StoreErrors.
   */
  async #write<T>(
    operation: string,
    work: (tx: ManagedTransaction, fromCaller: Set<unknown>) => Promise<T>,
  ): Promise<T> {
    this.#open();
    const fromCaller = new Set<unknown>();
    const session = this.#session("WRITE");
    try {
      return await session.executeWrite((tx) => work(tx, fromCaller));
    } catch (error) {
      if (fromCaller.has(error)) throw error;
      throw toStoreError(error, this.#where, operation);
    } finally {
      await session.close();
    }
  }

  async #read<T>(operation: string, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.#session("READ");
    try {
      return await session.executeRead(work);
    } catch (error) {
      throw toStoreError(error, this.#where, operation);
    } finally {
      await session.close();
    }
  }

  async *#stream<T>(
    operation: string,
    cypher: string,
    map: (row: Record<string, unknown>) => T,
  ): AsyncGenerator<T> {
    this.#open();
    const session = this.#session("READ");
    try {
      for await (const record of session.run(cypher)) yield map(record.toObject() as Record<string, unknown>);
    } catch (error) {
      throw toStoreError(error, this.#where, operation);
    } finally {
      await session.close();
    }
  }
}

/**
 * Connects to a Neo4j server, checks that it answers (failing fast with a
 * {@link StoreError} STORE_UNAVAILABLE when it does not), and creates the
 * store's constraints and indexes if they are missing.
 *
 * @example
 * ```ts
 * const kg = await openNeo4jKnowledgeGraph({ uri: "neo4j://localhost:7687", user: "neo4j", password: "secret" });
 * const [[best]] = await kg.lookupCandidates(["aspirin"]);
 * await kg.close();
 * ```
 */
export async function openNeo4jKnowledgeGraph(
  options: Neo4jKnowledgeGraphOptions,
): Promise<Neo4jKnowledgeGraph> {
  const parsed = parseWith(
    Neo4jKnowledgeGraphOptionsSchema,
    options,
    "options of kg.neo4j.v1",
    "INVALID_CONFIG",
  );
  const where = displayUri(parsed.uri);
  const user = parsed.user ?? process.env.NEO4J_USER ?? "neo4j";
  const password = parsed.password ?? process.env.NEO4J_PASSWORD ?? "";
  if (parsed.database === undefined && process.env.NEO4J_DATABASE)
    parsed.database = process.env.NEO4J_DATABASE;
  let driver: Driver;
  try {
    driver = neo4j.driver(parsed.uri, neo4j.auth.basic(user, password), {
      maxConnectionPoolSize: parsed.maxConnectionPoolSize,
      connectionTimeout: parsed.connectionTimeoutMs,
      connectionAcquisitionTimeout: parsed.connectionAcquisitionTimeoutMs,
      maxTransactionRetryTime: parsed.maxTransactionRetryTimeMs,
      disableLosslessIntegers: true,
      userAgent: "knowfuse-kg",
    });
  } catch (error) {
    throw new ValidationError(
      `options of kg.neo4j.v1: uri ${JSON.stringify(where)} is not usable: ${(error as Error).message}`,
      [{ path: ["uri"], message: (error as Error).message }],
      { code: "INVALID_CONFIG", cause: error },
    );
  }
  const deadline = parsed.connectionTimeoutMs + parsed.connectionAcquisitionTimeoutMs;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      driver.verifyConnectivity(parsed.database === undefined ? {} : { database: parsed.database }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${deadline} ms`)), deadline);
      }),
    ]);
  } catch (error) {
    await driver.close().catch(() => undefined);
    throw new StoreError(`cannot connect to Neo4j at ${where}: ${(error as Error).message}`, {
      code: "STORE_UNAVAILABLE",
      cause: error,
      details: { uri: where },
    });
  } finally {
    clearTimeout(timer);
  }
  const session = driver.session(parsed.database === undefined ? {} : { database: parsed.database });
  try {
    for (const statement of schemaStatements(parsed.vectorDimensions)) await session.run(statement);
    await session.run(AWAIT_INDEXES, { seconds: neo4j.int(INDEX_WAIT_SECONDS) });
    await session.executeWrite((tx) => tx.run(ENSURE_META));
  } catch (error) {
    await session.close().catch(() => undefined);
    await driver.close().catch(() => undefined);
    throw toStoreError(error, where, "create constraints and indexes");
  }
  await session.close();
  return new Neo4jKnowledgeGraph(driver, parsed);
}
