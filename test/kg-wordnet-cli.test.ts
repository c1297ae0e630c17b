import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { workspaceRoot } from "@knowfuse/core";
import { wordnetDbPath } from "@knowfuse/kg";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = workspaceRoot();
const tmp = mkdtempSync(join(tmpdir(), "kf-wn-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs the real CLI (bin.ts on its sources) and returns its stdout. */
async function knowfuse(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [join(root, "scripts", "run-ts.mjs"), "packages/cli/src/bin.ts", ...args], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  });
}

describe("knowfuse kg import wordnet, then kg lookup bank", () => {
  it("lists every sense of bank with its sense key and tag-count prior, most likely first", async () => {
    const store = join(tmp, "wn.db");
    const imported = await knowfuse("kg", "import", "wordnet", "--store", store);
    expect(JSON.parse(imported.stdout)).toMatchObject({ importer: "import.wordnet.v1", skipped: 0 });
    expect(imported.stderr).toContain("import:wordnet");

    const senses = readFileSync(join(wordnetDbPath(), "index.sense"), "utf8")
      .split("\n")
      .filter((l) => l.startsWith("bank%"))
      .map((l) => l.split(" "))
      .map(([key, , , count]) => ({ key: key!, count: Number(count) }));
    const total = senses.reduce((s, x) => s + x.count + 1, 0);

    const { stdout } = await knowfuse("kg", "lookup", "bank", "--store", store, "--limit", "50");
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toBe(`bank: ${senses.length} candidates`);
    const rows = lines.slice(1).map((l) => ({
      prior: Number(/prior=([\d.]+)/.exec(l)?.[1]),
      key: /key=(\S+)/.exec(l)?.[1],
    }));
    expect(rows.map((r) => r.key).sort()).toEqual(senses.map((s) => s.key).sort());
    for (const row of rows) {
      const sense = senses.find((s) => s.key === row.key)!;
      expect(row.prior).toBeCloseTo((sense.count + 1) / total, 4);
    }
    const priors = rows.map((r) => r.prior);
    expect(priors).toEqual([...priors].sort((a, b) => b - a));
  });
});
