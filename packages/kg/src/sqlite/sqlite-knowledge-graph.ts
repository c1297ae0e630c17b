import {
  type AliasEntry,
  type Candidate,
  type CandidateLookupOptions,
  type EmbeddingSpaceInfo,
  type Entity,
  type GraphStats,
  KnowfuseError,
  type KnowledgeCategory,
  type KnowledgeGraph,
  type KnowledgeGraphWriter,
  type NeighborEdge,
  type NeighborOptions,
  normalizeSurface,
  type Relation,
  StoreError,
} from "@knowfuse/core";
import Database from "better-sqlite3";
import { z } from "zod";
import { lookupSettings } from "../candidates/lookup-settings.js";
import { type AliasMatchRow, type CandidateRow, rankCandidates } from "../candidates/rank-candidates.js";
import { trigramSimilarity, trigrams } from "../candidates/trigrams.js";
import { checkEmbeddingVectors } from "../stores/check-embedding-vectors.js";
import { chunks } from "../stores/chunks.js";
import { expandNeighbors } from "../stores/expand-neighbors.js";
import { guardedWriter } from "../stores/guarded-writer.js";
import { prepareAliases } from "../stores/prepare-aliases.js";
import {
  aliasEntryFromRow,
  aliasFromRow,
  entityFromRow,
  type StoredEntity,
  type StoredSpace,
  spaceInfoFromRow,
} from "../stores/stored-rows.js";
import { unknownSpaceError } from "../stores/unknown-space-error.js";
import { WriteQueue } from "../stores/write-queue.js";
import { checkSqliteSchema, migrateSqliteSchema } from "./sqlite-schema.js";

/** Options of the SQLite store ("kg.sqlite.v1"). */
export const SqliteKnowledgeGraphOptionsSchema = z.object({
  /** Database file, created if missing; ":memory:" (the default) for a private in-memory store. */
  path: z.string().min(1).default(":memory:"),
  /** Open read-only (the file must exist). */
  readonly: z.boolean().default(false),
});

/** Options of {@link openSqliteKnowledgeGraph}. */
export type SqliteKnowledgeGraphOptions = z.input<typeof SqliteKnowledgeGraphOptionsSchema>;

const PAGE = 1000;
const FUZZY_POOL = 256;

/** An entity row: the stored entity with its rowid and its types as JSON text. */
type EntityRow = Omit<StoredEntity, "types"> & { rowid: number; types: string };

/** The fields of an entity row as the insert and update statements bind them. */
type EntityParams = Omit<EntityRow, "rowid">;

function toBlob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

function fromBlob(blob: Buffer): Float32Array {
  const copy = new Uint8Array(blob.byteLength);
  copy.set(blob);
  return new Float32Array(copy.buffer);
}

/**
 * The embedded knowledge graph store ("kg.sqlite.v1"): one SQLite file (or
 * memory) through better-sqlite3, with a versioned schema it creates and
 * migrates itself, WAL journaling, prepared statements, transactional writes,
 * an FTS5 trigram index over alias forms for fuzzy lookup and embeddings kept
 * as Float32 BLOBs. Create it with {@link openSqliteKnowledgeGraph}.
 */
export class SqliteKnowledgeGraph implements KnowledgeGraph {
  readonly kind = "kg.sqlite.v1";
  readonly #db: Database.Database;
  readonly #where: string;
  readonly #writes = new WriteQueue();
  #closed = false;
  #touchedForms = new Set<number>();
  readonly #sharedTrigrams = new Map<number, Database.Statement<unknown[], { form: number }>>();
  readonly #s;

