import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Entity, KnowledgeGraph } from "@knowfuse/core";
import { openSqliteKnowledgeGraph } from "@knowfuse/kg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadWordRarity } from "../alias-index/load-word-rarity.js";
import { MalformedPackedFileError } from "../cache/packed-file.js";
import { Vocabulary } from "./context-words.js";
import { type EntityKnowledge, KnowledgeCache } from "./knowledge-cache.js";
import { KnowledgeSnapshot } from "./knowledge-snapshot.js";
import { decodeKnowledgeSnapshot, encodeKnowledgeSnapshot } from "./knowledge-snapshot-file.js";

const entity = (id: string, label: string, description: string, extra: Partial<Entity> = {}): Entity => ({
  id,
  label,
  description,
  aliases: [{ text: label }],
  types: [],
  category: "linguistic",
  source: "test",
  ...extra,
});

/** A knowledge record with its word ids spelled out, comparable across vocabularies. */
function spelled(k: EntityKnowledge, vocabulary: Vocabulary) {
  const words = vocabulary.words();
  const { node: _, neighbourNodes: __, ...rest } = k;
  return {
    ...rest,
    descriptionWords: Array.from(k.descriptionWords, (w) => words[w]),
    neighbourWords: Array.from(k.neighbourWords, (w) => words[w]),
  };
}

describe("KnowledgeSnapshot", () => {
  let kg: KnowledgeGraph;
  const ids = ["e:dog", "e:cat", "e:hub", "e:pet", "e:lone"];

  beforeAll(async () => {
    kg = await openSqliteKnowledgeGraph({
      path: join(mkdtempSync(join(tmpdir(), "knowfuse-snapshot-")), "kg.db"),
    });
    await kg.upsertEntities([
      entity("e:dog", "dog", "a domesticated carnivorous mammal that barks", {
        properties: { pos: "n", senseNumbers: { "dog%1:05:00::": 1 } },
      }),
      entity("e:cat", "cat", "a small feline kept as a pet"),
      entity("e:hub", "animal", "a living organism that moves"),
      entity("e:pet", "pet", "an animal kept for companionship", {
        aliases: [{ text: "pet" }, { text: "pets" }],
      }),
      entity("e:lone", "lonely", "nobody links here"),
    ]);
    const edge = (head: string, relation: string, tail: string) => ({
      head,
      relation,
      tail,
      weight: 1,
      source: "test",
    });
    await kg.upsertRelations([
      edge("e:dog", "isa", "e:hub"),
      edge("e:cat", "isa", "e:hub"),
      edge("e:pet", "isa", "e:hub"),
      edge("e:dog", "related", "e:pet"),
      edge("e:cat", "related", "e:pet"),
      edge("e:dog", "related", "e:dog"),
      edge("e:hub", "isa", "e:dog"),
    ]);
  });

  afterAll(async () => {
    await kg?.close();
  });

  it("holds what the knowledge cache reads from the store, entity by entity", async () => {
    for (const edgesPerEntity of [64, 2]) {
      const snapshot = await KnowledgeSnapshot.build(kg, { edgesPerEntity });
      expect(snapshot.size).toBe(ids.length);
      const fromStore = new Vocabulary();
      const fromSnapshot = new Vocabulary();
      const store = new KnowledgeCache(kg, fromStore, { edgesPerEntity });
      const read = new KnowledgeCache(kg, fromSnapshot, { edgesPerEntity, snapshot });
      await store.ensure(ids);
      await read.ensure(ids);
      for (const id of ids)
        expect(spelled(read.get(id)!, fromSnapshot)).toEqual(spelled(store.get(id)!, fromStore));
    }
    const snapshot = await KnowledgeSnapshot.build(kg, { edgesPerEntity: 2 });
    // The hub's first two neighbours in the order head, relation, tail (and never itself).
    expect(snapshot.entity(snapshot.indexOf("e:hub")).neighbours).toEqual(["e:cat", "e:dog"]);
    const dog = snapshot.entity(snapshot.indexOf("e:dog"));
    expect(dog.neighbours).toEqual(["e:hub", "e:pet"]);
    expect(dog.pos).toBe("n");
    expect(dog.senseNumbers).toEqual({ "dog%1:05:00::": 1 });
    expect(snapshot.entity(snapshot.indexOf("e:lone")).neighbours).toEqual([]);
    expect(snapshot.indexOf("e:absent")).toBe(-1);
  });

  it("counts each word's entities as the word-rarity pass over the store does", async () => {
    const snapshot = await KnowledgeSnapshot.build(kg);
    const rarity = snapshot.wordRarity();
    expect(rarity).toEqual(await loadWordRarity(kg, { cacheDir: false }));
    expect(rarity.df.get("anim")).toBe(2);
  });

  it("round-trips through its file, and rejects damaged bytes", async () => {
    const snapshot = await KnowledgeSnapshot.build(kg);
    const bytes = encodeKnowledgeSnapshot(snapshot);
    const copy = decodeKnowledgeSnapshot(bytes);
    expect(copy.tables).toEqual(snapshot.tables);
    for (const id of ids)
      expect(copy.entity(copy.indexOf(id))).toEqual(snapshot.entity(snapshot.indexOf(id)));
    expect(decodeKnowledgeSnapshot(encodeKnowledgeSnapshot(KnowledgeSnapshot.empty())).size).toBe(0);
    expect(() => decodeKnowledgeSnapshot(bytes.subarray(0, bytes.length - 3))).toThrow(
      MalformedPackedFileError,
    );
    // A neighbour number out of range.
    const bad = new KnowledgeSnapshot({
      ...snapshot.tables,
      neighbours: snapshot.tables.neighbours.map(() => 99),
    });
    expect(() => decodeKnowledgeSnapshot(encodeKnowledgeSnapshot(bad))).toThrow(MalformedPackedFileError);
  });

  it("is empty for a store with more entities than allowed, and the cache then reads the store", async () => {
    const snapshot = await KnowledgeSnapshot.build(kg, { maxEntities: 3 });
    expect(snapshot.size).toBe(0);
    const cache = new KnowledgeCache(kg, new Vocabulary(), { snapshot });
    await cache.ensure(["e:dog"]);
    expect(cache.get("e:dog")?.label).toBe("dog");
  });
});
