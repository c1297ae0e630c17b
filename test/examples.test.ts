import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs an example of packages/examples/src through scripts/run-ts.mjs, as `npm run -s example` does. */
function runExample(file: string, args: readonly string[] = [], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["scripts/run-ts.mjs", `packages/examples/src/${file}`, ...args], {
      cwd: root,
      env: { ...process.env, ...env, INIT_CWD: root },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Fails with the example's own output when it did not exit 0. */
function expectSuccess(run: Run): void {
  if (run.code !== 0) {
    throw new Error(`exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr.slice(-4000)}`);
  }
}

// Sequential on purpose: the examples share the demo's cached WordNet store
// (imported once into .cache/examples when it is missing or stale), and each
// already keeps the 2 CPU cores busy.
describe.sequential("examples and the demo run end to end", () => {
  let store = "";

  it("demo: WordNet store, linking table, embeddings, ERNIE enrichment, summary", async () => {
    const run = await runExample("demo.ts", ["--budget", "4", "--docs", "16"]);
    expectSuccess(run);
    const out = run.stdout;
    const found = /(?:is current \(cached\): |into )(\S+\.db)/.exec(out);
    expect(found, out).not.toBeNull();
    store = found![1]!;
    // Linking table: the two "bank" sentences get different synsets.
    expect(out).toMatch(/surface\s+\| synset\s+\| label\s+\| score\s+\| prior\s+\| context\s+\| coherence/);
    const banks = [...out.matchAll(/^\s+bank\s+\| (wn:\d{8}-n)/gm)].map((m) => m[1]);
    expect(banks).toHaveLength(2);
    expect(banks[0]).not.toBe(banks[1]);
    // Embeddings: the table row with the stop reason and a numeric MRR.
    expect(out).toMatch(/epochs run \| stopped by/);
    expect(out).toMatch(/\| (time-budget|epochs|early-stopping)\s+\|.*\| 0\.\d{4}\s*$/m);
    expect(out).toMatch(/wrote \d+ entity vectors into the store's embedding space "demo-complex"/);
    // The honesty note and the fusion actually used.
    expect(out).toContain("RANDOM weights");
    expect(out).toContain("fusion.ernie.v1 (entity dim 32)");
    // Summary: all 16 documents, no errors, every link placed on word pieces (windowing cuts nothing), hidden [tokens, 32].
    const summary =
      /documents \| errors \|.*\n.*\n\s+(\d+)\s+\| (\d+)\s+\| (\d+)\s+\| (\d+)\s+\| (\d+)\s+\| (\d+)\s+\| \d+\s+\| \[\d+, 32\]\s+\| \[32\]/.exec(
        out,
      );
    expect(summary, out).not.toBeNull();
    const [docs, errors, , links, aligned, cut] = summary!.slice(1).map(Number);
    expect([docs, errors, cut]).toEqual([16, 0, 0]);
    expect(links).toBeGreaterThan(0);
    expect(aligned).toBe(links);
    expect(run.stderr).toContain("stream 16/16 documents");
  }, 600_000);

  it("01: links sentences against the cached WordNet store", async () => {
    const run = await runExample("01-link-wordnet.ts", [store]);
    expectSuccess(run);
    expect(run.stdout).toMatch(/mention\s+synset\s+label\s+score\s+prior\s+context coherence/);
    const banks = [...run.stdout.matchAll(/^\s+bank\s+(wn:\d{8}-n)/gm)].map((m) => m[1]);
    expect(banks).toHaveLength(2);
    expect(banks[0]).not.toBe(banks[1]);
  }, 300_000);

  it("02: links against the UMLS domain graph", async () => {
    const run = await runExample("02-domain-graph.ts");
    expectSuccess(run);
    expect(run.stdout).toMatch(/imported \d+ entities and \d+ relations from umls/);
    expect(run.stdout).toMatch(/"virus"\s+-> umls:virus "virus"/);
  }, 300_000);

  it("03: trains ComplEx on UMLS, reloads it and lists neighbours", async () => {
    const run = await runExample("03-graph-embeddings.ts");
    expectSuccess(run);
    const mrr = /best dev MRR (\d\.\d+)/.exec(run.stdout);
    expect(mrr, run.stdout).not.toBeNull();
    expect(Number(mrr![1])).toBeGreaterThan(0.1);
    expect(run.stdout).toMatch(/reloaded \S+: dev MRR \d\.\d+, Hits@1/);
    expect(run.stdout).toMatch(/concept\s+\| neighbours \(similarity\)/);
  }, 300_000);

  it("04: streams a JSONL file, keeps the broken line as an error record, cancels", async () => {
    const run = await runExample("04-stream-jsonl.ts");
    expectSuccess(run);
    expect(run.stdout).toMatch(/streamed \d+ documents \(1 error record\)/);
    expect(run.stdout).toMatch(/line 4: error INVALID_INPUT/);
    expect(run.stdout).toContain("cancelled after 10 results; stages closed");
  }, 300_000);

  it("05: trains fusion adapters on supersenses and reloads the ERNIE adapter", async () => {
    const run = await runExample("05-fusion-adapter.ts", [store]);
    expectSuccess(run);
    expect(run.stdout).toMatch(/fusion\s+accuracy\s+macro-F1\s+best epoch/);
    for (const fusion of ["none", "concat", "ernie", "kar"]) {
      expect(run.stdout).toMatch(new RegExp(`fusion\\.${fusion}\\.v1\\s+\\d+\\.\\d%`));
    }
    expect(run.stdout).toMatch(/reloaded fusion\.ernie\.v1 \+ \S+ head/);
  }, 900_000);

  it("06: runs against NEO4J_URI when set, else says why it did nothing and exits 0", async () => {
    const run = await runExample("06-neo4j.ts");
    expectSuccess(run);
    if (process.env.NEO4J_URI) {
      expect(run.stdout).toMatch(/imported \d+ entities and \d+ relations/);
      expect(run.stdout).toMatch(/removed the example's \d+ entities/);
    } else {
      expect(run.stdout).toContain("nothing done, because NEO4J_URI is not set");
    }
  }, 300_000);
});
