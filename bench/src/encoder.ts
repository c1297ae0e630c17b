import { parseArgs } from "node:util";
import { datasetPath, ort } from "@knowfuse/core";
import { ensureFixtureModel, ensureGeneratedModel, loadEncoder } from "@knowfuse/fusion";
import { readWsdCorpus } from "@knowfuse/linking";
import { countOption } from "./count-option.js";
import { matmulPeak, median } from "./matmul-peak.js";

/** Multiply-adds ×2 of one BERT forward pass over `batch × seq` tokens. */
function encoderFlops(
  batch: number,
  seq: number,
  hidden: number,
  layers: number,
  intermediate: number,
): number {
  const perLayer = 2 * seq * (4 * hidden * hidden + 2 * hidden * intermediate) + 4 * seq * seq * hidden;
  return batch * layers * perLayer;
}

/**
 * `npm run -s bench -- encoder [--threads N] [--repetitions R]`: on the same
 * pre-tokenized BERT-base batch (batch 8 and 32, sequence 128, real text), the
 * tokens per second of the knowfuse encoder path (`OnnxEncoder.forward`)
 * against a raw onnxruntime session of the same file with the same options,
 * and the achieved GFLOP/s against a 1024×1024 MatMul in the same process.
 * Each figure is the median of the repetitions (paths interleaved).
 * `--standard-ops` runs the generator's standard-ONNX-ops variant instead of
 * the default one with onnxruntime contrib ops (Attention, SkipLayerNormalization).
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      threads: { type: "string" },
      repetitions: { type: "string" },
      seq: { type: "string" },
      "standard-ops": { type: "boolean" },
    },
  });
  const threads = countOption(values.threads, "threads", 2);
  const repetitions = countOption(values.repetitions, "repetitions", 5);
  const seq = countOption(values.seq, "seq", 128);
  const standardOps = values["standard-ops"] === true;
  let generated = false;
  const progress = () => {
    if (!generated) process.stderr.write("generating the BERT-base model (~110M weights) into the cache...");
    generated = true;
  };
  const directory = standardOps
    ? await ensureGeneratedModel({ size: "base", contribOps: false }, undefined, progress)
    : await ensureFixtureModel("base-bert", progress);
  if (generated) process.stderr.write(" done\n");
  const graph = standardOps ? "standard_ops" : "contrib_ops";
  const encoder = await loadEncoder(directory, { threads });
  const raw = await ort.InferenceSession.create(encoder.modelFile, {
    executionProviders: ["cpu"],
    graphOptimizationLevel: "all",
    executionMode: "sequential",
    interOpNumThreads: 1,
    intraOpNumThreads: threads,
  });
  // One long real text cut into windows of exactly `seq` tokens (specials included).
  const text = readWsdCorpus(datasetPath("wsd", "senseval2.data.xml"))
    .flatMap((d) => d.sentences.map((sentence) => sentence.words.map((w) => w.text).join(" ")))
    .slice(0, 400)
    .join(" ");
  const windows = encoder.tokenize([text], { windowing: { stride: 0 } });
  const print = (record: Record<string, unknown>) =>
    process.stdout.write(`${JSON.stringify({ bench: "encoder", ...record })}\n`);
  for (const batch of [8, 32]) {
    const peak = await matmulPeak({ threads });
    print({ metric: "matmul_peak_gflops", value: peak.gflops, size: peak.size, threads, batch });
    const ids = new Int32Array(batch * seq);
    const mask = new Uint8Array(batch * seq).fill(1);
    for (let r = 0; r < batch; r++) {
      const row = r % windows.batch;
      const source = windows.inputIds.subarray(
        row * windows.sequenceLength,
        row * windows.sequenceLength + seq,
      );
      ids.set(source, r * seq);
      ids[r * seq + seq - 1] = encoder.specialIds.suffix[0] ?? ids[r * seq + seq - 1]!;
    }
    const dims = [batch, seq];
    const rawFeeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor(
        "int64",
        BigInt64Array.from(ids, (v) => BigInt(v)),
        dims,
      ),
      attention_mask: new ort.Tensor("int64", new BigInt64Array(batch * seq).fill(1n), dims),
    };
    if (raw.inputNames.includes("token_type_ids")) {
      rawFeeds.token_type_ids = new ort.Tensor("int64", new BigInt64Array(batch * seq), dims);
    }
    const ours: number[] = [];
    const theirs: number[] = [];
    await encoder.forward(ids, mask, batch, seq); // warm-up
    await raw.run(rawFeeds);
    const timed = async (path: "ours" | "raw") => {
      const t0 = performance.now();
      if (path === "ours") await encoder.forward(ids, mask, batch, seq);
      else await raw.run(rawFeeds);
      (path === "ours" ? ours : theirs).push((performance.now() - t0) / 1000);
    };
    // Interleaved, alternating which path goes first, so load changes hit both alike.
    for (let i = 0; i < repetitions; i++) {
      for (const path of i % 2 === 0 ? (["ours", "raw"] as const) : (["raw", "ours"] as const))
        await timed(path);
    }
    const tokens = batch * seq;
    const oursRate = tokens / median(ours);
    const rawRate = tokens / median(theirs);
    const flops = encoderFlops(batch, seq, 768, 12, 3072);
    const gflops = flops / median(ours) / 1e9;
    const common = { batch, seq, threads, repetitions, graph };
    print({ metric: "tokens_per_s", path: "knowfuse", value: oursRate, ...common });
    print({ metric: "tokens_per_s", path: "raw_onnxruntime", value: rawRate, ...common });
    print({ metric: "ratio_vs_raw_onnxruntime", value: oursRate / rawRate, ...common });
    print({ metric: "achieved_gflops", path: "knowfuse", value: gflops, ...common });
    print({ metric: "fraction_of_matmul_peak", value: gflops / peak.gflops, ...common });
  }
  await raw.release();
  await encoder.close();
}
