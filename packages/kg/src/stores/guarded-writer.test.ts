import { type Entity, type KnowledgeGraphWriter, StoreError } from "@knowfuse/core";
import { describe, expect, it } from "vitest";
import { openSqliteKnowledgeGraph } from "../sqlite/sqlite-knowledge-graph.js";

describe("guarded transaction writer", () => {
  it("refuses writes after its transaction has ended and leaves the store unchanged", async () => {
    const kg = await openSqliteKnowledgeGraph();
    let kept: KnowledgeGraphWriter | undefined;
    await kg.transaction(async (writer) => {
      kept = writer;
      await writer.upsertRelations([{ head: "a", relation: "r", tail: "b", weight: 1, source: "t" }]);
    });
    const entity: Entity = {
      id: "late",
      label: "late",
      aliases: [],
      types: [],
      category: "domain",
      source: "t",
    };
    await expect(kept!.upsertEntities([entity])).rejects.toBeInstanceOf(StoreError);
    await expect(
      kept!.upsertRelations([{ head: "a", relation: "r", tail: "c", weight: 1, source: "t" }]),
    ).rejects.toThrow(/transaction has ended/);
    const stats = await kg.stats();
    expect(stats.entities).toBe(0);
    expect(stats.relations).toBe(1);
    await kg.close();
  });
});
