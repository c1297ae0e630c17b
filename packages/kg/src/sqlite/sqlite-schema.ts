import { StoreError } from "@knowfuse/core";
import type Database from "better-sqlite3";

/**
 * The schema migrations of the SQLite store, in order: migration `i` brings a
 * database from version `i` to `i + 1`. Append only; never edit a released one.
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE entities (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    description TEXT,
    category TEXT NOT NULL,
    source TEXT NOT NULL,
    types TEXT NOT NULL,
    properties TEXT
  );
  CREATE INDEX entities_source ON entities(source);
  CREATE TABLE alias_forms (id INTEGER PRIMARY KEY, normalized TEXT NOT NULL UNIQUE);
  CREATE VIRTUAL TABLE alias_fts USING fts5(padded, tokenize = 'trigram');
  CREATE TABLE aliases (
    rowid INTEGER PRIMARY KEY,
    entity INTEGER NOT NULL,
    form INTEGER NOT NULL,
    text TEXT NOT NULL,
    prior REAL,
    key TEXT
  );
  CREATE INDEX aliases_form ON aliases(form);
  CREATE INDEX aliases_entity ON aliases(entity);
  CREATE TABLE relations (
    rowid INTEGER PRIMARY KEY,
    head TEXT NOT NULL,
    relation TEXT NOT NULL,
    tail TEXT NOT NULL,
    weight REAL NOT NULL,
    source TEXT NOT NULL,
    UNIQUE (head, relation, tail)
  );
  CREATE INDEX relations_tail ON relations(tail);
  CREATE INDEX relations_source ON relations(source);
  CREATE TABLE embedding_spaces (
    name TEXT PRIMARY KEY,
    dim INTEGER NOT NULL,
    model TEXT,
    config TEXT
  ) WITHOUT ROWID;
  CREATE TABLE embeddings (
    space TEXT NOT NULL,
    entity TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (space, entity)
  ) WITHOUT ROWID;
  `,
  `
  CREATE VIRTUAL TABLE alias_fts_terms USING fts5vocab(alias_fts, instance);
  `,
];

/** The schema version this code writes. */
export const SQLITE_SCHEMA_VERSION = SQLITE_MIGRATIONS.length;

/**
 * Creates the schema or brings it up to {@link SQLITE_SCHEMA_VERSION}, in one
 * transaction, recording the version in the `schema_version` table. A
 * database written by a newer version is refused with a {@link StoreError}.
 */
export function migrateSqliteSchema(db: Database.Database, where: string): void {
  db.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
  const row = db.prepare("SELECT version FROM schema_version").get() as { version: number } | undefined;
  const current = row?.version ?? 0;
  if (current > SQLITE_SCHEMA_VERSION) {
    throw new StoreError(
      `${where} has schema version ${current}, but this knowfuse reads up to ${SQLITE_SCHEMA_VERSION}; upgrade knowfuse`,
      { code: "STORE_UNAVAILABLE", details: { where, version: current, supported: SQLITE_SCHEMA_VERSION } },
    );
  }
  if (current === SQLITE_SCHEMA_VERSION) return;
  db.transaction(() => {
    for (let v = current; v < SQLITE_SCHEMA_VERSION; v += 1) db.exec(SQLITE_MIGRATIONS[v]!);
    if (current === 0) {
      db.prepare("INSERT INTO schema_version (version) VALUES (?)").run(SQLITE_SCHEMA_VERSION);
      db.prepare("INSERT INTO meta (key, value) VALUES ('store_id', ?), ('content_version', '0')").run(
        crypto.randomUUID(),
      );
    } else {
      db.prepare("UPDATE schema_version SET version = ?").run(SQLITE_SCHEMA_VERSION);
    }
  })();
}

/**
 * For a read-only database: checks that its schema is exactly
 * {@link SQLITE_SCHEMA_VERSION} (a read-only store cannot be migrated), or
 * throws a {@link StoreError} saying what to do.
 */
export function checkSqliteSchema(db: Database.Database, where: string): void {
  const hasTable = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
    .get();
  const version = hasTable
    ? ((db.prepare("SELECT version FROM schema_version").get() as { version: number } | undefined)?.version ??
      0)
    : 0;
  if (version !== SQLITE_SCHEMA_VERSION) {
    throw new StoreError(
      `${where} has schema version ${version}, this knowfuse needs ${SQLITE_SCHEMA_VERSION}; a read-only store cannot be migrated, open it once writable (or re-import into it)`,
      { code: "STORE_UNAVAILABLE", details: { where, version, supported: SQLITE_SCHEMA_VERSION } },
    );
  }
}
