import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { datasetPath, type KnowledgeGraph, readLines } from "@knowfuse/core";
import {
  AliasIndex,
  createConceptnetImporter,
  createWordnetImporter,
  type Importer,
  openSqliteKnowledgeGraph,
} from "@knowfuse/kg";
import { countOption } from "./count-option.js";
import { median } from "./matmul-peak.js";

function emit(metric: string, value: number, extra: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ bench: "kg", metric, value, ...extra })}\n`);
}

/** The word tokens of the Senseval-2 and SemEval-2015 WSD texts: real running text to look up. */
async function wsdTokens(): Promise<string[]> {
  const out: string[] = [];
  for (const name of ["senseval2", "semeval2015"]) {
    for await (const { text } of readLines(datasetPath("wsd", `${name}.data.xml`))) {
      const m = /^<(?:wf|instance)[^>]*>(.*)<\/(?:wf|instance)>$/.exec(text.trim());
      if (m) out.push(m[1]!);
    }
  }
  return out;
}

/** Imports into fresh SQLite files `repetitions` times; returns the last store (open) and the medians. */
async function importBench(
  name: string,
  importer: Importer,
  dir: string,
  repetitions: number,
): Promise<KnowledgeGraph> {
  const seconds: number[] = [];
  const cpuSeconds: number[] = [];
  let entities = 0;
  let relations = 0;
  let kg: KnowledgeGraph | undefined;
  for (let r = 0; r < repetitions; r += 1) {
    await kg?.close();
    kg = await openSqliteKnowledgeGraph({ path: join(dir, `${name}-${r}.db`) });
    const started = performance.now();
    const cpu = process.cpuUsage();
    const report = await importer.run(kg);
    seconds.push((performance.now() - started) / 1000);
    const used = process.cpuUsage(cpu);
    cpuSeconds.push((used.user + used.system) / 1e6);
    entities = report.entities;
    relations = report.relations;
  }
  const s = median(seconds);
  const facts = { dataset: name, repetitions, runs: seconds.map((x) => Number(x.toFixed(2))) };
  emit("import_seconds", Number(s.toFixed(3)), { ...facts, entities, relations });
  emit("import_cpu_seconds", Number(median(cpuSeconds).toFixed(3)), {
    dataset: name,
    repetitions,
    runs: cpuSeconds.map((x) => Number(x.toFixed(2))),
    note: "process CPU time (user+system); less sensitive than wall time to other load on the machine",
  });
  emit("import_entities_per_s", Math.round(entities / s), facts);
  emit("import_relations_per_s", Math.round(relations / s), facts);
  return kg!;
}

/**
 * `npm run -s bench -- kg [--repetitions R] [--lookup-repetitions L]`: import
 * throughput (entities and relations per second, into a SQLite file) for the full
 * WordNet 3.1 and for conceptnet100k/train.txt; then, against full WordNet,
 * candidate lookup throughput in batches of 1000 real WSD text tokens from the
 * in-memory `AliasIndex`, from the SQLite store's exact lookup, and from its
 * fuzzy lookup (on a smaller sample). Each figure is the median of the repetitions.
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { repetitions: { type: "string" }, "lookup-repetitions": { type: "string" } },
  });
  const repetitions = countOption(values.repetitions, "repetitions", 3);
  const lookupRepetitions = countOption(values["lookup-repetitions"], "lookup-repetitions", 5);
  const dir = mkdtempSync(join(tmpdir(), "kf-bench-kg-"));
  try {
    const cn = await importBench(
      "conceptnet100k",
      createConceptnetImporter({ file: datasetPath("conceptnet100k", "train.txt") }),
      dir,
      repetitions,
    );
    await cn.close();
    const kg = await importBench("wordnet-3.1", createWordnetImporter(), dir, repetitions);

    const compileSeconds: number[] = [];
    let index: AliasIndex | undefined;
    for (let r = 0; r < repetitions; r += 1) {
      const started = performance.now();
      index = await AliasIndex.compile(kg);
      compileSeconds.push((performance.now() - started) / 1000);
    }
    emit("alias_index_compile_seconds", Number(median(compileSeconds).toFixed(3)), {
      forms: index!.size,
      runs: compileSeconds.map((x) => Number(x.toFixed(2))),
    });

    const tokens = await wsdTokens();
    const surfaces: string[] = [];
    while (surfaces.length < 200_000) surfaces.push(...tokens);
    const batches: string[][] = [];
    for (let i = 0; i < surfaces.length; i += 1000) batches.push(surfaces.slice(i, i + 1000));
    const found = index!.lookupExact(tokens).filter((c) => c.length > 0).length;
    const facts = {
      store: "wordnet-3.1",
      surfaces: "wsd text tokens",
      batch: 1000,
      hitRate: found / tokens.length,
    };

    /** Wall-clock and CPU-time rates (surfaces per second) over `count` batches, per repetition. */
    const rate = async (fn: (batch: string[]) => unknown, count: number) => {
      const wall: number[] = [];
      const cpu: number[] = [];
      for (let r = 0; r < lookupRepetitions; r += 1) {
        const started = performance.now();
        const cpuStart = process.cpuUsage();
        for (const batch of batches.slice(0, count)) await fn(batch);
        const used = process.cpuUsage(cpuStart);
        wall.push((count * 1000) / ((performance.now() - started) / 1000));
        cpu.push((count * 1000) / ((used.user + used.system) / 1e6));
      }
      return { wall, cpu };
    };
    const report = (path: string, rates: { wall: number[]; cpu: number[] }) => {
      emit("lookup_surfaces_per_s", Math.round(median(rates.wall)), {
        ...facts,
        path,
        runs: rates.wall.map(Math.round),
      });
      emit("lookup_surfaces_per_cpu_s", Math.round(median(rates.cpu)), {
        ...facts,
        path,
        runs: rates.cpu.map(Math.round),
        note: "surfaces per second of process CPU time (user+system)",
      });
    };
    report("AliasIndex.lookupExact", await rate((b) => index!.lookupExact(b), batches.length));
    report("SqliteKnowledgeGraph.lookupCandidates exact", await rate((b) => kg.lookupCandidates(b), 20));
    const typos = tokens
      .filter((t) => t.length >= 5)
      .slice(0, 200)
      .map((t) => `${t.slice(0, 2)}${t.slice(3)}`);
    const fuzzyRates: number[] = [];
    for (let r = 0; r < Math.min(3, lookupRepetitions); r += 1) {
      const started = performance.now();
      await kg.lookupCandidates(typos, { fuzzy: true });
      fuzzyRates.push(typos.length / ((performance.now() - started) / 1000));
    }
    emit("fuzzy_lookup_surfaces_per_s", Math.round(median(fuzzyRates)), {
      store: "wordnet-3.1",
      surfaces: "wsd tokens with one letter dropped",
      count: typos.length,
      runs: fuzzyRates.map(Math.round),
    });
    await kg.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
