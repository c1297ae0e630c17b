/**
 * @packageDocumentation
 * `@knowfuse/kg/neo4j`: the Neo4j graph store ("kg.neo4j.v1"). A separate
 * entry point, so that users of the embedded store never load neo4j-driver.
 */
export {
  escapeIdentifier,
  isSafeIdentifier,
  MAX_IDENTIFIER_LENGTH,
  SAFE_IDENTIFIER_PATTERN,
  safeIdentifier,
} from "./cypher-identifier.js";
export { allCypherStatements } from "./cypher-statements.js";
export {
  Neo4jKnowledgeGraph,
  type Neo4jKnowledgeGraphOptions,
  Neo4jKnowledgeGraphOptionsSchema,
  openNeo4jKnowledgeGraph,
} from "./neo4j-knowledge-graph.js";
export { neo4jStoreEntry, registerNeo4jStore } from "./neo4j-store-entry.js";
