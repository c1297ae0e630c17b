/**
 * @packageDocumentation
 * Knowledge graph stores, importers and the in-memory alias index of knowfuse.
 * The embedded SQLite store is here; the Neo4j store lives behind the
 * `@knowfuse/kg/neo4j` subpath so that this entry never loads its driver. The
 * shared store contract suite is at `@knowfuse/kg/contract` (needs vitest).
 */
export { type CandidateRow, compareCandidates, rankCandidates } from "./candidates/rank-candidates.js";
export { trigramSimilarity, trigrams } from "./candidates/trigrams.js";
export {
  openSqliteKnowledgeGraph,
  SqliteKnowledgeGraph,
  type SqliteKnowledgeGraphOptions,
  SqliteKnowledgeGraphOptionsSchema,
} from "./sqlite/sqlite-knowledge-graph.js";
export { migrateSqliteSchema, SQLITE_MIGRATIONS, SQLITE_SCHEMA_VERSION } from "./sqlite/sqlite-schema.js";
export {
  createKnowledgeGraphRegistry,
  type KnowledgeGraphSpec,
  KnowledgeGraphSpecSchema,
  openKnowledgeGraph,
  sqliteStoreEntry,
} from "./stores/knowledge-graph-registry.js";
