import { parseArgs } from "node:util";
import { createOptimizer, datasetPath, floatTensor, GraphRunner, int64Tensor, Prng } from "@knowfuse/core";
import {
  buildOneVsAllGraph,
  buildScoringGraph,
  KgeEmbeddings,
  KgeVocabulary,
  readTripleFile,
  resolveKgeModel,
} from "@knowfuse/kg";
import { countOption } from "./count-option.js";
import { createMatmulProbe, median } from "./matmul-peak.js";

/**
 * Training throughput of 1-vs-all KGE training on real WN18RR triples
 * (default ComplEx, dim 256, batch 1024): queries per second of a full step
 * (ONNX forward+backward graph and the Adagrad update), the achieved GFLOP/s
 * of the graph (counting its three [B×dim]·[dim×N]-sized matrix products),
 * and that figure as a fraction of the same-process 1024×1024 MatMul figure
 * (measured interleaved with the steps).
 * Also the evaluation scoring throughput. Medians of `--reps` steps.
 *
 * `npm run -s bench -- kge [--model complex] [--dim 256] [--batch 1024] [--reps 7]`
 */
export async function run(args: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      model: { type: "string" },
      dim: { type: "string" },
      batch: { type: "string" },
      reps: { type: "string" },
    },
  });
  const model = await resolveKgeModel(values.model ?? "complex");
  const dim = countOption(values.dim, "dim", 256);
  const B = countOption(values.batch, "batch", 1024);
  const reps = countOption(values.reps, "reps", 7);
  const vocab = new KgeVocabulary();
  const train = (await readTripleFile(datasetPath("wn18rr", "train.txt"), vocab, true)).triples;
  const N = vocab.entities.length;
  const emb = KgeEmbeddings.create(model, dim, vocab, new Prng(0));
  const rows = emb.relationRows;
  const common = { bench: "kge", model: model.name, dim, batch: B, entities: N };

  // The MatMul reference runs interleaved with the training steps, so both see the same load;
  // each sample is the best of a short burst, so that it does not measure a sleeping thread pool.
  const probe = await createMatmulProbe();
  const matmulTimes: number[] = [];

  const rng = new Prng(1);
  const batch = () => {
    const h = new BigInt64Array(B);
    const r = new BigInt64Array(B);
    const t = new BigInt64Array(B);
    for (let k = 0; k < B; k++) {
      const i = rng.int(train.count);
      const reverse = rng.float() < 0.5;
      const [hh, rr, tt] = [train.data[3 * i]!, train.data[3 * i + 1]!, train.data[3 * i + 2]!];
      h[k] = BigInt(reverse ? tt : hh);
      r[k] = BigInt(reverse ? rr + vocab.relations.length : rr);
      t[k] = BigInt(reverse ? hh : tt);
    }
    return { h: int64Tensor(h, [B]), r: int64Tensor(r, [B]), t: int64Tensor(t, [B]) };
  };
  const mask = floatTensor(new Float32Array(B * dim).fill(1), [B, dim]);
  const runner = await GraphRunner.create(
    buildOneVsAllGraph({
      model,
      dim,
      numEntities: N,
      numRelations: rows,
      regularizer: "n3",
      regWeight: 0.05,
    }),
  );
  const optimizer = createOptimizer({ type: "adagrad", lr: 0.1 });
  const params = [emb.entities, emb.relations];
  const graphTimes: number[] = [];
  const stepTimes: number[] = [];
  for (let i = 0; i <= reps; i++) {
    const feeds = { E: emb.entities, R: emb.relations, mask, ...batch() };
    const t0 = performance.now();
    await runner.run(feeds, {
      loss: null,
      grad_E: emb.entities.gradTensor,
      grad_R: emb.relations.gradTensor,
    });
    const t1 = performance.now();
    // Between the graph and the optimiser step (as long as a training step's
    // JavaScript part), so that no thread pool is still spinning when the next graph run starts.
    if (i > 0) matmulTimes.push(await probe.burstSeconds());
    const t2 = performance.now();
    optimizer.step(params);
    const t3 = performance.now();
    if (i === 0) continue; // warm-up
    graphTimes.push((t1 - t0) / 1000);
    stepTimes.push((t1 - t0 + t3 - t2) / 1000);
  }
  await runner.release();
  await probe.release();
  const peakGflops = probe.gflops(median(matmulTimes));
  console.log(JSON.stringify({ bench: "kge", metric: "matmul_1024_gflops", value: peakGflops, reps }));
  const flops = 3 * 2 * B * N * dim;
  const graphSeconds = median(graphTimes);
  const stepSeconds = median(stepTimes);
  const gflops = flops / graphSeconds / 1e9;
  console.log(JSON.stringify({ ...common, metric: "train_queries_per_s", value: B / stepSeconds, reps }));
  console.log(JSON.stringify({ ...common, metric: "train_graph_gflops", value: gflops, reps }));
  console.log(
    JSON.stringify({
      ...common,
      metric: "train_graph_fraction_of_matmul_peak",
      value: gflops / peakGflops,
      reps,
    }),
  );
  console.log(
    JSON.stringify({
      ...common,
      metric: "optimizer_step_ms",
      value: 1000 * (stepSeconds - graphSeconds),
      reps,
    }),
  );
  console.log(
    JSON.stringify({
      ...common,
      metric: "epoch_seconds_estimate",
      value: ((2 * train.count) / B) * stepSeconds,
      reps,
    }),
  );

  const scorer = await GraphRunner.create(buildScoringGraph(model, dim, N, rows));
  const out = floatTensor(new Float32Array(B * N), [B, N]);
  const scoreTimes: number[] = [];
  for (let i = 0; i <= reps; i++) {
    const { h, r } = batch();
    const t0 = performance.now();
    await scorer.run({ E: emb.entities, R: emb.relations, h, r }, { scores: out });
    if (i > 0) scoreTimes.push((performance.now() - t0) / 1000);
  }
  await scorer.release();
  console.log(
    JSON.stringify({ ...common, metric: "score_all_queries_per_s", value: B / median(scoreTimes), reps }),
  );
}
