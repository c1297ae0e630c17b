import { parseArgs } from "node:util";
import { datasetPath, type Link, Prng } from "@knowfuse/core";
import { createEnrichedEncoder, createFusionMethod, ensureFixtureModel, loadEncoder } from "@knowfuse/fusion";
import { openSqliteKnowledgeGraph } from "@knowfuse/kg";
import { readWsdCorpus } from "@knowfuse/linking";
import { countOption } from "./count-option.js";
import { median } from "./matmul-peak.js";

/**
 * `npm run -s bench -- fusion [--threads N] [--repetitions R] [--methods a,b] [--entity-dim D]`:
 * on the same batch (BERT-base shape, batch 32, sequence 128, real Senseval-2
 * text with every fourth word linked to an entity with 5 candidates), the tokens
 * per second of the bare encoder and of the enriched encoder (encode + align +
 * embedding fetch from an in-memory SQLite store + fusion) for each fusion
 * method, and the fusion layer's own time as a fraction of the encoder's.
 * Figures are medians over the repetitions, bare and enriched interleaved.
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      threads: { type: "string" },
      repetitions: { type: "string" },
      methods: { type: "string" },
      "entity-dim": { type: "string" },
      batch: { type: "string" },
    },
  });
  const threads = countOption(values.threads, "threads", 2);
  const repetitions = countOption(values.repetitions, "repetitions", 5);
  const methods = (values.methods ?? "none,concat,ernie,kar").split(",");
  const entityDim = countOption(values["entity-dim"], "entity-dim", 128);
  const batch = countOption(values.batch, "batch", 32);
  const seq = 128;
  const encoder = await loadEncoder(await ensureFixtureModel("base-bert"), { threads, maxLength: seq });
  const H = encoder.hiddenSize;

  // Long real texts: consecutive Senseval-2 sentences joined; truncation cuts each row to exactly 128 tokens.
  const sentences = readWsdCorpus(datasetPath("wsd", "senseval2.data.xml")).flatMap((d) =>
    d.sentences.map((s) => s.words.map((w) => w.text).join(" ")),
  );
  const texts = Array.from({ length: batch }, (_, i) => sentences.slice(i * 6, i * 6 + 12).join(" "));
  const rng = new Prng(7);
  const kg = await openSqliteKnowledgeGraph({ path: ":memory:" });
  const ENTITIES = 1000;
  await kg.upsertEntities(
    Array.from({ length: ENTITIES }, (_, k) => ({
      id: `e:${k}`,
      label: `entity ${k}`,
      aliases: [],
      types: [],
      category: "factual" as const,
      source: "bench",
    })),
  );
  await kg.putEmbeddings(
    { name: "bench", dim: entityDim },
    Array.from(
      { length: ENTITIES },
      (_, k) => [`e:${k}`, rng.fillNormal(new Float32Array(entityDim), 1)] as const,
    ),
  );
  const links: Link[][] = texts.map((text) => {
    const out: Link[] = [];
    const words = [...text.matchAll(/\S+/g)];
    for (let w = 0; w < words.length; w += 4) {
      const m = words[w]!;
      const ids = Array.from({ length: 5 }, () => `e:${rng.int(ENTITIES)}`);
      out.push({
        mention: { start: m.index!, end: m.index! + m[0].length, surface: m[0] },
        entityId: ids[0]!,
        score: 1,
        evidence: {},
        candidates: ids.map((entityId, c) => ({ entityId, prior: 1 / (c + 1), score: 1 })),
      });
    }
    return out;
  });
  const policy = { truncation: true };
  const check = encoder.tokenize(texts, policy);
  const print = (record: Record<string, unknown>) =>
    process.stdout.write(
      `${JSON.stringify({ bench: "fusion", batch, seq: check.sequenceLength, threads, repetitions, ...record })}\n`,
    );
  const tokens = batch * check.sequenceLength;

  // One enriched encoder per method; each repetition times the bare encoder once, then every
  // method end to end and its fusion layer alone, so load changes hit all paths alike.
  const setups = [];
  for (const name of methods) {
    const options = name === "none" ? { hiddenSize: H } : { hiddenSize: H, entityDim };
    const fusion = await createFusionMethod(name, options);
    const enriched = await createEnrichedEncoder({
      encoder,
      graph: kg,
      fusion,
      embeddingSpace: "bench",
      policy,
    });
    const prepared = await enriched.prepare(texts, links);
    await fusion.fuse(prepared.input); // warm-up: builds the fusion session
    setups.push({ fusion, enriched, prepared, full: [] as number[], fuseOnly: [] as number[] });
  }
  const bare: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    let t0 = performance.now();
    await encoder.encode(texts, policy);
    bare.push((performance.now() - t0) / 1000);
    for (const s of setups) {
      t0 = performance.now();
      await s.enriched.encode(texts, { links });
      s.full.push((performance.now() - t0) / 1000);
      t0 = performance.now();
      await s.fusion.fuse(s.prepared.input);
      s.fuseOnly.push((performance.now() - t0) / 1000);
    }
  }
  print({ metric: "tokens_per_s", path: "bare_encoder", value: tokens / median(bare) });
  for (const s of setups) {
    const kind = s.fusion.kind;
    print({ metric: "tokens_per_s", path: "enriched_encoder", fusion: kind, value: tokens / median(s.full) });
    print({ metric: "fusion_layer_s", fusion: kind, value: median(s.fuseOnly) });
    print({ metric: "fusion_fraction_of_encoder", fusion: kind, value: median(s.fuseOnly) / median(bare) });
    print({ metric: "enriched_overhead_fraction", fusion: kind, value: median(s.full) / median(bare) - 1 });
    await s.enriched.close();
  }
  await kg.close();
  await encoder.close();
}
