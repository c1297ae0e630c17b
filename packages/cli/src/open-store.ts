import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { cachePath, type KnowledgeGraph, NotFoundError, type Registry, StoreError } from "@knowfuse/core";
import { createKnowledgeGraphRegistry, openKnowledgeGraph } from "@knowfuse/kg";

/** URI schemes that select the Neo4j store. */
export const NEO4J_URI = /^(?:neo4j|bolt)(?:\+s|\+ssc)?:\/\//;

/**
 * The subpath module of the Neo4j store. It must export
 * `registerNeo4jStore(registry)`, registering "kg.neo4j.v1" (options `{ uri }`,
 * credentials as its schema decides). It is imported only for neo4j:// and
 * bolt:// specs, so SQLite users never load the driver.
 */
export const NEO4J_STORE_MODULE = "@knowfuse/kg/neo4j";

/** The store used when `--store` is absent: `KNOWFUSE_STORE`, else `.cache/kg.db` under the workspace. */
export function defaultStoreSpec(): string {
  return process.env.KNOWFUSE_STORE ?? cachePath("kg.db");
}

interface Neo4jStoreModule {
  registerNeo4jStore?: (registry: Registry<KnowledgeGraph>) => void;
}

async function openNeo4jStore(uri: string): Promise<KnowledgeGraph> {
  const specifier: string = NEO4J_STORE_MODULE;
  let module: Neo4jStoreModule;
  try {
    module = (await import(specifier)) as Neo4jStoreModule;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "ERR_PACKAGE_PATH_NOT_EXPORTED") {
      throw new StoreError(
        `cannot open ${uri}: the Neo4j store (${NEO4J_STORE_MODULE}) is not available in this installation; pass a SQLite file path to --store instead`,
        { code: "STORE_UNAVAILABLE", cause: error, details: { uri } },
      );
    }
    throw error;
  }
  if (typeof module.registerNeo4jStore !== "function") {
    throw new StoreError(
      `cannot open ${uri}: ${NEO4J_STORE_MODULE} does not export registerNeo4jStore(registry)`,
      {
        code: "STORE_UNAVAILABLE",
        details: { uri },
      },
    );
  }
  const registry = createKnowledgeGraphRegistry();
  module.registerNeo4jStore(registry);
  return registry.create("kg.neo4j.v1", { uri });
}

/**
 * Opens the graph store a `--store` value names: a `neo4j://` / `bolt://` URI
 * (the Neo4j store, loaded on demand), `:memory:`, or a SQLite file path
 * (optionally written `sqlite:<path>`; created with its folder unless `create`
 * is false, when a missing file is a {@link NotFoundError}). Without a value,
 * {@link defaultStoreSpec}.
 */
export async function openStore(
  spec: string = defaultStoreSpec(),
  options: { create?: boolean } = {},
): Promise<KnowledgeGraph> {
  if (NEO4J_URI.test(spec)) return openNeo4jStore(spec);
  const raw = spec.startsWith("sqlite:") ? spec.slice("sqlite:".length) : spec;
  if (raw === ":memory:") return openKnowledgeGraph({ type: "kg.sqlite.v1", path: raw });
  const path = resolve(raw);
  if (options.create === false && !existsSync(path)) {
    throw new NotFoundError(
      `no graph store at ${path}; import into it first (knowfuse kg import ...) or pass --store`,
      {
        details: { path },
      },
    );
  }
  mkdirSync(dirname(path), { recursive: true });
  return openKnowledgeGraph({ type: "kg.sqlite.v1", path });
}
