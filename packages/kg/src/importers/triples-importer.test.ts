import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { datasetPath, ImportLineError } from "@knowfuse/core";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteKnowledgeGraph } from "../sqlite/sqlite-knowledge-graph.js";
import { createTriplesImporter } from "./triples-importer.js";

const tmp = mkdtempSync(join(tmpdir(), "kf-triples-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Distinct ids and triples of real triple files, read independently of the importer. */
function tripleFacts(files: string[]): { ids: Set<string>; triples: Set<string> } {
  const ids = new Set<string>();
  const triples = new Set<string>();
  for (const f of files) {
    for (const line of readFileSync(f, "utf8").split("\n")) {
      if (!line.trim()) continue;
      const [h, r, t] = line.split("\t");
      ids.add(h!);
      ids.add(t!);
      triples.add(`${h}|${r}|${t}`);
    }
  }
  return { ids, triples };
}

describe("triples importer on real data", () => {
  it("imports UMLS (train + dev) with names, long descriptions and relation texts", async () => {
    const kg = await openSqliteKnowledgeGraph();
    const files = [datasetPath("umls", "train.tsv"), datasetPath("umls", "dev.tsv")];
    const importer = createTriplesImporter({
      files,
      entityText: datasetPath("umls", "entity2text.txt"),
      entityDescription: datasetPath("umls", "entity2textlong.txt"),
      relationText: datasetPath("umls", "relation2text.txt"),
      category: "domain",
      source: "umls",
      idPrefix: "umls:",
    });
    const report = await importer.run(kg);
    const { ids, triples } = tripleFacts(files);
    const names = readFileSync(datasetPath("umls", "entity2text.txt"), "utf8").trim().split("\n");
    const relationNames = readFileSync(datasetPath("umls", "relation2text.txt"), "utf8").trim().split("\n");
    const stats = await kg.stats();
    expect(stats.relations).toBe(triples.size);
    expect(stats.entities).toBe(
      new Set([...ids, ...names.map((l) => l.split("\t")[0])]).size + relationNames.length,
    );
    expect(stats.byCategory).toEqual({ domain: stats.entities });
    const [idea] = await kg.lookupCandidates(["Idea or Concept"]);
    expect(idea?.map((c) => c.entityId)).toEqual(["umls:idea_or_concept"]);
    const entity = (await kg.getEntities(["umls:idea_or_concept"])).get("umls:idea_or_concept");
    expect(entity?.description).toMatch(/^In philosophy, ideas are/);
    expect(entity?.source).toBe("umls");
    const isa = (await kg.getEntities(["umls:relation:isa"])).get("umls:relation:isa");
    expect(isa?.types).toEqual(["relation"]);
    expect(isa?.aliases).toEqual([]);

    const again = await importer.run(kg);
    expect(again.relations).toBe(report.relations);
    expect(await kg.stats()).toEqual(stats);
    await kg.close();
  });

  it("imports WN18RR valid with 'lemma, definition' entity texts", async () => {
    const kg = await openSqliteKnowledgeGraph();
    const file = datasetPath("wn18rr", "valid.txt");
    await createTriplesImporter({
      files: [file],
      entityText: datasetPath("wn18rr", "entity2text.txt"),
      entityTextFormat: "label-description",
      category: "linguistic",
      source: "wn18rr",
      idPrefix: "wn18rr:",
    }).run(kg);
    expect((await kg.stats()).relations).toBe(tripleFacts([file]).triples.size);
    const line = readFileSync(datasetPath("wn18rr", "entity2text.txt"), "utf8").split("\n")[0]!;
    const [offset, text] = line.split("\t") as [string, string];
    const entity = (await kg.getEntities([`wn18rr:${offset}`])).get(`wn18rr:${offset}`);
    expect(`${entity?.label}, ${entity?.description}`).toBe(text);
    const [found] = await kg.lookupCandidates([entity!.label], { limit: 50 });
    expect(found?.map((c) => c.entityId)).toContain(`wn18rr:${offset}`);
    await kg.close();
  });

  it("imports FB15k-237 valid with entity names as factual knowledge", async () => {
    const kg = await openSqliteKnowledgeGraph();
    const file = datasetPath("fb15k237", "valid.txt");
    await createTriplesImporter({
      files: [file],
      entityText: datasetPath("fb15k237", "entity2text.txt"),
      category: "factual",
      source: "fb15k237",
      idPrefix: "fb:",
    }).run(kg);
    expect((await kg.stats()).relations).toBe(tripleFacts([file]).triples.size);
    const [irons] = await kg.lookupCandidates(["Jeremy Irons"]);
    expect(irons?.[0]?.entityId).toBe("fb:/m/016ywr");
    await kg.close();
  });
});

describe("triples importer on bad input", () => {
  const good = Array.from({ length: 5000 }, (_, i) => `e${i}\tnext\te${i + 1}`);
  const badFile = join(tmp, "bad.tsv");
  writeFileSync(badFile, `${[...good, "e1\tonly-two-fields", "e2\tx\te3\tnot-a-number"].join("\n")}\n`);

  it("rolls back everything when a line is malformed under the stop policy", async () => {
    const kg = await openSqliteKnowledgeGraph();
    await kg.upsertEntities([
      { id: "keep", label: "keep", aliases: [], types: [], category: "domain", source: "x" },
    ]);
    const before = await kg.stats();
    const version = await kg.contentVersion();
    const error = await createTriplesImporter({ files: [badFile], source: "bad" })
      .run(kg)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportLineError);
    expect(error).toMatchObject({ file: badFile, line: 5001, code: "IMPORT_LINE_INVALID" });
    expect((error as Error).message).toContain(`${badFile}:5001`);
    expect(await kg.stats()).toEqual(before);
    expect(await kg.contentVersion()).toBe(version);
    await kg.close();
  });

  it("skips and counts malformed lines under the skip policy", async () => {
    const kg = await openSqliteKnowledgeGraph();
    const report = await createTriplesImporter({ files: [badFile], source: "bad", invalidLines: "skip" }).run(
      kg,
    );
    expect(report.skipped).toBe(2);
    expect(report.errors.map((e) => e.line)).toEqual([5001, 5002]);
    expect(report.errors[1]?.message).toContain("weight");
    expect((await kg.stats()).relations).toBe(5000);
    await kg.close();
  });

  it("fails with a typed error naming a missing file", async () => {
    const kg = await openSqliteKnowledgeGraph();
    await expect(
      createTriplesImporter({ files: [join(tmp, "missing.tsv")], source: "m" }).run(kg),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await kg.close();
  });
});
