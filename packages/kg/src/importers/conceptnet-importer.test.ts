import { readFileSync } from "node:fs";
import { datasetPath, normalizeSurface } from "@knowfuse/core";
import { describe, expect, it } from "vitest";
import { openSqliteKnowledgeGraph } from "../sqlite/sqlite-knowledge-graph.js";
import { conceptnetPhraseId, createConceptnetImporter } from "./conceptnet-importer.js";

describe("ConceptNet importer on conceptnet100k/valid.txt", () => {
  it("makes each phrase a commonsense entity aliased by itself, idempotently", async () => {
    const file = datasetPath("conceptnet100k", "valid.txt");
    const lines = readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => l.split("\t") as [string, string, string]);
    const phrases = new Set(lines.flatMap(([h, , t]) => [normalizeSurface(h), normalizeSurface(t)]));
    const triples = new Set(lines.map(([h, r, t]) => `${normalizeSurface(h)}|${r}|${normalizeSurface(t)}`));

    const kg = await openSqliteKnowledgeGraph();
    const events: number[] = [];
    const importer = createConceptnetImporter({ file });
    const report = await importer.run(kg, { onProgress: (e) => events.push(e.done) });
    expect(report.lines).toBe(lines.length);
    expect(events.at(-1)).toBe(lines.length);
    const stats = await kg.stats();
    expect(stats.entities).toBe(phrases.size);
    expect(stats.relations).toBe(triples.size);
    expect(stats.byCategory).toEqual({ commonsense: phrases.size });

    const [head, relation, tail] = lines[0]!;
    const [found] = await kg.lookupCandidates([head]);
    expect(found?.map((c) => c.entityId)).toEqual([conceptnetPhraseId(head)]);
    const edges = await kg.neighbors([conceptnetPhraseId(head)], { relations: [relation] });
    expect(edges.map((e) => e.tail)).toContain(conceptnetPhraseId(tail));

    await importer.run(kg);
    expect(await kg.stats()).toEqual(stats);
    await kg.close();
  });
});
