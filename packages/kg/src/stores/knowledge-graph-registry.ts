import { type KnowledgeGraph, Registry, type RegistryEntry } from "@knowfuse/core";
import { z } from "zod";
import {
  openSqliteKnowledgeGraph,
  SqliteKnowledgeGraphOptionsSchema,
} from "../sqlite/sqlite-knowledge-graph.js";

/** The registry entry of the embedded SQLite store: "kg.sqlite.v1", alias "sqlite". */
export const sqliteStoreEntry: RegistryEntry<KnowledgeGraph, typeof SqliteKnowledgeGraphOptionsSchema> = {
  name: "kg.sqlite.v1",
  aliases: ["sqlite"],
  description: "embedded SQLite store (better-sqlite3): a file or :memory:, FTS5 trigram fuzzy lookup",
  schema: SqliteKnowledgeGraphOptionsSchema,
  create: (options) => openSqliteKnowledgeGraph(options),
};

/**
 * A fresh registry of graph stores with every store of the main entry
 * registered (this is the one place kg registers stores). Stores living
 * behind a subpath export (Neo4j: `@knowfuse/kg/neo4j`) add themselves with
 * `registry.register(...)` once loaded, so the main entry never loads their driver.
 */
export function createKnowledgeGraphRegistry(): Registry<KnowledgeGraph> {
  return new Registry<KnowledgeGraph>("graph store").register(sqliteStoreEntry);
}

/** A store spec: a registered name (or alias) in `type`, plus that store's options. */
export const KnowledgeGraphSpecSchema = z.looseObject({ type: z.string().min(1) });

/** A store spec, e.g. `{ type: "sqlite", path: "kg.db" }`. */
export type KnowledgeGraphSpec = z.input<typeof KnowledgeGraphSpecSchema>;

/**
 * Opens a graph store from a spec through a store registry (by default
 * {@link createKnowledgeGraphRegistry}). Unknown types fail with an error that
 * lists the known ones; bad options with a ValidationError naming the field.
 *
 * @example
 * ```ts
 * const kg = await openKnowledgeGraph({ type: "sqlite", path: "kg.db" });
 * ```
 */
export async function openKnowledgeGraph(
  spec: KnowledgeGraphSpec,
  registry: Registry<KnowledgeGraph> = createKnowledgeGraphRegistry(),
): Promise<KnowledgeGraph> {
  const { type, ...options } = spec;
  return registry.create(type, options);
}
