import {
  DimensionMismatchError,
  type Entity,
  type KnowledgeGraph,
  NotFoundError,
  type Relation,
} from "@knowfuse/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const SRC = "contract-a";
const OTHER = "contract-b";

function entity(id: string, extra: Partial<Entity> = {}): Entity {
  return { id, label: id, aliases: [], types: [], category: "domain", source: SRC, ...extra };
}

function relation(head: string, rel: string, tail: string, extra: Partial<Relation> = {}): Relation {
  return { head, relation: rel, tail, weight: 1, source: SRC, ...extra };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** A small graph: two "bank" senses with priors, a river and a chain of relations. */
const GRAPH = {
  entities: [
    entity("e:bank-river", {
      label: "bank (river)",
      aliases: [{ text: "bank", prior: 0.3, key: "bank%1:17:01::" }, { text: "river bank" }],
      description: "sloping land beside a body of water",
      types: ["noun.object"],
      category: "linguistic",
      properties: { senseNumber: 1, tags: ["x", "y"], nested: { ok: true, none: null } },
    }),
    entity("e:bank-money", {
      label: "bank (finance)",
      aliases: [
        { text: "Bank", prior: 0.7, key: "bank%1:14:00::" },
        { text: "depository financial institution" },
      ],
      category: "linguistic",
    }),
    entity("e:river", { label: "river", aliases: [{ text: "river" }, { text: "stream" }] }),
    entity("e:water", { label: "water", aliases: [{ text: "water" }] }),
    entity("e:cafe", { label: "Café", aliases: [{ text: "Café_Noir" }], source: OTHER, category: "factual" }),
    entity("e:tie1", { aliases: [{ text: "shared name" }] }),
    entity("e:tie2", { aliases: [{ text: "shared name" }] }),
  ],
  relations: [
    relation("e:bank-river", "part_of", "e:river", { weight: 0.5 }),
    relation("e:river", "contains", "e:water"),
    relation("e:bank-money", "related_to", "e:bank-river", { source: OTHER }),
    relation("e:water", "related_to", "e:cafe", { source: OTHER }),
  ],
};

/**
 * The behaviour every {@link KnowledgeGraph} implementation must show. Call it
 * from a test file of each store with the store's registered name and a
 * factory that returns a fresh, EMPTY store (closed by the suite after each test).
 *
 * @example
 * ```ts
 * describeKnowledgeGraphContract("kg.sqlite.v1", () => openSqliteKnowledgeGraph({ path: ":memory:" }));
 * ```
 */
export function describeKnowledgeGraphContract(name: string, open: () => Promise<KnowledgeGraph>): void {
  describe(`KnowledgeGraph contract: ${name}`, () => {
    let kg: KnowledgeGraph;
    beforeEach(async () => {
      kg = await open();
      await kg.upsertEntities(GRAPH.entities);
      await kg.upsertRelations(GRAPH.relations);
    });
    afterEach(async () => {
      await kg.close();
    });

    it("reports its registered kind", () => {
      expect(kg.kind).toBe(name);
    });

    it("returns entities by id with every field, and omits unknown ids", async () => {
      const got = await kg.getEntities(["e:bank-river", "e:nope", "e:river"]);
      expect([...got.keys()].sort()).toEqual(["e:bank-river", "e:river"]);
      expect(got.get("e:bank-river")).toEqual(GRAPH.entities[0]);
      expect(got.get("e:river")?.description).toBeUndefined();
      expect(got.get("e:river")?.properties).toBeUndefined();
    });

    it("replaces an entity's fields and aliases on upsert", async () => {
      await kg.upsertEntities([
        entity("e:river", { label: "River", aliases: [{ text: "brook", prior: 1 }] }),
      ]);
      const river = (await kg.getEntities(["e:river"])).get("e:river");
      expect(river?.label).toBe("River");
      expect(river?.aliases).toEqual([{ text: "brook", prior: 1 }]);
      const [stream, brook] = await kg.lookupCandidates(["stream", "brook"]);
      expect(stream).toEqual([]);
      expect(brook?.map((c) => c.entityId)).toEqual(["e:river"]);
    });

    it("looks up many surfaces at once, exactly after normalisation, ranked by prior", async () => {
      const [bank, upper, none, cafe, empty] = await kg.lookupCandidates([
        "bank",
        "  BANK ",
        "nothing",
        "cafe noir",
        "",
      ]);
      expect(bank?.map((c) => [c.entityId, c.prior, c.score])).toEqual([
        ["e:bank-money", 0.7, 1],
        ["e:bank-river", 0.3, 1],
      ]);
      expect(bank?.[0]?.alias).toBe("Bank");
      expect(bank?.some((c) => c.fuzzy)).toBe(false);
      expect(upper).toEqual(bank);
      expect(none).toEqual([]);
      expect(cafe?.map((c) => c.entityId)).toEqual(["e:cafe"]);
      expect(empty).toEqual([]);
    });

    it("gives aliases without a prior 1/n over the entities sharing the form, ties by id", async () => {
      const [shared, river] = await kg.lookupCandidates(["shared name", "river"]);
      expect(shared?.map((c) => [c.entityId, c.prior])).toEqual([
        ["e:tie1", 0.5],
        ["e:tie2", 0.5],
      ]);
      expect(river?.map((c) => [c.entityId, c.prior])).toEqual([["e:river", 1]]);
    });

    it("honours the candidate limit", async () => {
      const [bank] = await kg.lookupCandidates(["bank"], { limit: 1 });
      expect(bank?.map((c) => c.entityId)).toEqual(["e:bank-money"]);
    });

    it("finds misspellings only when fuzzy, scored by trigram similarity below exact hits", async () => {
      const [exactOnly] = await kg.lookupCandidates(["depository financial institutoin"]);
      expect(exactOnly).toEqual([]);
      const [fuzzy, far] = await kg.lookupCandidates(["depository financial institutoin", "qqqqzzzz"], {
        fuzzy: true,
      });
      expect(fuzzy?.[0]?.entityId).toBe("e:bank-money");
      expect(fuzzy?.[0]?.fuzzy).toBe(true);
      expect(fuzzy?.[0]?.score).toBeGreaterThan(0.5);
      expect(fuzzy?.[0]?.score).toBeLessThan(1);
      expect(far).toEqual([]);
      const [withExact] = await kg.lookupCandidates(["river"], { fuzzy: true, minSimilarity: 0.1 });
      expect(withExact?.[0]).toMatchObject({ entityId: "e:river", score: 1 });
      expect(withExact?.[0]?.fuzzy).toBeUndefined();
    });

    it("expands neighbours in both directions, by hops, with a relation filter and a limit", async () => {
      const one = await kg.neighbors(["e:river"]);
      expect(one.map((e) => `${e.head} ${e.relation} ${e.tail} ${e.hop}`).sort()).toEqual([
        "e:bank-river part_of e:river 1",
        "e:river contains e:water 1",
      ]);
      expect(one.find((e) => e.relation === "part_of")?.weight).toBe(0.5);
      const two = await kg.neighbors(["e:river"], { hops: 2 });
      expect(two.map((e) => `${e.relation}:${e.hop}`).sort()).toEqual([
        "contains:1",
        "part_of:1",
        "related_to:2",
        "related_to:2",
      ]);
      const filtered = await kg.neighbors(["e:river"], { hops: 2, relations: ["contains", "related_to"] });
      expect(filtered.map((e) => `${e.head}>${e.tail}`).sort()).toEqual([
        "e:river>e:water",
        "e:water>e:cafe",
      ]);
      expect(await kg.neighbors(["e:river"], { hops: 3, limit: 3 })).toHaveLength(3);
      expect(await kg.neighbors(["e:nope"])).toEqual([]);
    });

    it("updates a relation keyed by (head, relation, tail)", async () => {
      await kg.upsertRelations([relation("e:river", "contains", "e:water", { weight: 2 })]);
      const edges = await kg.neighbors(["e:water"], { relations: ["contains"] });
      expect(edges).toEqual([{ head: "e:river", relation: "contains", tail: "e:water", weight: 2, hop: 1 }]);
      expect((await kg.stats()).relations).toBe(GRAPH.relations.length);
    });

    it("stores and reads embeddings by space, checking dimensions", async () => {
      const v = new Float32Array([0.1, -2.5, 3e-8]);
      await kg.putEmbeddings({ name: "space-a", dim: 3, model: "kge.test.v1", config: { epochs: 2 } }, [
        ["e:river", v],
        ["e:water", new Float32Array([1, 2, 3])],
      ]);
      await kg.putEmbeddings({ name: "space-b", dim: 2 }, new Map([["e:river", new Float32Array([9, 8])]]));
      const got = await kg.getEmbeddings("space-a", ["e:river", "e:cafe"]);
      expect([...got.keys()]).toEqual(["e:river"]);
      expect(got.get("e:river")).toEqual(v);
      expect((await kg.getEmbeddings("space-b", ["e:river"])).get("e:river")).toEqual(
        new Float32Array([9, 8]),
      );
      await expect(kg.putEmbeddings({ name: "space-a", dim: 4 }, [])).rejects.toBeInstanceOf(
        DimensionMismatchError,
      );
      await expect(
        kg.putEmbeddings({ name: "space-a", dim: 3 }, [["e:cafe", new Float32Array(2)]]),
      ).rejects.toBeInstanceOf(DimensionMismatchError);
      expect((await kg.getEmbeddings("space-a", ["e:cafe"])).size).toBe(0);
      await expect(kg.getEmbeddings("no-such-space", ["e:river"])).rejects.toBeInstanceOf(NotFoundError);
      const spaces = (await kg.stats()).embeddingSpaces;
      expect(spaces).toEqual([
        { name: "space-a", dim: 3, model: "kge.test.v1", config: { epochs: 2 }, count: 2 },
        { name: "space-b", dim: 2, count: 1 },
      ]);
    });

    it("reports counts by category, source and relation type", async () => {
      const stats = await kg.stats();
      expect(stats.entities).toBe(GRAPH.entities.length);
      expect(stats.relations).toBe(GRAPH.relations.length);
      expect(stats.aliases).toBe(GRAPH.entities.reduce((n, e) => n + e.aliases.length, 0));
      expect(stats.byCategory).toEqual({ linguistic: 2, domain: 4, factual: 1 });
      expect(stats.bySource).toEqual({
        [SRC]: { entities: 6, relations: 2 },
        [OTHER]: { entities: 1, relations: 2 },
      });
      expect(stats.relationTypes).toEqual({ contains: 1, part_of: 1, related_to: 2 });
    });

    it("streams every entity, relation and alias", async () => {
      const entities = await collect(kg.streamEntities());
      expect(entities.map((e) => e.id).sort()).toEqual(GRAPH.entities.map((e) => e.id).sort());
      expect(entities.find((e) => e.id === "e:bank-money")).toEqual(GRAPH.entities[1]);
      const relations = await collect(kg.streamRelations());
      const key = (r: Relation) => `${r.head} ${r.relation} ${r.tail} ${r.weight} ${r.source}`;
      expect(relations.map(key).sort()).toEqual(GRAPH.relations.map(key).sort());
      const aliases = await collect(kg.streamAliases());
      expect(aliases).toHaveLength(GRAPH.entities.reduce((n, e) => n + e.aliases.length, 0));
      expect(aliases).toContainEqual({
        alias: "Bank",
        normalized: "bank",
        entityId: "e:bank-money",
        prior: 0.7,
        key: "bank%1:14:00::",
      });
      expect(aliases).toContainEqual({
        alias: "Café_Noir",
        normalized: "cafe noir",
        entityId: "e:cafe",
        prior: 1,
      });
      expect(aliases.filter((a) => a.normalized === "shared name").map((a) => a.prior)).toEqual([0.5, 0.5]);
    });

    it("deletes everything from one source and nothing else", async () => {
      const removed = await kg.deleteSource(OTHER);
      expect(removed).toEqual({ entities: 1, relations: 2 });
      expect((await kg.getEntities(["e:cafe"])).size).toBe(0);
      const [cafe, fuzzyCafe] = await kg.lookupCandidates(["cafe noir", "cafe noit"], { fuzzy: true });
      expect(cafe).toEqual([]);
      expect(fuzzyCafe).toEqual([]);
      const stats = await kg.stats();
      expect(stats.entities).toBe(GRAPH.entities.length - 1);
      expect(stats.relations).toBe(2);
      expect(stats.bySource[OTHER]).toBeUndefined();
      expect(await kg.deleteSource("never-imported")).toEqual({ entities: 0, relations: 0 });
    });

    it("leaves the store unchanged when a transaction fails, and commits when it succeeds", async () => {
      const before = await kg.contentVersion();
      await expect(
        kg.transaction(async (w) => {
          await w.upsertEntities([entity("e:half", { aliases: [{ text: "half done" }] })]);
          await w.upsertRelations([relation("e:half", "part_of", "e:river")]);
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      expect((await kg.getEntities(["e:half"])).size).toBe(0);
      expect(await kg.lookupCandidates(["half done"])).toEqual([[]]);
      expect((await kg.stats()).relations).toBe(GRAPH.relations.length);
      expect(await kg.contentVersion()).toBe(before);

      const result = await kg.transaction(async (w) => {
        await w.upsertEntities([entity("e:whole", { aliases: [{ text: "whole" }] })]);
        return 42;
      });
      expect(result).toBe(42);
      expect((await kg.lookupCandidates(["whole"]))[0]?.[0]?.entityId).toBe("e:whole");
      expect(await kg.contentVersion()).not.toBe(before);
    });

    it("moves the graph version on graph writes only, and the content version on embedding writes too", async () => {
      const content = await kg.contentVersion();
      const graph = await kg.graphVersion();
      await kg.putEmbeddings({ name: "space-b", dim: 2 }, [["e:water", Float32Array.of(1, 2)]]);
      expect(await kg.contentVersion()).not.toBe(content);
      expect(await kg.graphVersion()).toBe(graph);
      await kg.upsertRelations([relation("e:river", "near", "e:water", { source: "contract-versions" })]);
      const afterRelation = await kg.graphVersion();
      expect(afterRelation).not.toBe(graph);
      await kg.upsertEntities([
        entity("e:versioned", { aliases: [{ text: "versioned" }], source: "contract-versions" }),
      ]);
      expect(await kg.graphVersion()).not.toBe(afterRelation);
      const beforeDelete = await kg.graphVersion();
      await kg.deleteSource("contract-versions");
      expect(await kg.graphVersion()).not.toBe(beforeDelete);
    });

    it("handles batches larger than any page size", async () => {
      const many = Array.from({ length: 2500 }, (_, i) =>
        entity(`e:many-${i}`, { aliases: [{ text: `many ${i}` }], source: "contract-many" }),
      );
      await kg.upsertEntities(many);
      await kg.upsertRelations(
        many.slice(1).map((e, i) => relation(many[i]!.id, "next", e.id, { source: "contract-many" })),
      );
      const ids = many.map((e) => e.id);
      expect((await kg.getEntities(ids)).size).toBe(2500);
      const lists = await kg.lookupCandidates(many.map((_, i) => `MANY ${i}`));
      expect(lists.map((l) => l[0]?.entityId)).toEqual(ids);
      expect((await collect(kg.streamEntities())).length).toBe(2500 + GRAPH.entities.length);
      expect((await collect(kg.streamAliases())).filter((a) => a.entityId.startsWith("e:many-")).length).toBe(
        2500,
      );
      expect(await kg.neighbors(ids.slice(0, 1500), { limit: 5000 })).toHaveLength(1500);
      expect(await kg.deleteSource("contract-many")).toEqual({ entities: 2500, relations: 2499 });
    });

    it("closes idempotently", async () => {
      await kg.close();
      await kg.close();
      kg = await open();
    });
  });
}
