// End-to-end throughput of `enrich` (issue 7): the streaming pipeline the
// `enrich` command assembles — graph linker over full WordNet 3.1 (SQLite,
// behind the LRU graph cache), then the enriched encoder (BERT-base-shaped
// generated encoder, "ernie" fusion over the `wn-hypernym-features-v1` entity
// space) — on the WSD texts (Senseval-2 + SemEval-2015, a few sentences per
// document), against the bare encoder on the same texts with the same batch
// size and length policy. Medians of several repetitions, bare and enriched
// interleaved, after a warm-up pass of each (graph caches then hold the
// texts' candidates; that first enrich pass is also reported on its own as
// the cold run). The machine may be shared, so treat the figures as rough.
//
//   npm run -s bench -- pipeline [--repetitions 3] [--documents N] [--sentences 2]
//                                [--batch-size 16] [--threads N] [--store wordnet.db]
import { parseArgs } from "node:util";
import {
  CachingKnowledgeGraph,
  cachePath,
  createStreamPipeline,
  type Document,
  datasetPath,
  encoderStage,
  type KnowledgeGraph,
  type LengthPolicy,
  linkerStage,
  type PipelineStage,
  processAll,
} from "@knowfuse/core";
import {
  createEnrichedEncoder,
  createFusionMethod,
  ensureFixtureModel,
  ensureHypernymFeatureSpace,
  loadEncoder,
} from "@knowfuse/fusion";
import { openSqliteKnowledgeGraph } from "@knowfuse/kg";
import { GraphLinker, readWsdCorpus } from "@knowfuse/linking";
import { countOption } from "./count-option.js";
import { wordnetStore } from "./linking.js";
import { median } from "./matmul-peak.js";

/** The entity embedding space the fusion eval uses (deterministic WordNet hypernym features). */
const SPACE = "wn-hypernym-features-v1";

/** Prints one figure (4 significant digits; `runs_s` are the per-repetition seconds). */
function emit(metric: string, value: number, extra: Record<string, unknown> = {}): void {
  const round = (x: number) => Number(x.toPrecision(4));
  const runs = extra.runs_s as number[] | undefined;
  const record = {
    bench: "pipeline",
    metric,
    value: round(value),
    ...extra,
    ...(runs ? { runs_s: runs.map(round) } : {}),
  };
  process.stdout.write(`${JSON.stringify(record)}\n`);
}

/** The WSD framework sentences as running text, `perDocument` consecutive sentences of one text per document. */
function wsdDocuments(perDocument: number): Document[] {
  const docs: Document[] = [];
  for (const name of ["senseval2", "semeval2015"]) {
    for (const t of readWsdCorpus(datasetPath("wsd", `${name}.data.xml`))) {
      for (let s = 0; s < t.sentences.length; s += perDocument) {
        const group = t.sentences.slice(s, s + perDocument);
        const text = group.map((x) => x.words.map((w) => w.text).join(" ")).join(" ");
        docs.push({ id: `${name}/${group[0]!.id}`, text });
      }
    }
  }
  return docs;
}

/** The cached WordNet store, with the hypernym feature space added once when it is missing. */
async function wordnetWithFeatures(path: string): Promise<KnowledgeGraph> {
  const kg = await wordnetStore(path);
  if ((await kg.stats()).embeddingSpaces.some((s) => s.name === SPACE)) return kg;
  await kg.close();
  const writer = await openSqliteKnowledgeGraph({ path });
  try {
    await ensureHypernymFeatureSpace(writer, SPACE);
  } finally {
    await writer.close();
  }
  return openSqliteKnowledgeGraph({ path, readonly: true });
}

/** A stage that adds its busy time to `seconds[name]` and is not closed with the pipeline (reused across runs). */
function timed<I, O>(stage: PipelineStage<I, O>, seconds: Record<string, number>): PipelineStage<I, O> {
  return {
    name: stage.name,
    ...(stage.maxBatchSize === undefined ? {} : { maxBatchSize: stage.maxBatchSize }),
    ...(stage.concurrency === undefined ? {} : { concurrency: stage.concurrency }),
    process: async (batch, context) => {
      const started = performance.now();
      try {
        return await stage.process(batch, context);
      } finally {
        seconds[stage.name] = (seconds[stage.name] ?? 0) + (performance.now() - started) / 1000;
      }
    },
    close: async () => {},
  };
}

