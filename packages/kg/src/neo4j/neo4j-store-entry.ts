import type { KnowledgeGraph, Registry, RegistryEntry } from "@knowfuse/core";
import { Neo4jKnowledgeGraphOptionsSchema, openNeo4jKnowledgeGraph } from "./neo4j-knowledge-graph.js";

/** The registry entry of the Neo4j store: "kg.neo4j.v1", alias "neo4j". */
export const neo4jStoreEntry: RegistryEntry<KnowledgeGraph, typeof Neo4jKnowledgeGraphOptionsSchema> = {
  name: "kg.neo4j.v1",
  aliases: ["neo4j"],
  description:
    "Neo4j 5.23+ server through neo4j-driver: full-text trigram fuzzy lookup, vector index, pooled connections",
  schema: Neo4jKnowledgeGraphOptionsSchema,
  create: (options) => openNeo4jKnowledgeGraph(options),
};

/**
 * Adds the Neo4j store to a graph-store registry (e.g. one from
 * `createKnowledgeGraphRegistry()`); a registry that has it already is returned unchanged.
 *
 * @example
 * ```ts
 * import { createKnowledgeGraphRegistry, openKnowledgeGraph } from "@knowfuse/kg";
 * import { registerNeo4jStore } from "@knowfuse/kg/neo4j";
 * const registry = registerNeo4jStore(createKnowledgeGraphRegistry());
 * const kg = await openKnowledgeGraph({ type: "neo4j", uri: "neo4j://localhost:7687" }, registry);
 * ```
 */
export function registerNeo4jStore(registry: Registry<KnowledgeGraph>): Registry<KnowledgeGraph> {
  return registry.has(neo4jStoreEntry.name) ? registry : registry.register(neo4jStoreEntry);
}
