import { describe, expect, it } from "vitest";
import { openSqliteKnowledgeGraph } from "../sqlite/sqlite-knowledge-graph.js";
import { AliasIndex } from "./alias-index.js";

describe("AliasIndex", () => {
  it("answers exact lookups exactly as the store does, and delegates fuzzy ones", async () => {
    const kg = await openSqliteKnowledgeGraph();
    await kg.upsertEntities([
      {
        id: "a",
        label: "A",
        aliases: [{ text: "Bank", prior: 0.2, key: "k-a" }, { text: "shore" }],
        types: [],
        category: "linguistic",
        source: "s",
      },
      {
        id: "b",
        label: "B",
        aliases: [{ text: "bank", prior: 0.8 }, { text: "BANK" }],
        types: [],
        category: "linguistic",
        source: "s",
      },
      {
        id: "c",
        label: "C",
        aliases: [{ text: "shore" }, { text: "Shore line" }],
        types: [],
        category: "linguistic",
        source: "s",
      },
    ]);
    const index = await AliasIndex.compile(kg);
    expect(index.size).toBe(3);
    expect(index.contentVersion).toBe(await kg.contentVersion());
    const surfaces = ["bank", " Shore ", "shore_line", "none", "", "BANK"];
    for (const limit of [1, 10]) {
      expect(index.lookupExact(surfaces, limit)).toEqual(await kg.lookupCandidates(surfaces, { limit }));
    }
    expect(await index.lookup(["shor line"], { fuzzy: true })).toEqual(
      await kg.lookupCandidates(["shor line"], { fuzzy: true }),
    );
    expect((await index.lookup(["shor line"], { fuzzy: true }))[0]?.[0]?.entityId).toBe("c");
    expect(index.entityForKey("k-a")).toBe("a");
    expect(index.entityForKey("nope")).toBeUndefined();
    const [first] = index.lookupExact(["bank"]);
    first![0]!.score = 99;
    expect(index.lookupExact(["bank"])[0]?.[0]?.score).toBe(1);
    await kg.close();
  });
});
