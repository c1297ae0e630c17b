import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { datasetPath, isKnowfuseError } from "@knowfuse/core";
import { createJsonlImporter, createTriplesImporter, openSqliteKnowledgeGraph } from "@knowfuse/kg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Command } from "../command.js";
import { evalWsdCommand } from "./eval-wsd.js";
import { linkCommand } from "./link.js";

const tmp = mkdtempSync(join(tmpdir(), "kf-cli-link-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const umls = join(tmp, "umls.db");
const senses = join(tmp, "senses.db");

async function run(command: Command, positionals: string[], values: Record<string, string | boolean>) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  stdout.on("data", (c) => {
    out += c;
  });
  const code = await command.run({ values, positionals, stdout, stderr });
  return { code, out };
}

beforeAll(async () => {
  const kg = await openSqliteKnowledgeGraph({ path: umls });
  await createTriplesImporter({
    files: [datasetPath("umls", "train.tsv")],
    entityText: datasetPath("umls", "entity2text.txt"),
    source: "umls",
    idPrefix: "umls:",
  }).run(kg);
  await kg.close();
  const lines = [
    {
      type: "entity",
      id: "s:bank-fin",
      label: "bank",
      description: "a financial institution that accepts deposits",
      aliases: [{ text: "bank", key: "bank%1:14:00::", prior: 0.6 }],
      properties: { pos: "n" },
    },
    {
      type: "entity",
      id: "s:bank-river",
      label: "bank",
      description: "sloping land beside a river",
      aliases: [{ text: "bank", key: "bank%1:17:01::", prior: 0.4 }],
      properties: { pos: "n" },
    },
  ];
  const file = join(tmp, "senses.jsonl");
  writeFileSync(file, `${lines.map((l) => JSON.stringify({ ...l, category: "linguistic" })).join("\n")}\n`);
  const s = await openSqliteKnowledgeGraph({ path: senses });
  await createJsonlImporter({ file, source: "senses" }).run(s);
  await s.close();
});

describe("link and eval wsd commands", () => {
  it("link prints one JSON link per mention with --json", async () => {
    const { code, out } = await run(linkCommand, ["The virus infected a mammal."], {
      store: umls,
      json: true,
    });
    expect(code).toBe(0);
    const links = out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(links.map((l) => [l.mention.surface, l.entityId])).toEqual(
      expect.arrayContaining([
        ["virus", "umls:virus"],
        ["mammal", "umls:mammal"],
      ]),
    );
    const table = await run(linkCommand, ["", "The virus."], { store: umls });
    expect(table.out).toContain("(no mentions)");
    expect(table.out).toContain("umls:virus");
    await expect(run(linkCommand, [], { store: umls })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("eval wsd scores like the framework and ends with one JSON line", async () => {
    const xml = join(tmp, "tiny.data.xml");
    writeFileSync(
      xml,
      [
        '<?xml version="1.0" encoding="UTF-8" ?>',
        '<corpus lang="en" source="tiny">',
        '<text id="d0">',
        '<sentence id="d0.s0">',
        '<wf lemma="she" pos="PRON">She</wf>',
        '<instance id="d0.s0.t0" lemma="bank" pos="NOUN">bank</instance>',
        '<wf lemma="." pos=".">.</wf>',
        "</sentence>",
        '<sentence id="d0.s1">',
        '<instance id="d0.s1.t0" lemma="bank" pos="NOUN">bank</instance>',
        "</sentence>",
        '<sentence id="d0.s2">',
        '<instance id="d0.s2.t0" lemma="unknownword" pos="NOUN">unknownword</instance>',
        "</sentence>",
        "</text>",
        "</corpus>",
      ].join("\n"),
    );
    const gold = join(tmp, "tiny.gold.key.txt");
    writeFileSync(gold, "d0.s0.t0 bank%1:14:00::\nd0.s1.t0 bank%1:17:01::\nd0.s2.t0 unknownword%1:00:00::\n");
    // With the prior only, both "bank" instances get the more frequent sense: one right, one wrong, one unanswered.
    const { code, out } = await run(evalWsdCommand, [], {
      store: senses,
      data: xml,
      gold,
      evidence: "prior",
    });
    expect(code).toBe(0);
    const last = JSON.parse(out.trim().split("\n").at(-1)!);
    expect(last).toMatchObject({ task: "wsd", n: 3, answered: 2, correct: 1, precision: 50 });
    expect(last.recall).toBeCloseTo(100 / 3, 10);
    const missing = await run(evalWsdCommand, [], { store: senses, data: xml }).catch((e: unknown) => e);
    expect(isKnowfuseError(missing, "INVALID_INPUT")).toBe(true);
    const bad = await run(evalWsdCommand, [], { store: senses, data: xml, gold, evidence: "vibes" }).catch(
      (e: unknown) => e,
    );
    expect((bad as Error).message).toContain("allowed: prior, context, coherence, encoder");
  });
});
