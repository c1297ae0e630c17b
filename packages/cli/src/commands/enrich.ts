import { once } from "node:events";
import { createWriteStream, existsSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { finished } from "node:stream/promises";
import {
  CachingKnowledgeGraph,
  createStreamPipeline,
  type Document,
  type Encoder,
  type EnrichedDocument,
  encoderStage,
  enrichIterable,
  type FusionMethod,
  type KnowledgeGraph,
  linkerStage,
  NotFoundError,
  ProgressReporter,
  readJsonlDocuments,
  type SourceRecord,
  StreamProgress,
  type StreamResult,
  shardOf,
  ValidationError,
} from "@knowfuse/core";
import {
  createEnrichedEncoder,
  createFusionMethod,
  createFusionRegistry,
  ensureFixtureModel,
  loadAdapter,
  loadEncoder,
  OnnxFusionMethod,
} from "@knowfuse/fusion";
import { GraphLinker } from "@knowfuse/linking";
import { defineCommand, type OptionValues } from "../command.js";
import { openStore } from "../open-store.js";
import { progressBar } from "../progress-bar.js";
import { numberFlag, storeHelp, storeOption, stringFlag } from "./kg-shared.js";

/** The demo encoder used when `--encoder` is absent. */
const DEMO_ENCODER = "tiny-bert";

/** Parses `--shard i/n` (0 ≤ i < n). */
function parseShard(raw: string | undefined): { index: number; count: number } | undefined {
  if (raw === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index >= count) {
    throw new ValidationError(
      `--shard: expected i/n with 0 <= i < n (e.g. 0/2), got ${JSON.stringify(raw)}`,
      [{ path: ["--shard"], message: "i/n with 0 <= i < n" }],
    );
  }
  return { index, count };
}

/** Keeps the records of one shard: documents by id, unreadable lines by line number. */
async function* inShard(
  source: AsyncIterable<SourceRecord<Document>>,
  shard: { index: number; count: number } | undefined,
): AsyncGenerator<SourceRecord<Document>> {
  for await (const record of source) {
    if (!shard) {
      yield record;
      continue;
    }
    const key = "value" in record ? `id:${record.value.id}` : `line:${record.line ?? 0}`;
    if (shardOf(key, shard.count) === shard.index) yield record;
  }
}

const base64 = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64");

/** One output line for one result. */
function outputLine(result: StreamResult<EnrichedDocument>, vectors: boolean): string {
  const head = { line: result.line, id: result.id };
  if (!result.ok) return JSON.stringify({ ...head, ok: false, stage: result.stage, error: result.error });
  const doc = result.value;
  const links = doc.links.map((l) => ({
    start: l.mention.start,
    end: l.mention.end,
    surface: l.mention.surface,
    entityId: l.entityId,
    label: l.label ?? null,
    score: l.score,
  }));
  const out: Record<string, unknown> = { ...head, ok: true, tokens: doc.tokens.length, links };
  if (doc.stats) out.stats = doc.stats;
  if (vectors) {
    if (doc.pooled) out.pooled = base64(doc.pooled);
    if (doc.hidden) out.hidden = { dims: doc.hidden.dims, data: base64(doc.hidden.data) };
  }
  return JSON.stringify(out);
}

/** Builds the fusion method of `--adapter` or `--fusion` (default "none"). */
async function buildFusion(
  values: OptionValues,
  encoder: Encoder,
  graph: KnowledgeGraph,
  stderr: NodeJS.WritableStream,
): Promise<{ fusion: FusionMethod; space: string }> {
  const requested = stringFlag(values, "fusion");
  let space = stringFlag(values, "space");
  const adapterDir = stringFlag(values, "adapter");
  const registry = createFusionRegistry();
  if (adapterDir) {
    const adapter = await loadAdapter(adapterDir, registry);
    if (requested && registry.get(requested).name !== adapter.layer.kind) {
      throw new ValidationError(
        `--fusion ${requested} does not match the adapter in ${adapterDir}, which holds ${adapter.layer.kind}; leave --fusion out or pass ${adapter.layer.kind}`,
        [{ path: ["--fusion"], message: `must be ${adapter.layer.kind}` }],
      );
    }
    return {
      fusion: new OnnxFusionMethod(adapter.layer),
      space: space ?? (await onlySpace(graph, adapter.layer.entityDim)),
    };
  }
  const name = registry.get(requested ?? "none").name;
  if (name === "fusion.none.v1") {
    return {
      fusion: await createFusionMethod(name, { hiddenSize: encoder.hiddenSize }, registry),
      space: space ?? "",
    };
  }
  space ??= await onlySpace(graph, 0);
  const info = (await graph.stats()).embeddingSpaces.find((s) => s.name === space);
  const entityDim = info?.dim ?? 1;
  stderr.write(`enrich: ${name} without --adapter runs with its seeded initial (untrained) weights\n`);
  return {
    fusion: await createFusionMethod(name, { hiddenSize: encoder.hiddenSize, entityDim }, registry),
    space,
  };
}

/** The store's only embedding space (when `dim` is 0, or the only one of that size); else an error listing them. */
async function onlySpace(graph: KnowledgeGraph, dim: number): Promise<string> {
  const spaces = (await graph.stats()).embeddingSpaces.filter((s) => dim === 0 || s.dim === dim);
  if (spaces.length === 1) return spaces[0]!.name;
  throw new ValidationError(
    `--space: the store has ${spaces.length === 0 ? "no" : "several"} embedding spaces${dim ? ` of dimension ${dim}` : ""} (${spaces.map((s) => s.name).join(", ") || "none"}); name one with --space`,
    [{ path: ["--space"], message: "required" }],
  );
}

/**
 * `knowfuse enrich`: streams JSONL documents through linking, the encoder and
 * a fusion method, writing one JSON line per input line (links with ids,
 * labels, scores and spans; on request the vectors as base64 Float32). A bad
 * line or a failing document becomes an error line; the exit code is non-zero
 * only when the run itself fails.
 */
export const enrichCommand = defineCommand({
  path: ["enrich"],
  summary: "link, encode and fuse JSONL documents as a stream; one JSON line out per line in",
  usage:
    "enrich --in <docs.jsonl|-> [--out <out.jsonl|->] [--store <s>] [--encoder <dir|hub id>] [--fusion <name>] [--space <name>] [--adapter <dir>] [--shard i/n] [--vectors] [--batch-size n] [--cache-entries n]",
  options: {
    ...storeOption,
    in: { type: "string" },
    out: { type: "string" },
    encoder: { type: "string" },
    fusion: { type: "string" },
    space: { type: "string" },
    adapter: { type: "string" },
    shard: { type: "string" },
    vectors: { type: "boolean" },
    "batch-size": { type: "string" },
    "cache-entries": { type: "string" },
  },
  optionHelp: {
    ...storeHelp,
    in: 'input JSONL, one {"id","text"} object per line; "-" for stdin (required)',
    out: 'output JSONL; "-" for stdout (default)',
    encoder: `model directory or hub id (default: the generated demo encoder ${DEMO_ENCODER})`,
    fusion: "fusion method: none (default), ernie, kar, concat",
    space: "embedding space of the store used by the fusion method (default: the only one)",
    adapter: "trained adapter directory (fusion layer + head); sets the fusion method",
    shard: "process only shard i of n (by a stable hash of the document id), e.g. 0/2",
    vectors: "add the pooled vector and the token states as base64 Float32",
    "batch-size": "documents per batch (default 16)",
    "cache-entries":
      "entries of each graph cache: candidates, entities, embeddings (default 50000/50000/100000)",
  },
  async run({ values, stdout, stderr }) {
    const input = stringFlag(values, "in");
    if (!input) {
      throw new ValidationError("--in: give the input JSONL file or - for stdin", [
        { path: ["--in"], message: "required" },
      ]);
    }
    if (input !== "-" && !existsSync(input)) {
      throw new NotFoundError(`--in: input file ${input} does not exist`, { details: { path: input } });
    }
    const output = stringFlag(values, "out") ?? "-";
    const shard = parseShard(stringFlag(values, "shard"));
    const batchSize = numberFlag(values, "batch-size", 16, true);
    const wantVectors = Boolean(values.vectors);

    const cacheEntries = numberFlag(values, "cache-entries", 0, true);
    for (const [flag, n] of [
      ["batch-size", batchSize],
      ["cache-entries", stringFlag(values, "cache-entries") === undefined ? 1 : cacheEntries],
    ] as const) {
      if (n < 1) {
        throw new ValidationError(`--${flag}: expected an integer >= 1, got ${n}`, [
          { path: [`--${flag}`], message: "an integer >= 1" },
        ]);
      }
    }
    const size = cacheEntries >= 1 ? { maxEntries: cacheEntries } : undefined;

    const store = await openStore(stringFlag(values, "store"));
    const graph = new CachingKnowledgeGraph(
      store,
      size ? { candidates: size, entities: size, embeddings: size } : {},
    );
    let encoder: Encoder | undefined;
    const tmp = output === "-" ? undefined : `${output}.tmp-${process.pid}`;
    try {
      const encoderSource = stringFlag(values, "encoder");
      if (encoderSource) {
        encoder = await loadEncoder(encoderSource);
      } else {
        const dir = await ensureFixtureModel(DEMO_ENCODER);
        stderr.write(
          `enrich: no --encoder given; using the generated demo encoder ${DEMO_ENCODER} (${dir})\n`,
        );
        encoder = await loadEncoder(dir);
      }
      const { fusion, space } = await buildFusion(values, encoder, graph, stderr);
      const linker = await GraphLinker.open({ store: graph });
      const enriched = await createEnrichedEncoder({
        encoder,
        graph,
        fusion,
        embeddingSpace: space,
        batchSize,
      });
      const pipeline = createStreamPipeline(linkerStage(linker, { concurrency: 1 }), encoderStage(enriched));

      const sink = tmp ? createWriteStream(tmp) : stdout;
      const progress = new StreamProgress();
      const bar = progressBar(stderr as NodeJS.WriteStream);
      const reporter = new ProgressReporter("enrich", "documents", bar);
      const sub = progress.progress$.subscribe((p) =>
        reporter.report(p.documents, { metrics: { errors: p.errors, links: p.links, inFlight: p.inFlight } }),
      );
      let flushed: Promise<void> | undefined;
      // Ctrl-C stops reading at the next result; leaving the loop closes the stages.
      let interrupted = false;
      const onSigint = () => {
        interrupted = true;
      };
      process.once("SIGINT", onSigint);
      try {
        for await (const result of enrichIterable(inShard(readJsonlDocuments(input), shard), pipeline, {
          batchSize,
          progress,
        })) {
          if (!sink.write(`${outputLine(result, wantVectors)}\n`)) await once(sink, "drain");
          if (interrupted) break;
        }
      } finally {
        process.off("SIGINT", onSigint);
        if (sink !== stdout) {
          const file = sink as ReturnType<typeof createWriteStream>;
          flushed = finished(file.end());
          flushed.catch(() => {}); // awaited below on success; on failure the file is removed
        }
        sub.unsubscribe();
        const p = progress.value;
        reporter.finish(p.documents, { metrics: { errors: p.errors, links: p.links } });
        bar.done();
      }
      await flushed;
      if (interrupted) {
        stderr.write(
          `enrich: interrupted after ${progress.value.documents} documents; stages closed${tmp ? `, ${output} not written` : ""}\n`,
        );
        return 130;
      }
      if (tmp) await rename(tmp, output);
      const p = progress.value;
      const cache = graph.cacheStats();
      stderr.write(
        `enrich: ${p.documents} documents (${p.errors} errors), ${p.links} links, ${p.tokens} tokens in ${p.elapsed.toFixed(1)}s (${p.rate.toFixed(1)} documents/s); fusion ${fusion.kind}; graph cache: entities ${cache.entities.hits} hits / ${cache.entities.misses} misses, candidates ${cache.candidates.hits} / ${cache.candidates.misses}${shard ? `; shard ${shard.index}/${shard.count}` : ""}\n`,
      );
      return 0;
    } finally {
      if (tmp) await rm(tmp, { force: true });
      await encoder?.close();
      await store.close();
    }
  },
});
