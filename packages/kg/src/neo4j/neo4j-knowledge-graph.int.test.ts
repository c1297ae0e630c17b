// Runs the shared KnowledgeGraph contract against a live Neo4j server when
// NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD; optionally NEO4J_DATABASE) is set.
// The database it points at is WIPED before every test: use a scratch database.
import { isKnowfuseError, ValidationError } from "@knowfuse/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeKnowledgeGraphContract } from "../contract/knowledge-graph-contract.js";
import { type Neo4jKnowledgeGraph, openNeo4jKnowledgeGraph } from "./neo4j-knowledge-graph.js";

const uri = process.env.NEO4J_URI;

if (!uri) {
  console.log(
    "[kg.neo4j.v1] live-server tests skipped: NEO4J_URI is not set (set NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD to a scratch database to run the KnowledgeGraph contract against Neo4j)",
  );
}

async function openEmpty(): Promise<Neo4jKnowledgeGraph> {
  const kg = await openNeo4jKnowledgeGraph({
    uri: uri!,
    ...(process.env.NEO4J_DATABASE ? { database: process.env.NEO4J_DATABASE } : {}),
    maxConnectionPoolSize: 4,
  });
  await kg.clear();
  return kg;
}

describe.skipIf(!uri)("Neo4j store on a live server", () => {
  describeKnowledgeGraphContract("kg.neo4j.v1", openEmpty);

  describe("Neo4j specifics", () => {
    let kg: Neo4jKnowledgeGraph;
    beforeAll(async () => {
      kg = await openEmpty();
    });
    afterAll(async () => {
      await kg.close();
    });

    it("stores relation names with slashes, dots and spaces as relationship types", async () => {
      const names = [
        "/film/film/estimated_budget./measurement_unit/dated_money_value/currency",
        "part of",
        "IsA",
      ];
      await kg.upsertRelations(
        names.map((relation) => ({ head: "a", relation, tail: "b", weight: 1, source: "t" })),
      );
      const edges = await kg.neighbors(["a"]);
      expect(edges.map((e) => e.relation).sort()).toEqual([...names].sort());
    });

    it("refuses a hostile relation name before sending anything", async () => {
      const before = await kg.contentVersion();
      const hostile = "x`]->(m) DETACH DELETE m //";
      await expect(
        kg.upsertRelations([{ head: "a", relation: hostile, tail: "b", weight: 1, source: "t" }]),
      ).rejects.toBeInstanceOf(ValidationError);
      expect(await kg.contentVersion()).toBe(before);
    });

    it("writes in batches larger than one UNWIND and reads them back in one call", async () => {
      const ids = Array.from({ length: 2500 }, (_, i) => `bulk:${i}`);
      await kg.upsertEntities(
        ids.map((id) => ({
          id,
          label: id,
          aliases: [{ text: id }],
          types: [],
          category: "domain",
          source: "bulk",
        })),
      );
      expect((await kg.getEntities(ids)).size).toBe(ids.length);
      expect(await kg.deleteSource("bulk")).toEqual({ entities: ids.length, relations: 0 });
    });

    it("refuses calls after close with STORE_UNAVAILABLE", async () => {
      const other = await openEmpty();
      await other.close();
      await expect(other.getEntities(["a"])).rejects.toSatisfy((e) =>
        isKnowfuseError(e, "STORE_UNAVAILABLE"),
      );
    });
  });
});
