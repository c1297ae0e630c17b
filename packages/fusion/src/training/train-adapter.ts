import {
  assertFiniteLoss,
  Checkpoint,
  createOptimizer,
  EarlyStopping,
  GraphRunner,
  type Parameter,
  Prng,
  type ProgressListener,
  ProgressReporter,
} from "@knowfuse/core";
import type { FusionLayer } from "../fusion-methods/fusion-layer.js";
import type { TaskHead } from "../heads/task-head.js";
import { buildTrainingGraph, gradName } from "./build-training-graph.js";
import type { TrainingBatch } from "./training-batch.js";

/** Options of {@link trainAdapter}. */
export interface TrainAdapterOptions {
  layer: FusionLayer;
  head: TaskHead;
  train: readonly TrainingBatch[];
  /** Early stopping watches accuracy on these (default: the training batches). */
  dev?: readonly TrainingBatch[];
  /** Maximum epochs (default 30). */
  epochs?: number;
  /** Adam learning rate (default 1e-3). */
  lr?: number;
  /** Epochs without a dev improvement before stopping (default 4). */
  patience?: number;
  seed?: number;
  threads?: number;
  onProgress?: ProgressListener;
}

/** One epoch of {@link trainAdapter}. */
export interface EpochRecord {
  epoch: number;
  loss: number;
  devAccuracy: number;
}

/** What {@link trainAdapter} returns (the layer and head hold the best weights). */
export interface TrainAdapterResult {
  history: EpochRecord[];
  bestEpoch: number;
  bestDevAccuracy: number;
}

/**
 * Trains a fusion layer's trainable weights and a task head with the encoder
 * frozen: each step runs one ONNX graph (forward, weighted cross-entropy and the
 * hand-written backward) on a cached batch and applies Adam; after each epoch
 * the dev accuracy drives early stopping and the best weights are restored at
 * the end. A non-finite loss raises TrainingDivergedError.
 */
export async function trainAdapter(options: TrainAdapterOptions): Promise<TrainAdapterResult> {
  const { layer, head, train } = options;
  const dev = options.dev ?? train;
  const epochs = options.epochs ?? 30;
  const rng = new Prng(options.seed ?? 1);
  const threads = options.threads === undefined ? {} : { threads: options.threads };
  const params: Parameter[] = [...head.params, ...layer.trainable];
  const allParams = [...head.params, ...layer.params];
  const runner = await GraphRunner.create(buildTrainingGraph(layer, head), threads);
  const optimizer = createOptimizer({ type: "adam", lr: options.lr ?? 1e-3 });
  const stopper = new EarlyStopping({ patience: options.patience ?? 4, mode: "max" });
  const best = new Checkpoint(params);
  const progress = new ProgressReporter(`train:${layer.kind}`, "epochs", options.onProgress);
  const history: EpochRecord[] = [];
  const fetches = Object.fromEntries([
    ["loss", null],
    ...params.map((p) => [gradName(p), p.gradTensor] as const),
  ]);
  let step = 0;
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const order = rng.shuffle(Array.from(train.keys()));
      let lossSum = 0;
      let weightSum = 0;
      for (const i of order) {
        const batch = train[i]!;
        const feeds = { ...batch.feeds, ...Object.fromEntries(allParams.map((p) => [p.name, p])) };
        const out = await runner.run(feeds, fetches);
        const loss = Number(out.loss!.data[0]);
        assertFiniteLoss(loss, step, { epoch, fusion: layer.kind });
        optimizer.step(params);
        const n = batch.targets.filter((t) => t.label >= 0).length;
        lossSum += loss * n;
        weightSum += n;
        step++;
      }
      const devAccuracy = accuracy(await predictBatches(layer, head, dev, options.threads), dev);
      const record = { epoch, loss: lossSum / Math.max(weightSum, 1), devAccuracy };
      history.push(record);
      progress.report(epoch, { total: epochs, metrics: { loss: record.loss, devAccuracy } }, true);
      const { improved, stop } = stopper.update(devAccuracy, epoch);
      if (improved) best.save();
      if (stop) break;
    }
  } finally {
    await runner.release();
  }
  best.restore();
  progress.finish(history.length, { total: epochs, metrics: { bestDevAccuracy: stopper.best } });
  return { history, bestEpoch: stopper.bestStep, bestDevAccuracy: stopper.best };
}

/** Predicted class index of every target of every batch, in order. */
export async function predictBatches(
  layer: FusionLayer,
  head: TaskHead,
  batches: readonly TrainingBatch[],
  threads?: number,
): Promise<Int32Array[]> {
  const runner = await GraphRunner.create(
    buildTrainingGraph(layer, head, false),
    threads === undefined ? {} : { threads },
  );
  const C = head.labels.length;
  const params = [...head.params, ...layer.params];
  const out: Int32Array[] = [];
  try {
    for (const batch of batches) {
      const feeds: Record<string, unknown> = {};
      for (const name of runner.inputNames) feeds[name] = batch.feeds[name];
      for (const p of params) feeds[p.name] = p;
      const result = await runner.run(feeds as Parameters<GraphRunner["run"]>[0], { logits: null });
      const logits = result.logits!.data as Float32Array;
      const pred = new Int32Array(batch.targets.length);
      for (let i = 0; i < pred.length; i++) {
        let bestC = 0;
        for (let c = 1; c < C; c++) if (logits[i * C + c]! > logits[i * C + bestC]!) bestC = c;
        pred[i] = bestC;
      }
      out.push(pred);
    }
  } finally {
    await runner.release();
  }
  return out;
}

/** Accuracy of predictions over the labelled targets (label ≥ 0). */
export function accuracy(predictions: readonly Int32Array[], batches: readonly TrainingBatch[]): number {
  let right = 0;
  let total = 0;
  batches.forEach((b, i) => {
    b.targets.forEach((t, j) => {
      if (t.label < 0) return;
      total++;
      if (predictions[i]![j] === t.label) right++;
    });
  });
  return total === 0 ? 0 : right / total;
}
