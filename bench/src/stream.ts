// Streaming benchmarks: the operators' own overhead (a no-op stage over
// synthetic documents), the embedding fetch from the real SQLite store with
// and without the LRU graph cache, and the whole enrich pipeline (graph linker
// + generated tiny-bert encoder, fusion "none") over real UMLS descriptions.
// Medians of several repetitions; the machine may be shared, so treat the
// figures as rough.
//
//   npm run -s bench -- stream [--repetitions 5] [--documents 50000]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import {
  CachingKnowledgeGraph,
  createStreamPipeline,
  type Document,
  datasetPath,
  defineStage,
  embeddingStage,
  encoderStage,
  type KnowledgeGraph,
  type Link,
  type LinkedDocument,
  processAll,
} from "@knowfuse/core";
import { createEnrichedEncoder, createFusionMethod, ensureFixtureModel, loadEncoder } from "@knowfuse/fusion";
import { createJsonlImporter, openSqliteKnowledgeGraph } from "@knowfuse/kg";
import { GraphLinker } from "@knowfuse/linking";
import { countOption } from "./count-option.js";
import { median } from "./matmul-peak.js";

function emit(metric: string, value: number, extra: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ bench: "stream", metric, value, ...extra })}\n`);
}

function readTsv(file: string): string[][] {
  return readFileSync(datasetPath("umls", file), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => l.split("\t"));
}

/** Runs `fn` `repetitions` times; returns the median of `count / seconds`. */
async function rate(repetitions: number, count: number, fn: () => Promise<void>): Promise<number[]> {
  const rates: number[] = [];
  for (let r = 0; r < repetitions; r += 1) {
    const started = performance.now();
    await fn();
    rates.push(count / ((performance.now() - started) / 1000));
  }
  return rates;
}

async function umlsStore(dir: string): Promise<KnowledgeGraph> {
  const names = readTsv("entity2text.txt");
  const file = join(dir, "entities.jsonl");
  writeFileSync(file, names.map(([id, label]) => JSON.stringify({ type: "entity", id, label })).join("\n"));
  const kg = await openSqliteKnowledgeGraph({ path: join(dir, "kg.db") });
  await createJsonlImporter({ file, source: "umls" }).run(kg);
  const vectors = names.map(
    ([id], i) => [id!, Float32Array.from({ length: 100 }, (_, k) => Math.sin(i * 7 + k))] as const,
  );
  await kg.putEmbeddings({ name: "toy", dim: 100 }, vectors);
  return kg;
}

/** Benchmark entry point. */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      repetitions: { type: "string" },
      documents: { type: "string" },
    },
  });
  const repetitions = countOption(values.repetitions, "repetitions", 5);
  const count = countOption(values.documents, "documents", 50_000);
  const dir = mkdtempSync(join(tmpdir(), "knowfuse-bench-stream-"));
  try {
    // 1. Operator overhead: pull, batch, one no-op stage, reorder, deliver.
    const synthetic = (): Iterable<Document> =>
      (function* () {
        for (let i = 0; i < count; i++) yield { id: `d${i}`, text: "x" };
      })();
    const noop = () => createStreamPipeline(defineStage<Document, Document>("noop", async (b) => b));
    const overhead = await rate(repetitions, count, async () => {
      await processAll(synthetic(), noop(), { batchSize: 64 });
    });
    emit("operator_documents_per_s", Math.round(median(overhead)), {
      documents: count,
      batchSize: 64,
      repetitions,
      runs: overhead.map(Math.round),
    });

    // 2. Embedding fetch from SQLite, 50 links per document over 135 UMLS concepts, with and without the cache.
    const kg = await umlsStore(dir);
    const ids = readTsv("entity2text.txt").map(([id]) => id!);
    const linked = Array.from({ length: 2000 }, (_, i) => ({
      id: `l${i}`,
      links: Array.from(
        { length: 50 },
        (_, k): Link => ({
          mention: { start: 0, end: 1, surface: "x" },
          entityId: ids[(i * 31 + k * 17) % ids.length]!,
          score: 1,
          evidence: {},
          candidates: [],
        }),
      ),
    }));
    for (const cached of [false, true]) {
      const rates = await rate(repetitions, linked.length, async () => {
        const graph = cached ? new CachingKnowledgeGraph(kg) : kg;
        await processAll(
          linked,
          createStreamPipeline(embeddingStage<(typeof linked)[number]>(graph, "toy")),
          {
            batchSize: 32,
          },
        );
      });
      emit("embedding_fetch_documents_per_s", Math.round(median(rates)), {
        cache: cached,
        linksPerDocument: 50,
        dim: 100,
        repetitions,
        runs: rates.map(Math.round),
      });
    }

    // 3. The whole pipeline on real text: graph linker + tiny-bert, fusion "none".
    const docs: Document[] = readTsv("entity2textlong.txt").map(([id, text]) => ({
      id: id!,
      text: text!.slice(0, 400),
    }));
    const encoder = await loadEncoder(await ensureFixtureModel("tiny-bert"));
    const fusion = await createFusionMethod("none", { hiddenSize: encoder.hiddenSize });
    const enriched = await createEnrichedEncoder({ encoder, graph: kg, fusion, embeddingSpace: "" });
    const linker = await GraphLinker.open({ store: kg, cacheDir: join(dir, "linking") });
    const rates = await rate(repetitions, docs.length, async () => {
      const pipeline = createStreamPipeline(
        defineStage<Document, LinkedDocument>("link", (b) => linker.link(b)),
        encoderStage(enriched, { closeEncoder: false }),
      );
      const results = await processAll(docs, pipeline, { batchSize: 16 });
      if (results.some((r) => !r.ok)) throw new Error("a document failed in the benchmark");
    });
    emit("enrich_documents_per_s", Number(median(rates).toFixed(1)), {
      documents: docs.length,
      encoder: "tiny-bert (generated)",
      fusion: "none",
      maxChars: 400,
      repetitions,
      runs: rates.map((r) => Number(r.toFixed(1))),
    });
    await linker.close();
    await enriched.close();
    await encoder.close();
    await kg.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
