// Packages as an app sees them: build every publishable package to dist, pack
// it with pnpm (workspace:* becomes a real version), install the tarballs with
// npm into a temporary app outside the workspace, then import and run them
// there: a SQLite store fed from JSONL, a lookup, the linker and the stream
// operators over a few documents (one of them a malformed line), the `knowfuse`
// bin, and a type-check of app code against the shipped declarations.
import { spawn } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { datasetPath } from "@knowfuse/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const PACKAGES = ["core", "kg", "linking", "fusion", "cli"] as const;

/** The environment for child tools: without the npm/pnpm settings of the process that runs the tests. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|NODE_OPTIONS$|KNOWFUSE_ROOT$|INIT_CWD$|VITEST)/i.test(k)) continue;
    env[k] = v;
  }
  // Generated models and indexes of the app go to its own cache.
  if (app) env.KNOWFUSE_CACHE = join(app, ".cache");
  return env;
}

/**
 * Runs a command asynchronously (a long synchronous spawn would block the test
 * worker) and fails with the tail of its output when it does not exit with 0.
 */
function run(
  what: string,
  cmd: string,
  args: string[],
  cwd: string,
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: cleanEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    child.on("error", (err) => reject(new Error(`${what}: cannot start ${cmd}: ${err.message}`)));
    child.on("close", (code, signal) => {
      if (code === 0) return resolve({ stdout, stderr });
      const tail = (s: string) => s.split("\n").slice(-40).join("\n");
      reject(
        new Error(
          `${what} failed (exit ${code ?? signal}): ${cmd} ${args.join(" ")} in ${cwd}\n--- stdout\n${tail(stdout)}\n--- stderr\n${tail(stderr)}`,
        ),
      );
    });
  });
}

const pnpm = (args: string[], cwd: string, what: string) =>
  run(what, process.execPath, [join(root, "scripts", "pnpm.mjs"), ...args], cwd);

