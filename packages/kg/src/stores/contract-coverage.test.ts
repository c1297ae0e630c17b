import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { workspaceRoot } from "@knowfuse/core";
import { describe, expect, it } from "vitest";
import { registerNeo4jStore } from "../neo4j/neo4j-store-entry.js";
import { createKnowledgeGraphRegistry } from "./knowledge-graph-registry.js";

function testFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...testFiles(path));
    else if (entry.name.endsWith(".test.ts")) out.push(path);
  }
  return out;
}

describe("graph store registry", () => {
  it("has a contract run for every registered store (main entry and the Neo4j subpath)", () => {
    const root = workspaceRoot();
    const sources = [...testFiles(join(root, "packages")), ...testFiles(join(root, "test"))].map((f) =>
      readFileSync(f, "utf8"),
    );
    const registry = registerNeo4jStore(createKnowledgeGraphRegistry());
    expect(registry.names()).toEqual(expect.arrayContaining(["kg.sqlite.v1", "kg.neo4j.v1"]));
    const missing = registry
      .names()
      .filter((name) => !sources.some((s) => s.includes(`describeKnowledgeGraphContract("${name}"`)));
    expect(missing, "stores registered without a describeKnowledgeGraphContract run").toEqual([]);
  });
});
