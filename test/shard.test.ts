// `knowfuse enrich --shard i/n`: two processes on the two shards of one input
// together write exactly what one process writes for the whole input.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { datasetPath } from "@knowfuse/core";
import { createJsonlImporter, openSqliteKnowledgeGraph } from "@knowfuse/kg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "knowfuse-shard-"));
const store = join(dir, "kg.db");
const input = join(dir, "docs.jsonl");

function readTsv(file: string): string[][] {
  return readFileSync(datasetPath("umls", file), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => l.split("\t"));
}

/** Runs the CLI on its sources; resolves to its stderr, rejects with it on a non-zero exit. */
function enrich(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(root, "scripts", "run-ts.mjs"), "packages/cli/src/bin.ts", "enrich", ...args],
      { cwd: root, stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(stderr) : reject(new Error(`enrich ${args.join(" ")} exited ${code}:\n${stderr}`)),
    );
  });
}

const lines = (file: string) =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l !== "");

beforeAll(async () => {
  const entities = join(dir, "entities.jsonl");
  writeFileSync(
    entities,
    readTsv("entity2text.txt")
      .map(([id, label]) => JSON.stringify({ type: "entity", id, label }))
      .join("\n"),
  );
  const kg = await openSqliteKnowledgeGraph({ path: store });
  await createJsonlImporter({ file: entities, source: "umls" }).run(kg);
  await kg.close();
  const docs = readTsv("entity2textlong.txt")
    .slice(0, 30)
    .map(([id, text]) => JSON.stringify({ id, text: text!.slice(0, 300) }));
  docs.splice(7, 0, "{not json");
  docs.splice(15, 0, JSON.stringify({ id: "no-text" }));
  writeFileSync(input, `${docs.join("\n")}\n`);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("enrich --shard", () => {
  it("two shard processes together produce the single run's output", async () => {
    const whole = join(dir, "whole.jsonl");
    const common = ["--in", input, "--store", store, "--batch-size", "4"];
    await enrich([...common, "--out", whole]);
    const [s0, s1] = [join(dir, "s0.jsonl"), join(dir, "s1.jsonl")];
    const logs = await Promise.all([
      enrich([...common, "--out", s0, "--shard", "0/2"]),
      enrich([...common, "--out", s1, "--shard", "1/2"]),
    ]);
    expect(logs[0]).toContain("shard 0/2");

    const single = lines(whole);
    expect(single).toHaveLength(32); // one output line per input line, bad ones included
    const parts = [lines(s0), lines(s1)];
    expect(parts[0]!.length).toBeGreaterThan(0);
    expect(parts[1]!.length).toBeGreaterThan(0);
    const byLine = (l: string) => (JSON.parse(l) as { line: number }).line;
    const combined = [...parts[0]!, ...parts[1]!].sort((a, b) => byLine(a) - byLine(b));
    expect(combined).toEqual(single);
    // The single run keeps input order and reports the bad lines in place.
    expect(single.map(byLine)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
    expect(JSON.parse(single[7]!)).toMatchObject({ line: 8, ok: false, error: { code: "INVALID_INPUT" } });
    expect(JSON.parse(single[15]!)).toMatchObject({ line: 16, ok: false, error: { code: "INVALID_INPUT" } });
  });

  it("rejects a malformed --shard with exit code 1 and the allowed form", async () => {
    await expect(enrich(["--in", input, "--store", store, "--shard", "2/2"])).rejects.toThrow(
      /--shard: expected i\/n/,
    );
  });
});