  /** @internal Use {@link openSqliteKnowledgeGraph}. */
  constructor(db: Database.Database, where: string) {
    this.#db = db;
    this.#where = where;
    this.#s = {
      insertEntity: db.prepare<[EntityParams]>(
        `INSERT INTO entities (id, label, description, category, source, types, properties)
         VALUES (@id, @label, @description, @category, @source, @types, @properties)
         ON CONFLICT (id) DO NOTHING`,
      ),
      updateEntity: db.prepare<[EntityParams], { rowid: number }>(
        `UPDATE entities SET label = @label, description = @description, category = @category, source = @source,
           types = @types, properties = @properties
         WHERE id = @id RETURNING rowid`,
      ),
      oldForms: db.prepare<[number], { form: number }>("SELECT form FROM aliases WHERE entity = ?"),
      deleteAliases: db.prepare<[number]>("DELETE FROM aliases WHERE entity = ?"),
      formId: db.prepare<[string], { id: number }>("SELECT id FROM alias_forms WHERE normalized = ?"),
      insertForm: db.prepare<[string]>("INSERT INTO alias_forms (normalized) VALUES (?)"),
      maxFormId: db.prepare<[], { id: number | null }>("SELECT MAX(id) AS id FROM alias_forms"),
      indexNewForms: db.prepare<[number]>(
        "INSERT INTO alias_fts (rowid, padded) SELECT id, ' ' || normalized || ' ' FROM alias_forms WHERE id > ?",
      ),
      insertAlias: db.prepare<[number, number, string, number | null, string | null]>(
        "INSERT INTO aliases (entity, form, text, prior, key) VALUES (?, ?, ?, ?, ?)",
      ),
      formUsed: db.prepare<[number], { one: number }>("SELECT 1 AS one FROM aliases WHERE form = ? LIMIT 1"),
      deleteForm: db.prepare<[number]>("DELETE FROM alias_forms WHERE id = ?"),
      deleteFts: db.prepare<[number]>("DELETE FROM alias_fts WHERE rowid = ?"),
      upsertRelation: db.prepare<[string, string, string, number, string]>(
        `INSERT INTO relations (head, relation, tail, weight, source) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (head, relation, tail) DO UPDATE SET weight = excluded.weight, source = excluded.source`,
      ),
      exact: db.prepare<[string], AliasMatchRow>(
        `SELECT e.id AS entityId, a.text AS alias, f.normalized AS normalized, a.prior AS prior
         FROM json_each(?) j JOIN alias_forms f ON f.normalized = j.value
           JOIN aliases a ON a.form = f.id JOIN entities e ON e.rowid = a.entity`,
      ),
      byForm: db.prepare<[number], AliasMatchRow>(
        `SELECT e.id AS entityId, a.text AS alias, f.normalized AS normalized, a.prior AS prior
         FROM alias_forms f JOIN aliases a ON a.form = f.id JOIN entities e ON e.rowid = a.entity
         WHERE f.id = ?`,
      ),
      formById: db.prepare<[number], { normalized: string }>(
        "SELECT normalized FROM alias_forms WHERE id = ?",
      ),
      entitiesByIds: db.prepare<[string], EntityRow>(
        "SELECT * FROM entities WHERE id IN (SELECT value FROM json_each(?))",
      ),
      aliasesOf: db.prepare<
        [string],
        { entity: number; text: string; prior: number | null; key: string | null }
      >(
        "SELECT entity, text, prior, key FROM aliases WHERE entity IN (SELECT value FROM json_each(?)) ORDER BY rowid",
      ),
      edges: db.prepare<
        [{ ids: string; relations: string | null; limit: number }],
        Omit<NeighborEdge, "hop">
      >(
        `SELECT head, relation, tail, weight FROM relations
         WHERE (head IN (SELECT value FROM json_each(@ids)) OR tail IN (SELECT value FROM json_each(@ids)))
           AND (@relations IS NULL OR relation IN (SELECT value FROM json_each(@relations)))
         ORDER BY head, relation, tail LIMIT @limit`,
      ),
      space: db.prepare<[string], { name: string; dim: number; model: string | null; config: string | null }>(
        "SELECT name, dim, model, config FROM embedding_spaces WHERE name = ?",
      ),
      upsertSpace: db.prepare<[string, number, string | null, string | null]>(
        `INSERT INTO embedding_spaces (name, dim, model, config) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET model = excluded.model, config = excluded.config`,
      ),
      putVector: db.prepare<[string, string, Buffer]>(
        "INSERT OR REPLACE INTO embeddings (space, entity, vector) VALUES (?, ?, ?)",
      ),
      getVectors: db.prepare<[string, string], { entity: string; vector: Buffer }>(
        "SELECT entity, vector FROM embeddings WHERE space = ? AND entity IN (SELECT value FROM json_each(?))",
      ),
      entityPage: db.prepare<[number, number], EntityRow>(
        "SELECT * FROM entities WHERE rowid > ? ORDER BY rowid LIMIT ?",
      ),
      relationPage: db.prepare<[number, number], Relation & { rowid: number }>(
        "SELECT rowid, head, relation, tail, weight, source FROM relations WHERE rowid > ? ORDER BY rowid LIMIT ?",
      ),
      formPage: db.prepare<[number, number], { id: number }>(
        "SELECT id FROM alias_forms WHERE id > ? ORDER BY id LIMIT ?",
      ),
      aliasesOfForms: db.prepare<
        [string],
        {
          form: number;
          normalized: string;
          text: string;
          entityId: string;
          prior: number | null;
          key: string | null;
        }
      >(
        `SELECT a.form AS form, f.normalized AS normalized, a.text AS text, e.id AS entityId, a.prior AS prior, a.key AS key
         FROM aliases a JOIN alias_forms f ON f.id = a.form JOIN entities e ON e.rowid = a.entity
         WHERE a.form IN (SELECT value FROM json_each(?)) ORDER BY a.form, a.rowid`,
      ),
      meta: db.prepare<[string], { value: string }>("SELECT value FROM meta WHERE key = ?"),
      bumpVersion: db.prepare(
        "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'content_version'",
      ),
      // Made by the first graph write: a store without it has had no graph write that moved it (version 0).
      bumpGraphVersion: db.prepare(
        `INSERT INTO meta (key, value) VALUES ('graph_version', '1')
         ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)`,
      ),
    };
  }

  /** The file (or ":memory:") this store is backed by. */
  get path(): string {
    return this.#where;
  }

  // ---------------------------------------------------------------- writing

  async transaction<T>(fn: (writer: KnowledgeGraphWriter) => Promise<T>): Promise<T> {
    return this.#exclusive(async () => {
      this.#open();
      const { writer, end } = guardedWriter({
        upsertEntities: async (entities) => this.#run("upsert entities", () => this.#writeEntities(entities)),
        upsertRelations: async (relations) =>
          this.#run("upsert relations", () => this.#writeRelations(relations)),
      });
      this.#db.exec("BEGIN IMMEDIATE");
      try {
        const formsBefore = this.#s.maxFormId.get()?.id ?? 0;
        const result = await fn(writer);
        this.#run("commit", () => {
          this.#s.indexNewForms.run(formsBefore);
          this.#dropOrphanForms();
          this.#s.bumpVersion.run();
          this.#s.bumpGraphVersion.run();
        });
        this.#db.exec("COMMIT");
        return result;
      } catch (error) {
        if (this.#db.inTransaction) this.#db.exec("ROLLBACK");
        throw error;
      } finally {
        end();
        this.#touchedForms = new Set();
      }
    });
  }

  async upsertEntities(entities: readonly Entity[]): Promise<void> {
    await this.transaction((w) => w.upsertEntities(entities));
  }

  async upsertRelations(relations: readonly Relation[]): Promise<void> {
    await this.transaction((w) => w.upsertRelations(relations));
  }

  #writeEntities(entities: readonly Entity[]): void {
    const s = this.#s;
    for (const entity of entities) {
      const params: EntityParams = {
        id: entity.id,
        label: entity.label,
        description: entity.description ?? null,
        category: entity.category,
        source: entity.source,
        types: JSON.stringify(entity.types ?? []),
        properties: entity.properties === undefined ? null : JSON.stringify(entity.properties),
      };
      const inserted = s.insertEntity.run(params);
      let rowid: number;
      if (inserted.changes === 1) {
        rowid = Number(inserted.lastInsertRowid);
      } else {
        rowid = s.updateEntity.get(params)!.rowid;
        for (const { form } of s.oldForms.all(rowid)) this.#touchedForms.add(form);
        s.deleteAliases.run(rowid);
      }
      for (const { text, normalized, prior, key } of prepareAliases(entity.id, entity.aliases)) {
        let form = s.formId.get(normalized)?.id;
        if (form === undefined) {
          form = Number(s.insertForm.run(normalized).lastInsertRowid);
        }
        s.insertAlias.run(rowid, form, text, prior, key);
      }
    }
  }

  #writeRelations(relations: readonly Relation[]): void {
    for (const r of relations)
      this.#s.upsertRelation.run(r.head, r.relation, r.tail, r.weight ?? 1, r.source);
  }

  #dropOrphanForms(): void {
    for (const form of this.#touchedForms) {
      if (this.#s.formUsed.get(form)) continue;
      this.#s.deleteForm.run(form);
      this.#s.deleteFts.run(form);
    }
  }

  async deleteSource(source: string): Promise<{ entities: number; relations: number }> {
    return this.#exclusive(async () => {
      this.#open();
      return this.#run("delete source", () =>
        this.#db.transaction(() => {
          const forms = this.#db
            .prepare<[string], { form: number }>(
              "SELECT DISTINCT form FROM aliases WHERE entity IN (SELECT rowid FROM entities WHERE source = ?)",
            )
            .all(source);
          this.#db
            .prepare("DELETE FROM aliases WHERE entity IN (SELECT rowid FROM entities WHERE source = ?)")
            .run(source);
          this.#db
            .prepare("DELETE FROM embeddings WHERE entity IN (SELECT id FROM entities WHERE source = ?)")
            .run(source);
          const entities = this.#db.prepare("DELETE FROM entities WHERE source = ?").run(source).changes;
          const relations = this.#db.prepare("DELETE FROM relations WHERE source = ?").run(source).changes;
          this.#touchedForms = new Set(forms.map((f) => f.form));
          this.#dropOrphanForms();
          this.#touchedForms = new Set();
          this.#s.bumpVersion.run();
          this.#s.bumpGraphVersion.run();
          return { entities, relations };
        })(),
      );
    });
  }

  async putEmbeddings(
    space: Omit<EmbeddingSpaceInfo, "count">,
    vectors: ReadonlyMap<string, Float32Array> | readonly (readonly [string, Float32Array])[],
  ): Promise<void> {
    await this.#exclusive(async () => {
      this.#open();
      const entries = checkEmbeddingVectors(space, this.#s.space.get(space.name)?.dim, vectors);
      this.#run("put embeddings", () =>
        this.#db.transaction(() => {
          this.#s.upsertSpace.run(
            space.name,
            space.dim,
            space.model ?? null,
            space.config === undefined ? null : JSON.stringify(space.config),
          );
          for (const [id, vector] of entries) this.#s.putVector.run(space.name, id, toBlob(vector));
          this.#s.bumpVersion.run();
        })(),
      );
    });
  }

  // ---------------------------------------------------------------- reading

  async lookupCandidates(
    surfaces: readonly string[],
    options: CandidateLookupOptions = {},
  ): Promise<Candidate[][]> {
    this.#open();
    const { limit, minSimilarity, fuzzy } = lookupSettings(options);
    return this.#run("lookup candidates", () => {
      const keys = surfaces.map((surface) => normalizeSurface(surface));
      const rowsByForm = new Map<string, CandidateRow[]>();
      for (const key of keys) if (key !== "") rowsByForm.set(key, []);
      const forms = [...rowsByForm.keys()];
      for (const batch of chunks(forms, PAGE)) {
        for (const row of this.#s.exact.all(JSON.stringify(batch))) {
          rowsByForm.get(row.normalized)?.push({ ...row, score: 1, fuzzy: false });
        }
      }
      const ranked = new Map<string, Candidate[]>();
      for (const [form, rows] of rowsByForm) {
        if (fuzzy) rows.push(...this.#fuzzyRows(form, minSimilarity, limit));
        ranked.set(form, rankCandidates(rows, limit));
      }
      return keys.map((key) => (ranked.get(key) ?? []).map((c) => ({ ...c })));
    });
  }

  /**
   * Forms sharing enough trigrams with `normalized` to reach `minSimilarity`
   * (Dice ≥ s needs at least s·n / (2 − s) shared trigrams of the query's n),
   * counted in SQLite over the FTS5 trigram index's term instances, then scored exactly.
   */
  #fuzzyRows(normalized: string, minSimilarity: number, limit: number): CandidateRow[] {
    const grams = trigrams(normalized);
    const minShared = Math.max(1, Math.ceil((minSimilarity * grams.size) / (2 - minSimilarity) - 1e-9));
    const pool = this.#sharedTrigramsStatement(grams.size).all(
      ...grams,
      minShared,
      Math.max(FUZZY_POOL, limit * 4),
    );
    const rows: CandidateRow[] = [];
    for (const { form: id } of pool) {
      const form = this.#s.formById.get(id)?.normalized;
      if (form === undefined || form === normalized) continue;
      const similarity = trigramSimilarity(grams, trigrams(form));
      if (similarity < minSimilarity) continue;
      for (const r of this.#s.byForm.all(id)) rows.push({ ...r, score: similarity, fuzzy: true });
    }
    return rows;
  }

  #sharedTrigramsStatement(n: number): Database.Statement<unknown[], { form: number }> {
    let statement = this.#sharedTrigrams.get(n);
    if (!statement) {
      const terms = Array.from({ length: n }, () => "SELECT doc FROM alias_fts_terms WHERE term = ?").join(
        " UNION ALL ",
      );
      statement = this.#db.prepare<unknown[], { form: number }>(
        `SELECT doc AS form FROM (${terms}) GROUP BY doc HAVING COUNT(*) >= ? ORDER BY COUNT(*) DESC, doc LIMIT ?`,
      );
      this.#sharedTrigrams.set(n, statement);
    }
    return statement;
  }

  async getEntities(ids: readonly string[]): Promise<Map<string, Entity>> {
    this.#open();
    return this.#run("get entities", () => {
      const result = new Map<string, Entity>();
      for (const batch of chunks(ids, PAGE))
        this.#toEntities(this.#s.entitiesByIds.all(JSON.stringify(batch)), result);
      return result;
    });
  }

  #toEntities(rows: readonly EntityRow[], into: Map<string, Entity>): void {
    if (rows.length === 0) return;
    const byRowid = new Map<number, Entity>();
    for (const row of rows) {
      byRowid.set(row.rowid, entityFromRow({ ...row, types: JSON.parse(row.types) as string[] }, []));
    }
    for (const a of this.#s.aliasesOf.all(JSON.stringify([...byRowid.keys()]))) {
      byRowid.get(a.entity)?.aliases.push(aliasFromRow(a));
    }
    for (const entity of byRowid.values()) into.set(entity.id, entity);
  }

  async neighbors(ids: readonly string[], options: NeighborOptions = {}): Promise<NeighborEdge[]> {
    this.#open();
    return expandNeighbors(ids, options, async (frontier, relations, limit) =>
      this.#run("neighbors", () =>
        this.#s.edges.all({
          ids: JSON.stringify(frontier),
          relations: relations ? JSON.stringify(relations) : null,
          limit,
        }),
      ),
    );
  }

  async getEmbeddings(space: string, ids: readonly string[]): Promise<Map<string, Float32Array>> {
    this.#open();
    return this.#run("get embeddings", () => {
      if (!this.#s.space.get(space)) {
        const known = this.#db
          .prepare<[], { name: string }>("SELECT name FROM embedding_spaces ORDER BY name")
          .all()
          .map((r) => r.name);
        throw unknownSpaceError(space, this.#where, known);
      }
      const result = new Map<string, Float32Array>();
      for (const batch of chunks(ids, PAGE)) {
        for (const row of this.#s.getVectors.all(space, JSON.stringify(batch))) {
          result.set(row.entity, fromBlob(row.vector));
        }
      }
      return result;
    });
  }

  async stats(): Promise<GraphStats> {
    this.#open();
    return this.#run("stats", () => {
      const count = (sql: string) => (this.#db.prepare<[], { n: number }>(sql).get()?.n ?? 0) as number;
      const byCategory: GraphStats["byCategory"] = {};
      for (const r of this.#db
        .prepare<[], { k: KnowledgeCategory; n: number }>(
          "SELECT category AS k, COUNT(*) AS n FROM entities GROUP BY category",
        )
        .all())
        byCategory[r.k] = r.n;
      const bySource: GraphStats["bySource"] = {};
      for (const r of this.#db
        .prepare<[], { k: string; n: number }>(
          "SELECT source AS k, COUNT(*) AS n FROM entities GROUP BY source",
        )
        .all())
        bySource[r.k] = { entities: r.n, relations: 0 };
      for (const r of this.#db
        .prepare<[], { k: string; n: number }>(
          "SELECT source AS k, COUNT(*) AS n FROM relations GROUP BY source",
        )
        .all())
        bySource[r.k] = { entities: bySource[r.k]?.entities ?? 0, relations: r.n };
      const relationTypes: Record<string, number> = {};
      for (const r of this.#db
        .prepare<[], { k: string; n: number }>(
          "SELECT relation AS k, COUNT(*) AS n FROM relations GROUP BY relation ORDER BY relation",
        )
        .all())
        relationTypes[r.k] = r.n;
      const embeddingSpaces = this.#db
        .prepare<[], StoredSpace>(
          `SELECT s.name, s.dim, s.model, s.config, (SELECT COUNT(*) FROM embeddings e WHERE e.space = s.name) AS count
           FROM embedding_spaces s ORDER BY s.name`,
        )
        .all()
        .map(spaceInfoFromRow);
      return {
        entities: count("SELECT COUNT(*) AS n FROM entities"),
        relations: count("SELECT COUNT(*) AS n FROM relations"),
        aliases: count("SELECT COUNT(*) AS n FROM aliases"),
        byCategory,
        bySource,
        relationTypes,
        embeddingSpaces,
      };
    });
  }

  async *streamEntities(): AsyncIterable<Entity> {
    for await (const rows of this.#pages("stream entities", this.#s.entityPage, (r) => r.rowid)) {
      const page = new Map<string, Entity>();
      this.#run("stream entities", () => this.#toEntities(rows, page));
      for (const entity of page.values()) yield entity;
    }
  }

  async *streamRelations(): AsyncIterable<Relation> {
    for await (const rows of this.#pages("stream relations", this.#s.relationPage, (r) => r.rowid)) {
      for (const { rowid: _, ...relation } of rows) yield relation;
    }
  }

  async *streamAliases(): AsyncIterable<AliasEntry> {
    for await (const forms of this.#pages("stream aliases", this.#s.formPage, (f) => f.id)) {
      const rows = this.#run("stream aliases", () =>
        this.#s.aliasesOfForms.all(JSON.stringify(forms.map((f) => f.id))),
      );
      let start = 0;
      while (start < rows.length) {
        let end = start;
        const entities = new Set<string>();
        while (end < rows.length && rows[end]!.form === rows[start]!.form)
          entities.add(rows[end++]!.entityId);
        for (let i = start; i < end; i += 1) yield aliasEntryFromRow(rows[i]!, entities.size);
        start = end;
      }
    }
  }

  async contentVersion(): Promise<string> {
    this.#open();
    return `${this.#s.meta.get("store_id")?.value}:${this.#s.meta.get("content_version")?.value}`;
  }

  async graphVersion(): Promise<string> {
    this.#open();
    return `${this.#s.meta.get("store_id")?.value}:graph:${this.#s.meta.get("graph_version")?.value ?? "0"}`;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    await this.#writes.idle();
    if (this.#closed) return;
    this.#closed = true;
    this.#db.close();
  }

  // ---------------------------------------------------------------- helpers

  #open(): void {
    if (this.#closed) {
      throw new StoreError(`the SQLite store ${this.#where} is closed`, { code: "STORE_UNAVAILABLE" });
    }
  }

  /**
   * Reads a table in pages of {@link PAGE} rows ordered by an integer key,
   * each page starting after the last key of the one before; checks that the
   * store is open before each page.
   */
  async *#pages<R>(
    what: string,
    page: Database.Statement<[number, number], R>,
    key: (row: R) => number,
  ): AsyncGenerator<R[]> {
    let after = 0;
    for (;;) {
      this.#open();
      const rows = this.#run(what, () => page.all(after, PAGE));
      if (rows.length === 0) return;
      after = key(rows[rows.length - 1]!);
      yield rows;
    }
  }

  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.#writes.enqueue(fn);
  }

  #run<T>(what: string, fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      if (error instanceof KnowfuseError) throw error;
      throw new StoreError(`SQLite store ${this.#where}: ${what} failed: ${(error as Error).message}`, {
        cause: error,
        details: { store: this.#where, operation: what },
      });
    }
  }
}