function readTsv(file: string, limit: number): string[][] {
  return readFileSync(datasetPath("umls", file), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .slice(0, limit)
    .map((l) => l.split("\t"));
}

// The app's script: plain ESM JavaScript against the installed packages.
const APP_SCRIPT = `
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { CachingKnowledgeGraph, createStreamPipeline, encoderStage, enrichIterable, linkerStage, readJsonlDocuments } from "@knowfuse/core";
import { createJsonlImporter, openSqliteKnowledgeGraph } from "@knowfuse/kg";
import { GraphLinker } from "@knowfuse/linking";
import { createEnrichedEncoder, createFusionMethod, ensureFixtureModel, loadEncoder } from "@knowfuse/fusion";
import { commands } from "@knowfuse/cli";

const store = await openSqliteKnowledgeGraph({ path: "graph.db" });
const report = await createJsonlImporter({ file: "entities.jsonl", source: "umls" }).run(store);
const ids = readFileSync("entities.jsonl", "utf8").trim().split("\\n").map((l) => JSON.parse(l).id);
await store.putEmbeddings({ name: "toy", dim: 8 }, ids.map((id, i) => [id, Float32Array.from({ length: 8 }, (_, k) => Math.sin(i + k))]));

const cached = new CachingKnowledgeGraph(store);
const candidates = await cached.lookupCandidates(["virus", "no such thing"]);
const again = await cached.lookupCandidates(["virus"]);
const cache = cached.cacheStats().candidates;

const linker = await GraphLinker.open({ store: cached, cacheDir: "cache" });
const encoder = await loadEncoder(await ensureFixtureModel("tiny-bert"));
const fusion = await createFusionMethod("ernie", { hiddenSize: encoder.hiddenSize, entityDim: 8 });
const enriched = await createEnrichedEncoder({ encoder, graph: cached, fusion, embeddingSpace: "toy" });
const pipeline = createStreamPipeline(
  linkerStage(linker),
  encoderStage(enriched),
);
const results = [];
for await (const r of enrichIterable(readJsonlDocuments("docs.jsonl"), pipeline, { batchSize: 2 })) {
  results.push(
    r.ok
      ? { ok: true, id: r.id, line: r.line, links: r.value.links.map((l) => l.entityId), hidden: r.value.hidden?.dims, pooled: r.value.pooled?.length }
      : r,
  );
}
await encoder.close();
await store.close();

// The embedded-store path never loads neo4j-driver; the subpath export does.
const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes("neo4j-driver"));
const driverBefore = loaded();
const neo4j = await import("@knowfuse/kg/neo4j");
console.log(JSON.stringify({
  neo4j: { driverBefore, driverAfter: loaded(), register: typeof neo4j.registerNeo4jStore },
  imported: report,
  candidates: candidates.map((list) => list.map((c) => c.entityId)),
  again: again[0].map((c) => c.entityId),
  cache,
  hiddenSize: encoder.hiddenSize,
  results,
  commands: commands.map((c) => c.path.join(" ")),
}));
`;

// App code that must type-check against the shipped declarations.
const APP_TS = `
import { type Document, type StreamResult, createStreamPipeline, defineStage, encoderStage, processAll } from "@knowfuse/core";
import type { EnrichedEncoder } from "@knowfuse/fusion";
import { openSqliteKnowledgeGraph } from "@knowfuse/kg";
const kg = await openSqliteKnowledgeGraph({ path: ":memory:" });
const stage = defineStage<Document, number>("length", async (docs) => docs.map((d) => d.text.length));
const results: StreamResult<number>[] = await processAll([{ id: "1", text: "abc" }], createStreamPipeline(stage));
const n: number = results.length;
declare const enriched: EnrichedEncoder;
export const encode = encoderStage(enriched); // fusion's enriched encoder fits core's DocumentEncoder
await kg.close();
export { n };
`;

let work: string;
let app: string;
const tarballs = new Map<string, string>();

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "knowfuse-pack-"));
  app = join(work, "app");
  mkdirSync(join(app, "cache"), { recursive: true });
  await run("npm run build", "npm", ["run", "-s", "build"], root);
  for (const name of PACKAGES) {
    const dir = join(root, "packages", name);
    if (!existsSync(join(dir, "dist", "index.js"))) throw new Error(`build produced no ${dir}/dist/index.js`);
    const { stdout: out } = await pnpm(
      ["pack", "--pack-destination", work],
      dir,
      `pnpm pack of @knowfuse/${name}`,
    );
    const file = out
      .trim()
      .split("\n")
      .map((l) => l.trim())
      .find((l) => l.endsWith(".tgz"));
    if (!file) throw new Error(`pnpm pack of @knowfuse/${name} printed no tarball name:\n${out}`);
    tarballs.set(name, file.startsWith("/") ? file : join(work, file));
  }
  const dependencies = Object.fromEntries(PACKAGES.map((n) => [`@knowfuse/${n}`, `file:${tarballs.get(n)}`]));
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({ name: "knowfuse-app", private: true, type: "module", dependencies }, null, 2),
  );
  // Install scripts are skipped (onnxruntime-node's only fetches CUDA binaries);
  // better-sqlite3's native addon is then provided below.
  await run(
    "npm install of the tarballs",
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"],
    app,
  );
  // better-sqlite3: reuse the workspace's compiled addon when the versions match, else build it.
  const appSqlite = join(app, "node_modules", "better-sqlite3");
  const version = (dir: string) =>
    (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version;
  const kgDir = join(root, "packages", "kg", "node_modules", "better-sqlite3");
  const built = join(kgDir, "build", "Release", "better_sqlite3.node");
  if (existsSync(built) && version(kgDir) === version(appSqlite)) {
    mkdirSync(join(appSqlite, "build", "Release"), { recursive: true });
    copyFileSync(built, join(appSqlite, "build", "Release", "better_sqlite3.node"));
  } else {
    await run(
      "native build of better-sqlite3",
      "npm",
      ["rebuild", "better-sqlite3", "--build-from-source"],
      app,
    );
  }

  // Data: a slice of the real UMLS graph as JSONL entities; some descriptions as documents.
  const names = readTsv("entity2text.txt", 60);
  writeFileSync(
    join(app, "entities.jsonl"),
    names
      .map(([id, label]) => JSON.stringify({ type: "entity", id, label, aliases: [{ text: label }] }))
      .join("\n"),
  );
  const long = new Map(readTsv("entity2textlong.txt", 60).map(([id, text]) => [id!, text!]));
  const docs = ["virus", "bacterium", "amphibian"].map((id) =>
    JSON.stringify({ id, text: (long.get(id) ?? "").slice(0, 300) }),
  );
  writeFileSync(join(app, "docs.jsonl"), [docs[0], docs[1], "{this line is broken", docs[2]].join("\n"));
}, 900_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("pack and install into an app outside the workspace", () => {
  it("ships dist with type declarations and real versions instead of workspace:*", async () => {
    for (const name of PACKAGES) {
      const tarball = tarballs.get(name)!;
      const files = (await run("tar", "tar", ["-tzf", tarball], work)).stdout.split("\n");
      expect(files, `${name}: dist/index.js`).toContain("package/dist/index.js");
      expect(files, `${name}: dist/index.d.ts`).toContain("package/dist/index.d.ts");
      expect(
        files.filter((f) => f.startsWith("package/src/")),
        `${name}: no sources`,
      ).toEqual([]);
      expect(
        files.filter((f) => f.endsWith(".test.js")),
        `${name}: no tests`,
      ).toEqual([]);
      const manifest = (await run("tar", "tar", ["-xzOf", tarball, "package/package.json"], work)).stdout;
      expect(manifest, `${name}: workspace protocol left in package.json`).not.toContain("workspace:");
      expect(manifest, `${name}: the "source" condition points at src/, which is not shipped`).not.toContain(
        '"source"',
      );
    }
    const installed = JSON.parse(
      readFileSync(join(app, "node_modules", "@knowfuse", "cli", "package.json"), "utf8"),
    ) as { bin: Record<string, string> };
    expect(installed.bin.knowfuse).toBe("./dist/bin.js");
  });

  it("imports the packages in plain Node and runs a small enrichment", async () => {
    writeFileSync(join(app, "main.mjs"), APP_SCRIPT);
    const out = (await run("the app script", process.execPath, ["main.mjs"], app)).stdout;
    const result = JSON.parse(out.trim().split("\n").at(-1)!) as {
      imported: { entities: number };
      candidates: string[][];
      again: string[];
      cache: { hits: number; misses: number };
      neo4j: { driverBefore: boolean; driverAfter: boolean; register: string };
      hiddenSize: number;
      results: {
        ok: boolean;
        id?: string;
        line?: number;
        links?: string[];
        hidden?: number[];
        pooled?: number;
        error?: { code: string };
      }[];
      commands: string[];
    };
    expect(result.neo4j).toEqual({ driverBefore: false, driverAfter: true, register: "function" });
    expect(result.imported.entities).toBe(60);
    expect(result.candidates[0]).toContain("virus");
    expect(result.candidates[1]).toEqual([]);
    expect(result.again).toEqual(result.candidates[0]);
    expect(result.cache).toMatchObject({ hits: 1, misses: 2 });
    expect(result.results.map((r) => r.ok)).toEqual([true, true, false, true]);
    expect(result.results[0]).toMatchObject({ id: "virus", line: 1 });
    expect(result.results[0]?.links).toContain("virus");
    expect(result.results[2]).toMatchObject({ ok: false, line: 3, error: { code: "INVALID_INPUT" } });
    expect(result.results[3]).toMatchObject({ id: "amphibian", line: 4 });
    for (const r of result.results.filter((x) => x.ok)) {
      expect(r.hidden?.[1]).toBe(result.hiddenSize);
      expect(r.pooled).toBe(result.hiddenSize);
    }
    expect(result.commands).toContain("version");
  });

  it("installs the knowfuse bin, which imports a graph and enriches a JSONL file", async () => {
    const bin = join(app, "node_modules", ".bin", "knowfuse");
    const version = (await run("knowfuse version", bin, ["version"], app)).stdout;
    expect(JSON.parse(version)).toMatchObject({ knowfuse: "0.1.0", node: process.versions.node });
    await run(
      "knowfuse kg import jsonl",
      bin,
      ["kg", "import", "jsonl", "entities.jsonl", "--store", "bin.db"],
      app,
    );
    const { stderr } = await run(
      "knowfuse enrich",
      bin,
      ["enrich", "--in", "docs.jsonl", "--out", "out.jsonl", "--store", "bin.db", "--vectors"],
      app,
    );
    expect(stderr).toContain("using the generated demo encoder");
    const out = readFileSync(join(app, "out.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(out.map((l: { ok: boolean }) => l.ok)).toEqual([true, true, false, true]);
    expect(out[0]).toMatchObject({ id: "virus", line: 1 });
    expect(typeof out[0].pooled).toBe("string");
  });

  it("type-checks app code against the shipped declarations", async () => {
    writeFileSync(join(app, "app.ts"), APP_TS);
    writeFileSync(
      join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ["app.ts"],
      }),
    );
    await run(
      "tsc in the app",
      process.execPath,
      [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "."],
      app,
    );
  });
});
