/**
 * @packageDocumentation
 * Knowledge graph stores, importers and the in-memory alias index of knowfuse.
 * The embedded SQLite store is here; the Neo4j store lives behind the
 * `@knowfuse/kg/neo4j` subpath so that this entry never loads its driver. The
 * shared store contract suite is at `@knowfuse/kg/contract` (needs vitest).
 */

export { AliasIndex, type AliasIndexCompileOptions } from "./candidates/alias-index.js";
export { type CandidateRow, compareCandidates, rankCandidates } from "./candidates/rank-candidates.js";
export { trigramSimilarity, trigrams } from "./candidates/trigrams.js";
export * from "./embeddings/index.js";
export {
  type ConceptnetImportOptions,
  ConceptnetImportOptionsSchema,
  conceptnetPhraseId,
  createConceptnetImporter,
} from "./importers/conceptnet-importer.js";
export {
  type Importer,
  type ImportReport,
  type ImportRunOptions,
  ImportSession,
  type InvalidLinePolicy,
  InvalidLinePolicySchema,
  inputLines,
  runImport,
  tabFields,
} from "./importers/import-session.js";
export { createImporterRegistry } from "./importers/importer-registry.js";
export {
  createJsonlImporter,
  JsonlGraphLineSchema,
  type JsonlImportOptions,
  JsonlImportOptionsSchema,
} from "./importers/jsonl-importer.js";
export {
  createTriplesImporter,
  type TriplesImportOptions,
  TriplesImportOptionsSchema,
} from "./importers/triples-importer.js";
export {
  createWordnetImporter,
  type WordnetImportOptions,
  WordnetImportOptionsSchema,
  wordnetDbPath,
  wordnetSenseKeySynsetId,
  wordnetSynsetId,
} from "./importers/wordnet-importer.js";
export { WORDNET_LEXNAMES } from "./importers/wordnet-lexnames.js";
export { type WordnetFilePos, wordnetPointerName } from "./importers/wordnet-pointers.js";
export {
  openSqliteKnowledgeGraph,
  SqliteKnowledgeGraph,
  type SqliteKnowledgeGraphOptions,
  SqliteKnowledgeGraphOptionsSchema,
} from "./sqlite/sqlite-knowledge-graph.js";
export {
  checkSqliteSchema,
  migrateSqliteSchema,
  SQLITE_MIGRATIONS,
  SQLITE_SCHEMA_VERSION,
} from "./sqlite/sqlite-schema.js";
export {
  createKnowledgeGraphRegistry,
  type KnowledgeGraphSpec,
  KnowledgeGraphSpecSchema,
  openKnowledgeGraph,
  sqliteStoreEntry,
} from "./stores/knowledge-graph-registry.js";
