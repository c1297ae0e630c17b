import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { datasetPath } from "@knowfuse/core";
import { createTriplesImporter } from "@knowfuse/kg";
import { type Neo4jKnowledgeGraph, openNeo4jKnowledgeGraph } from "@knowfuse/kg/neo4j";
import { countOption } from "./count-option.js";
import { median } from "./matmul-peak.js";

const SOURCE = "bench-umls";

function emit(metric: string, value: number, extra: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ bench: "neo4j", metric, value, ...extra })}\n`);
}

/** Median rate (items per second) of `repetitions` timed runs of `fn` over `items` items. */
async function rate(items: number, repetitions: number, fn: () => Promise<unknown>): Promise<number> {
  const perSecond: number[] = [];
  for (let r = 0; r < repetitions; r += 1) {
    const started = performance.now();
    await fn();
    perSecond.push(items / ((performance.now() - started) / 1000));
  }
  return median(perSecond);
}

/**
 * The Neo4j store on a live server (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD):
 * UMLS import seconds, exact and fuzzy candidate lookups per second (batches of
 * the real UMLS names) and neighbour expansions per second, medians of
 * `--repetitions` runs. Writes only source "bench-umls" and deletes it after.
 * Without NEO4J_URI it prints one line saying it was skipped.
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { repetitions: { type: "string" } } });
  const repetitions = countOption(values.repetitions, "repetitions", 3);
  const uri = process.env.NEO4J_URI;
  if (!uri) {
    process.stdout.write(
      `${JSON.stringify({ bench: "neo4j", skipped: "NEO4J_URI is not set; no server to measure" })}\n`,
    );
    return;
  }
  const kg: Neo4jKnowledgeGraph = await openNeo4jKnowledgeGraph({ uri });
  try {
    const umls = (file: string) => datasetPath("umls", file);
    const importer = createTriplesImporter({
      files: [umls("train.tsv"), umls("dev.tsv")],
      entityText: umls("entity2text.txt"),
      category: "domain",
      source: SOURCE,
      idPrefix: "bench:",
    });
    const seconds: number[] = [];
    let relations = 0;
    for (let r = 0; r < repetitions; r += 1) {
      await kg.deleteSource(SOURCE);
      const started = performance.now();
      relations = (await importer.run(kg)).relations;
      seconds.push((performance.now() - started) / 1000);
    }
    emit("import_seconds", Number(median(seconds).toFixed(3)), { dataset: "umls", relations, repetitions });

    const names = readFileSync(umls("entity2text.txt"), "utf8")
      .split("\n")
      .map((line) => line.split("\t")[1] ?? "")
      .filter(Boolean);
    const misspelt = names.map((n) => (n.length > 4 ? `${n.slice(0, 2)}${n[3]}${n[2]}${n.slice(4)}` : n));
    emit(
      "lookup_surfaces_per_s",
      Math.round(await rate(names.length, repetitions, () => kg.lookupCandidates(names))),
      {
        surfaces: names.length,
        repetitions,
      },
    );
    emit(
      "fuzzy_lookup_surfaces_per_s",
      Math.round(await rate(names.length, repetitions, () => kg.lookupCandidates(misspelt, { fuzzy: true }))),
      { surfaces: names.length, repetitions },
    );
    const seeds = ["bench:virus", "bench:clinical_drug", "bench:disease_or_syndrome"];
    emit(
      "neighbors_2hop_per_s",
      Number((await rate(1, repetitions, () => kg.neighbors(seeds, { hops: 2 }))).toFixed(2)),
      { seeds: seeds.length, repetitions },
    );
    await kg.deleteSource(SOURCE);
  } finally {
    await kg.close();
  }
}
