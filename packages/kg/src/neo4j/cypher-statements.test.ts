import { readFileSync } from "node:fs";
import { lintCypherQuery } from "@neo4j-cypher/language-support";
import { describe, expect, it } from "vitest";
import * as statements from "./cypher-statements.js";
import {
  allCypherStatements,
  FIXED_RELATIONSHIP_TYPES,
  NODE_LABELS,
  PROPERTY_KEYS,
  SAMPLE_PARAMETERS,
} from "./cypher-statements.js";

/** Relation names as they occur in the shared data sets (WN18RR, FB15k-237, ConceptNet, UMLS). */
const SAMPLE_RELATIONS = [
  "_hypernym",
  "/film/film/estimated_budget./measurement_unit/dated_money_value/currency",
  "IsA",
  "co-occurs_with",
  "part of",
];

/**
 * Lints one statement with Neo4j's own Cypher parser against the store's
 * schema (labels, property keys, parameters), in Cypher 5. Returns every
 * diagnostic: errors (severity 1) and warnings such as unknown labels,
 * misspelt properties or deprecated syntax (severity 2).
 */
function lint(cypher: string, relationshipTypes: readonly string[] = []) {
  return lintCypherQuery(cypher, {
    defaultLanguage: "CYPHER 5",
    parameters: { ...SAMPLE_PARAMETERS },
    labels: [...NODE_LABELS],
    relationshipTypes: [...FIXED_RELATIONSHIP_TYPES, ...relationshipTypes],
    propertyKeys: [...PROPERTY_KEYS],
  }).diagnostics.map((d) => ({ severity: d.severity, message: String(d.message) }));
}

/**
 * The linter is synchronous and slow (about a second a statement on a busy
 * machine); letting the event loop run between statements keeps the vitest
 * worker answering its runner instead of timing out its RPC.
 */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe("Cypher statements of the Neo4j store", () => {
  const all = allCypherStatements(SAMPLE_RELATIONS);

  it.each(all.map((s) => [s.name, s.cypher] as const))(
    "%s parses cleanly with Neo4j's linter",
    async (_name, cypher) => {
      await yieldToEventLoop();
      expect(lint(cypher, SAMPLE_RELATIONS)).toEqual([]);
    },
  );

  it("lists every statement the module exports", () => {
    const listed = new Set(all.map((s) => s.cypher));
    const exported = Object.entries(statements).filter(
      ([, value]) => typeof value === "string" && /\b(MATCH|MERGE|CREATE|RETURN|UNWIND|CALL)\b/.test(value),
    );
    expect(exported.length).toBeGreaterThan(20);
    for (const [name, cypher] of exported) expect(listed.has(cypher as string), name).toBe(true);
  });

  it("is the only place the store's Cypher comes from", () => {
    const source = readFileSync(new URL("./neo4j-knowledge-graph.ts", import.meta.url), "utf8");
    const runs = [...source.matchAll(/\.run\(\s*([^,)\s]+)/g)].map((m) => m[1]);
    expect(runs.length).toBeGreaterThan(10);
    for (const argument of runs) expect(argument).toMatch(/^(statement|cypher|[A-Z_]+)$/);
  });

  it("the linter does catch a broken statement, a misspelt label and an undeclared parameter", () => {
    expect(lint("MATCH (e:Entity RETURN e").some((d) => d.severity === 1)).toBe(true);
    expect(lint("MATCH (e:Entiti) RETURN e.id").some((d) => /Entiti/.test(d.message))).toBe(true);
    expect(lint("MATCH (e:Entity {id: $nope}) RETURN e.id").some((d) => /\$nope/.test(d.message))).toBe(true);
  });

  it("builds the vector index with a fixed size only when asked", () => {
    expect(statements.schemaStatements().join("\n")).not.toContain("vector.dimensions");
    expect(statements.schemaStatements(200).join("\n")).toContain("`vector.dimensions`: 200");
    for (const s of statements.schemaStatements(16)) expect(s).toMatch(/IF NOT EXISTS/);
  });
});
