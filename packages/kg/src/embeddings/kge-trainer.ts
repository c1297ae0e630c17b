import {
  assertFiniteLoss,
  Checkpoint,
  createOptimizer,
  EarlyStopping,
  floatTensor,
  GraphRunner,
  int64Tensor,
  Prng,
  type ProgressListener,
  ProgressReporter,
  parseWith,
  TrainingDivergedError,
  ValidationError,
} from "@knowfuse/core";
import type { KgeEmbeddings } from "./kge-embeddings.js";
import {
  type KgeTrainingOptions,
  type KgeTrainingOptionsInput,
  KgeTrainingOptionsSchema,
} from "./kge-training-options.js";
import { evaluateLinkPrediction } from "./link-prediction.js";
import { buildNegativeSamplingGraph } from "./negative-sampling-graph.js";
import { buildOneVsAllGraph } from "./one-vs-all-graph.js";
import { buildScoringGraph } from "./scoring-graph.js";
import { type IndexedTriples, sampleTriples } from "./triple-file.js";

/** One epoch of a training run. */
export interface KgeEpochRecord {
  epoch: number;
  /** Mean training loss over the epoch's batches (regulariser included). */
  loss: number;
  /** Mean data loss (cross-entropy or negative-sampling loss, without the regulariser). */
  dataLoss: number;
  /** Filtered validation MRR, when validated this epoch. */
  validMrr?: number;
  /** Seconds since training started. */
  seconds: number;
  /** Training queries per second in this epoch. */
  queriesPerSecond: number;
}

/** The outcome of {@link KgeTrainer.fit}. */
export interface KgeTrainingResult {
  history: KgeEpochRecord[];
  /** Best validation MRR (NaN without validation data). */
  bestValidMrr: number;
  /** Epoch of the best validation MRR (the parameters are restored to it). */
  bestEpoch: number;
  stoppedBecause: "epochs" | "early-stopping" | "time-budget";
  seconds: number;
}

/**
 * Trains a {@link KgeEmbeddings} in place on indexed triples: every step runs
 * one ONNX graph that computes the loss and the dense gradients of the entity
 * and relation tables (written straight into the parameters' gradient
 * buffers), then the optimiser updates the tables in place. Seeded: the same
 * seed, data and settings give the same parameters.
 *
 * With validation triples it validates every `evalEvery` epochs (filtered MRR,
 * filtering with train and valid), keeps the best parameters and stops early
 * after `patience` validations without improvement. A non-finite loss restores
 * the last good parameters (the best validated, or the start of the epoch) and
 * throws {@link TrainingDivergedError}.
 *
 * @example
 * ```ts
 * const emb = KgeEmbeddings.create(complex, 128, vocab, new Prng(0));
 * const result = await new KgeTrainer(emb, { epochs: 50, dropout: 0.3 }).fit(train, valid);
 * ```
 */
export class KgeTrainer {
  readonly options: KgeTrainingOptions;

  constructor(
    readonly embeddings: KgeEmbeddings,
    options: KgeTrainingOptionsInput = {},
    private readonly onProgress?: ProgressListener,
  ) {
    this.options = parseWith(KgeTrainingOptionsSchema, options, "KGE training options", "INVALID_CONFIG");
    if (this.options.objective === "negative-sampling" && !embeddings.model.negativeSampling) {
      throw configError(
        "objective",
        `${embeddings.model.name} trains with "1vsall" only; negative sampling is for kge.transe.v1 and kge.rotate.v1`,
      );
    }
    if (embeddings.model.complex && embeddings.dim % 2 !== 0) {
      throw configError(
        "dim",
        `${embeddings.model.name} needs an even dim (half real, half imaginary), got ${embeddings.dim}`,
      );
    }
  }

  /** Builds the training graph for these settings. */
  buildGraph() {
    const { model, dim } = this.embeddings;
    const common = {
      model,
      dim,
      numEntities: this.embeddings.vocab.entities.length,
      numRelations: this.embeddings.relationRows,
      regularizer: this.options.regularizer,
      regWeight: this.options.regWeight,
    };
    return this.options.objective === "1vsall"
      ? buildOneVsAllGraph(common)
      : buildNegativeSamplingGraph({
          ...common,
          gamma: this.options.gamma,
          adversarialTemperature: this.options.adversarialTemperature,
        });
  }

