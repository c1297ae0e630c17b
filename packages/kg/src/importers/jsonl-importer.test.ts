import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteKnowledgeGraph } from "../sqlite/sqlite-knowledge-graph.js";
import { createImporterRegistry } from "./importer-registry.js";
import { createJsonlImporter } from "./jsonl-importer.js";

const example = fileURLToPath(new URL("../../examples/coffee.jsonl", import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "kf-jsonl-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("JSONL importer", () => {
  it("imports the README example, filling source, category and the label alias", async () => {
    const kg = await openSqliteKnowledgeGraph();
    const report = await createJsonlImporter({ file: example }).run(kg);
    expect(report).toMatchObject({ entities: 3, relations: 2, skipped: 0, source: "coffee" });
    const latte = (await kg.getEntities(["coffee:latte"])).get("coffee:latte");
    expect(latte).toEqual({
      id: "coffee:latte",
      label: "caffè latte",
      aliases: [{ text: "latte" }, { text: "caffè latte" }],
      types: ["drink"],
      category: "domain",
      source: "coffee",
      properties: { milk: true },
    });
    expect((await kg.getEntities(["coffee:arabica"])).get("coffee:arabica")?.category).toBe("factual");
    const [misspelt, caffe] = await kg.lookupCandidates(["expresso", "Caffe Latte"]);
    expect(misspelt?.[0]).toMatchObject({ entityId: "coffee:espresso", prior: 0.2 });
    expect(caffe?.[0]?.entityId).toBe("coffee:latte");
    const edges = await kg.neighbors(["coffee:espresso"]);
    expect(edges.map((e) => `${e.head}>${e.tail}:${e.weight}`).sort()).toEqual([
      "coffee:espresso>coffee:arabica:0.8",
      "coffee:latte>coffee:espresso:1",
    ]);
    const stats = await kg.stats();
    await createJsonlImporter({ file: example }).run(kg);
    expect(await kg.stats()).toEqual(stats);
    await kg.close();
  });

  it("names the file, line and field of every bad line", async () => {
    const file = join(tmp, "bad.jsonl");
    writeFileSync(
      file,
      [
        '{"type":"entity","id":"a","label":"A"}',
        "{not json",
        '{"type":"entity","id":"b","label":"B","category":"gossip"}',
        '{"type":"relation","head":"a","relation":"r"}',
        '{"type":"node","id":"c"}',
        '{"type":"entity","id":"d","label":"D","lable":"typo"}',
      ].join("\n"),
    );
    const kg = await openSqliteKnowledgeGraph();
    await expect(createJsonlImporter({ file }).run(kg)).rejects.toMatchObject({ file, line: 2 });
    expect((await kg.stats()).entities).toBe(0);
    const report = await createJsonlImporter({ file, invalidLines: "skip" }).run(kg);
    expect(report.entities).toBe(1);
    expect(report.errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6]);
    expect(report.errors[1]?.message).toContain("category");
    expect(report.errors[2]?.message).toContain("tail");
    expect(report.errors[4]?.message).toContain("lable");
    await kg.close();
  });

  it("is reachable through the importer registry, whose unknown names list the known ones", async () => {
    const registry = createImporterRegistry();
    expect(registry.names()).toEqual([
      "import.conceptnet.v1",
      "import.jsonl.v1",
      "import.triples.v1",
      "import.wordnet.v1",
    ]);
    const importer = await registry.create("jsonl", { file: example });
    expect(importer.name).toBe("import.jsonl.v1");
    await expect(registry.create("import.csv.v1", {})).rejects.toThrow(/known: import\.conceptnet\.v1/);
    await expect(registry.create("triples", { source: "x" })).rejects.toMatchObject({
      code: "INVALID_CONFIG",
    });
  });
});
