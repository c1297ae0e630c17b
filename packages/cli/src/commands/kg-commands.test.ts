import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { Command } from "../command.js";
import { kgImportJsonlCommand } from "./kg-import-jsonl.js";
import { kgImportTriplesCommand } from "./kg-import-triples.js";
import { kgLookupCommand } from "./kg-lookup.js";
import { kgNeighborsCommand } from "./kg-neighbors.js";
import { kgStatsCommand } from "./kg-stats.js";

const tmp = mkdtempSync(join(tmpdir(), "kf-cli-kg-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const store = join(tmp, "nested", "kg.db");
const example = fileURLToPath(new URL("../../../kg/examples/coffee.jsonl", import.meta.url));

async function run(
  command: Command,
  positionals: string[],
  values: Record<string, string | boolean | string[]>,
) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  stdout.on("data", (c) => {
    out += c;
  });
  const code = await command.run({ values: { store, ...values }, positionals, stdout, stderr });
  return { code, out };
}

describe("kg commands", () => {
  it("import, stats, lookup and neighbors work on one SQLite file", async () => {
    const imported = await run(kgImportJsonlCommand, [example], {});
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.out)).toMatchObject({
      importer: "import.jsonl.v1",
      entities: 3,
      relations: 2,
    });

    const stats = JSON.parse((await run(kgStatsCommand, [], {})).out);
    expect(stats).toMatchObject({
      entities: 3,
      relations: 2,
      bySource: { coffee: { entities: 3, relations: 2 } },
    });

    const lookup = await run(kgLookupCommand, ["Expresso", "lattee"], { fuzzy: true, json: true });
    const [espresso, latte] = lookup.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(espresso.candidates[0]).toMatchObject({
      entityId: "coffee:espresso",
      prior: 0.2,
      label: "espresso",
    });
    expect(latte.candidates[0]).toMatchObject({ entityId: "coffee:latte", fuzzy: true });

    const text = (await run(kgLookupCommand, ["expresso"], {})).out;
    expect(text).toContain("coffee:espresso");
    expect(text).toContain("prior=0.2000");

    const edges = (await run(kgNeighborsCommand, ["coffee:espresso"], { hops: "2", json: true })).out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(edges).toHaveLength(2);
    expect(edges.every((e: { hop: number }) => e.hop === 1)).toBe(true);
  });

  it("rejects bad flags, missing arguments and a missing store with typed errors", async () => {
    await expect(run(kgStatsCommand, [], { store: join(tmp, "absent.db") })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(run(kgLookupCommand, ["x"], { limit: "-1" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    await expect(run(kgNeighborsCommand, [], {})).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(run(kgImportTriplesCommand, ["a.tsv"], {})).rejects.toMatchObject({
      code: "INVALID_CONFIG",
    });
    await expect(
      run(kgImportTriplesCommand, [join(tmp, "missing.tsv")], { source: "m", category: "gossip" }),
    ).rejects.toThrow(/category/);
  });
});