  /** Trains on `train`; validates on `valid` when given. */
  async fit(train: IndexedTriples, valid?: IndexedTriples): Promise<KgeTrainingResult> {
    const o = this.options;
    const emb = this.embeddings;
    const relationCount = emb.vocab.relations.length;
    const N = emb.vocab.entities.length;
    const dim = emb.dim;
    const params = [emb.entities, emb.relations];
    emb.config = { ...o, model: emb.model.name, dim };
    const rng = new Prng(o.seed);
    const sessionOptions = o.threads !== undefined ? { threads: o.threads } : {};
    const runner = await GraphRunner.create(this.buildGraph(), sessionOptions);
    const scorer = valid
      ? await GraphRunner.create(buildScoringGraph(emb.model, dim, N, emb.relationRows), sessionOptions)
      : undefined;
    const optimizer = createOptimizer(o.optimizer);
    const best = new Checkpoint(params);
    const lastGood = new Checkpoint(params);
    const stopper = new EarlyStopping({ patience: o.patience });
    const validSample = valid ? sampleTriples(valid, o.validLimit, new Prng(o.seed + 1)) : undefined;
    const totalQueries = 2 * train.count;
    const order = Int32Array.from({ length: totalQueries }, (_, i) => i);
    const history: KgeEpochRecord[] = [];
    const progress = new ProgressReporter(`train:${emb.model.name}`, "queries", this.onProgress);
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    let stoppedBecause: KgeTrainingResult["stoppedBecause"] = "epochs";
    let lastMrr = Number.NaN;
    let done = 0;
    let step = 0;

    const validate = async (epoch: number) => {
      if (!validSample || !scorer) return undefined;
      const result = await evaluateLinkPrediction(emb, validSample, {
        filter: [train, valid!],
        runner: scorer,
      });
      lastMrr = result.mrr;
      const { improved, stop } = stopper.update(result.mrr, epoch);
      if (improved) best.save();
      return { mrr: result.mrr, stop };
    };

    try {
      for (let epoch = 1; epoch <= o.epochs; epoch++) {
        lastGood.save();
        rng.shuffle(order);
        const epochStart = performance.now();
        let lossSum = 0;
        let dataLossSum = 0;
        let batches = 0;
        let outOfTime = false;
        for (let start = 0; start < totalQueries; start += o.batchSize) {
          const b = Math.min(o.batchSize, totalQueries - start);
          const feeds = this.#batch(train, order, start, b, relationCount, N, rng);
          const out = await runner.run(
            { E: emb.entities, R: emb.relations, ...feeds },
            {
              loss: null,
              data_loss: null,
              grad_E: emb.entities.gradTensor,
              grad_R: emb.relations.gradTensor,
            },
          );
          const loss = Number(out.loss!.data[0]);
          assertFiniteLoss(loss, step, { epoch, model: emb.model.name });
          optimizer.step(params);
          step++;
          lossSum += loss;
          dataLossSum += Number(out.data_loss!.data[0]);
          batches++;
          done += b;
          const elapsed = seconds();
          progress.report(done, {
            total: o.epochs * totalQueries,
            phase: `epoch ${epoch}`,
            metrics: {
              epoch,
              loss: lossSum / batches,
              data_loss: dataLossSum / batches,
              ...(Number.isNaN(lastMrr) ? {} : { valid_mrr: lastMrr }),
            },
          });
          if (o.timeBudget !== undefined && elapsed >= o.timeBudget) {
            outOfTime = true;
            break;
          }
        }
        const epochSeconds = (performance.now() - epochStart) / 1000;
        const record: KgeEpochRecord = {
          epoch,
          loss: lossSum / Math.max(1, batches),
          dataLoss: dataLossSum / Math.max(1, batches),
          seconds: seconds(),
          queriesPerSecond:
            (batches === 0 ? 0 : Math.min(totalQueries, batches * o.batchSize)) / epochSeconds,
        };
        let stop = false;
        if (valid && (epoch % o.evalEvery === 0 || outOfTime || epoch === o.epochs)) {
          const v = await validate(epoch);
          if (v) {
            record.validMrr = v.mrr;
            stop = v.stop;
          }
        }
        history.push(record);
        progress.report(
          done,
          {
            total: o.epochs * totalQueries,
            phase: `epoch ${epoch}`,
            metrics: {
              epoch,
              loss: record.loss,
              data_loss: record.dataLoss,
              ...(record.validMrr !== undefined ? { valid_mrr: record.validMrr } : {}),
              queries_per_s: record.queriesPerSecond,
            },
          },
          true,
        );
        if (outOfTime) {
          stoppedBecause = "time-budget";
          break;
        }
        if (stop) {
          stoppedBecause = "early-stopping";
          break;
        }
      }
    } catch (error) {
      if (error instanceof TrainingDivergedError) {
        if (best.saved) best.restore();
        else lastGood.restore();
      }
      throw error;
    } finally {
      await runner.release();
      await scorer?.release();
    }
    if (best.saved) best.restore();
    progress.finish(done, { total: o.epochs * totalQueries });
    return {
      history,
      bestValidMrr: stopper.best,
      bestEpoch: stopper.bestStep,
      stoppedBecause,
      seconds: seconds(),
    };
  }

  /** The feeds of one batch: queries `order[start..start+b)` (even = tail query, odd = head query via the reciprocal). */
  #batch(
    train: IndexedTriples,
    order: Int32Array,
    start: number,
    b: number,
    relationCount: number,
    N: number,
    rng: Prng,
  ) {
    const o = this.options;
    const dim = this.embeddings.dim;
    const h = new BigInt64Array(b);
    const r = new BigInt64Array(b);
    const t = new BigInt64Array(b);
    for (let k = 0; k < b; k++) {
      const q = order[start + k]!;
      const i = q >> 1;
      const hh = train.data[3 * i]!;
      const rr = train.data[3 * i + 1]!;
      const tt = train.data[3 * i + 2]!;
      const reverse = (q & 1) === 1;
      h[k] = BigInt(reverse ? tt : hh);
      r[k] = BigInt(reverse ? rr + relationCount : rr);
      t[k] = BigInt(reverse ? hh : tt);
    }
    const base = { h: int64Tensor(h, [b]), r: int64Tensor(r, [b]) };
    if (o.objective === "1vsall") {
      const mask = new Float32Array(b * dim).fill(1);
      if (o.dropout > 0) {
        const keep = 1 / (1 - o.dropout);
        for (let i = 0; i < mask.length; i++) mask[i] = rng.float() < o.dropout ? 0 : keep;
      }
      return { ...base, t: int64Tensor(t, [b]), mask: floatTensor(mask, [b, dim]) };
    }
    const c = 1 + o.negatives;
    const cand = new BigInt64Array(b * c);
    for (let k = 0; k < b; k++) {
      cand[k * c] = t[k]!;
      for (let j = 1; j < c; j++) cand[k * c + j] = BigInt(rng.int(N));
    }
    return { ...base, cand: int64Tensor(cand, [b, c]) };
  }
}

function configError(field: string, message: string): ValidationError {
  return new ValidationError(message, [{ path: [field], message }], { code: "INVALID_CONFIG" });
}