/**
 * Opens (creating and migrating if needed) a SQLite knowledge graph store.
 *
 * @example
 * ```ts
 * const kg = await openSqliteKnowledgeGraph({ path: "kg.db" });
 * const [bank] = await kg.lookupCandidates(["bank"]);
 * await kg.close();
 * ```
 */
export async function openSqliteKnowledgeGraph(
  options: SqliteKnowledgeGraphOptions = {},
): Promise<SqliteKnowledgeGraph> {
  const { path, readonly } = SqliteKnowledgeGraphOptionsSchema.parse(options);
  let db: Database.Database;
  try {
    db = new Database(path, { readonly, fileMustExist: readonly });
  } catch (error) {
    throw new StoreError(`cannot open SQLite store ${path}: ${(error as Error).message}`, {
      code: "STORE_UNAVAILABLE",
      cause: error,
      details: { path },
    });
  }
  try {
    if (path !== ":memory:" && !readonly) db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("cache_size = -65536");
    db.pragma("temp_store = MEMORY");
    if (readonly) checkSqliteSchema(db, path);
    else migrateSqliteSchema(db, path);
    return new SqliteKnowledgeGraph(db, path);
  } catch (error) {
    db.close();
    if (error instanceof KnowfuseError) throw error;
    throw new StoreError(`cannot open SQLite store ${path}: ${(error as Error).message}`, {
      code: "STORE_UNAVAILABLE",
      cause: error,
      details: { path },
    });
  }
}