/** Benchmark entry point. */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      repetitions: { type: "string" },
      documents: { type: "string" },
      sentences: { type: "string" },
      "batch-size": { type: "string" },
      threads: { type: "string" },
      store: { type: "string" },
    },
  });
  const repetitions = countOption(values.repetitions, "repetitions", 3);
  const batchSize = countOption(values["batch-size"], "batch-size", 16);
  const perDocument = countOption(values.sentences, "sentences", 2);
  const all = wsdDocuments(perDocument);
  const wanted = countOption(values.documents, "documents", all.length);
  if (!Number.isInteger(wanted) || wanted < 1) {
    throw new Error(`--documents: expected an integer >= 1, got ${values.documents}`);
  }
  const docs = all.slice(0, wanted);
  const texts = docs.map((d) => d.text);

  const store = await wordnetWithFeatures(values.store ?? cachePath("bench", "wordnet-3.1.db"));
  const graph = new CachingKnowledgeGraph(store);
  const encoderDir = await ensureFixtureModel("base-bert");
  const encoder = await loadEncoder(
    encoderDir,
    values.threads ? { threads: countOption(values.threads, "threads", 2) } : {},
  );
  const entityDim = (await store.stats()).embeddingSpaces.find((s) => s.name === SPACE)!.dim;
  // The same assembly as `knowfuse enrich --fusion ernie`: linker stage, then the enriched encoder.
  const fusion = await createFusionMethod("ernie", { hiddenSize: encoder.hiddenSize, entityDim });
  const linker = await GraphLinker.open({ store: graph });
  const enriched = await createEnrichedEncoder({ encoder, graph, fusion, embeddingSpace: SPACE, batchSize });
  // The enriched encoder's default length policy, given to the bare encoder too.
  const policy: LengthPolicy = { windowing: { stride: Math.floor(encoder.maxLength / 4) } };

  const stageSeconds: Record<string, number> = {};
  const enrichOnce = async (): Promise<{ seconds: number; tokens: number; links: number }> => {
    const pipeline = createStreamPipeline(
      timed(linkerStage(linker, { concurrency: 1 }), stageSeconds),
      timed(encoderStage(enriched, { closeEncoder: false }), stageSeconds),
    );
    const started = performance.now();
    const results = await processAll(docs, pipeline, { batchSize });
    const seconds = (performance.now() - started) / 1000;
    let tokens = 0;
    let links = 0;
    for (const r of results) {
      if (!r.ok) throw new Error(`document ${r.id} failed in stage ${r.stage}: ${r.error.message}`);
      tokens += r.value.tokens.length;
      links += r.value.links.filter((l) => l.entityId !== null).length;
    }
    return { seconds, tokens, links };
  };
  const bareOnce = async (): Promise<{ seconds: number; tokens: number }> => {
    const started = performance.now();
    let tokens = 0;
    for (let at = 0; at < texts.length; at += batchSize) {
      const batch = await encoder.encode(texts.slice(at, at + batchSize), policy);
      for (const row of batch.offsets) for (const [s, e] of row) if (e > s) tokens += 1;
    }
    return { seconds: (performance.now() - started) / 1000, tokens };
  };

  try {
    // Warm-up (sessions, graph caches, the alias index); the enrich pass is reported alone as the cold run.
    await bareOnce();
    const cold = await enrichOnce();
    for (const key of Object.keys(stageSeconds)) delete stageSeconds[key];
    const bare: number[] = [];
    const full: number[] = [];
    const split: Record<string, number[]> = {};
    let tokens = 0;
    let links = 0;
    for (let r = 0; r < repetitions; r++) {
      const b = await bareOnce();
      bare.push(b.seconds);
      const e = await enrichOnce();
      full.push(e.seconds);
      tokens = e.tokens;
      links = e.links;
      if (b.tokens !== e.tokens)
        throw new Error(`token counts differ: bare ${b.tokens}, enriched ${e.tokens}`);
      for (const [name, s] of Object.entries(stageSeconds)) {
        split[name] = [...(split[name] ?? []), s];
        delete stageSeconds[name];
      }
    }
    const common = {
      documents: docs.length,
      sentencesPerDocument: perDocument,
      tokens,
      links,
      batchSize,
      encoder: "base-bert (generated, BERT-base shape)",
      fusion: "ernie",
      store: "wordnet-3.1",
      space: SPACE,
      repetitions,
    };
    const bareS = median(bare);
    const fullS = median(full);
    emit("documents_per_s", docs.length / bareS, { path: "bare_encoder", ...common, runs_s: bare });
    emit("tokens_per_s", tokens / bareS, { path: "bare_encoder", ...common });
    emit("documents_per_s", docs.length / fullS, { path: "enrich", ...common, runs_s: full });
    emit("tokens_per_s", tokens / fullS, { path: "enrich", ...common });
    emit("enrich_to_bare_tokens_per_s", bareS / fullS, { ...common, target: 0.85 });
    emit("tokens_per_s", cold.tokens / cold.seconds, {
      path: "enrich_cold_single_run",
      note: "first pass: empty graph caches, fresh sessions; one run, not a median",
      ...common,
    });
    for (const [name, s] of Object.entries(split)) {
      emit("stage_busy_s", median(s), {
        stage: name,
        fractionOfWall: Number((median(s) / fullS).toFixed(3)),
        ...common,
      });
    }
  } finally {
    await linker.close();
    await enriched.close();
    await encoder.close();
    await store.close();
  }
}
