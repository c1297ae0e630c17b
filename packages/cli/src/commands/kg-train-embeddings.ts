import { Prng, TrainingDivergedError, ValidationError } from "@knowfuse/core";
import {
  KgeEmbeddings,
  KgeTrainer,
  type KgeTrainingOptionsInput,
  KgeVocabulary,
  putKgeEmbeddings,
  readEntityList,
  readTripleFile,
  resolveKgeModel,
  saveKgeModel,
} from "@knowfuse/kg";
import { defineCommand } from "../command.js";
import { progressBar } from "../progress-bar.js";
import { numberFlag, storeHelp, storeOption, stringFlag, withStore } from "./kg-shared.js";

function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== "string" || v === "") {
    throw new ValidationError(`kg train-embeddings: --${name} is required`, [
      { path: [`--${name}`], message: "required" },
    ]);
  }
  return v;
}

/**
 * `knowfuse kg train-embeddings`: trains a graph embedding model on a triple
 * file, validates on another (filtered MRR, early stopping), writes a model
 * file and optionally the entity vectors into a store's embedding space.
 */
export const kgTrainEmbeddingsCommand = defineCommand({
  path: ["kg", "train-embeddings"],
  summary: "train TransE / DistMult / ComplEx / RotatE embeddings on head<TAB>relation<TAB>tail triples",
  usage:
    "kg train-embeddings --train <file> [--valid <file>] [--entities <file>] --model <name> --dim <n> [--epochs n] [--time-budget s] --out <file> [--store <s> --space <name> [--id-prefix p]] [training flags]",
  options: {
    train: { type: "string" },
    valid: { type: "string" },
    entities: { type: "string" },
    model: { type: "string" },
    dim: { type: "string" },
    epochs: { type: "string" },
    "time-budget": { type: "string" },
    out: { type: "string" },
    ...storeOption,
    space: { type: "string" },
    "id-prefix": { type: "string" },
    objective: { type: "string" },
    optimizer: { type: "string" },
    lr: { type: "string" },
    "batch-size": { type: "string" },
    regularizer: { type: "string" },
    "reg-weight": { type: "string" },
    dropout: { type: "string" },
    negatives: { type: "string" },
    gamma: { type: "string" },
    "adversarial-temperature": { type: "string" },
    "init-scale": { type: "string" },
    seed: { type: "string" },
    patience: { type: "string" },
    "eval-every": { type: "string" },
    "valid-limit": { type: "string" },
    threads: { type: "string" },
  },
  optionHelp: {
    train: "training triples (head<TAB>relation<TAB>tail)",
    valid: "validation triples: filtered MRR each --eval-every epochs, early stopping, best epoch kept",
    entities:
      "entity list (one id, or index<TAB>id, per line; e.g. wn18rr/entities.dict): embed all of them, so that evaluation ranks triples about entities absent from --train (the standard protocol) instead of skipping them",
    model:
      "kge.transe.v1 | kge.distmult.v1 | kge.complex.v1 | kge.rotate.v1 (or transe, distmult, complex, rotate)",
    dim: "floats per entity (complex models: half real, half imaginary; must be even)",
    epochs: "maximum epochs (default 100)",
    "time-budget": "stop after this many seconds of training",
    out: "model file to write (reloadable by kg eval-embeddings)",
    ...storeHelp,
    space: "embedding space to write the entity vectors into (with --store)",
    "id-prefix": "prefix of the store's entity ids (as given to kg import triples --id-prefix)",
    objective: "1vsall (default) | negative-sampling (transe, rotate)",
    optimizer: "adagrad (default) | adam | sgd",
    lr: "learning rate (default 0.2)",
    "batch-size": "queries per step (default 1024)",
    regularizer: "n3 (default) | l2 | none",
    "reg-weight": "regulariser weight, per batch (default 0.05)",
    dropout: "dropout on the query (1vsall; default 0)",
    negatives: "negatives per positive (negative sampling; default 256)",
    gamma: "margin (negative sampling; default 6)",
    "adversarial-temperature": "self-adversarial temperature (negative sampling; default 1)",
    "init-scale": "standard deviation of the initial values (default: the model's)",
    seed: "random seed (default 0)",
    patience: "validations without improvement before stopping (default 5)",
    "eval-every": "validate every n epochs (default 1)",
    "valid-limit": "validate on a fixed random sample of this many triples",
    threads: "onnxruntime threads (default: all cores)",
  },
  async run(context) {
    const v = context.values;
    const trainFile = required(v, "train");
    const out = required(v, "out");
    const model = await resolveKgeModel(required(v, "model"));
    const dim = numberFlag(v, "dim", Number.NaN, true);
    if (!(dim > 0)) {
      throw new ValidationError("kg train-embeddings: --dim is required (a positive integer)", [
        { path: ["--dim"], message: "a positive integer" },
      ]);
    }
    const space = stringFlag(v, "space");
    if ((space === undefined) !== (stringFlag(v, "store") === undefined)) {
      throw new ValidationError("kg train-embeddings: give --store and --space together", [
        { path: [space === undefined ? "--space" : "--store"], message: "required with the other" },
      ]);
    }
    const num = (name: string, integer = false) => {
      const n = numberFlag(v, name, Number.NaN, integer);
      return Number.isNaN(n) ? undefined : n;
    };
    const options: Record<string, unknown> = {
      objective: stringFlag(v, "objective"),
      epochs: num("epochs", true),
      timeBudget: num("time-budget"),
      batchSize: num("batch-size", true),
      optimizer: { type: stringFlag(v, "optimizer") ?? "adagrad", lr: num("lr") ?? 0.2 },
      regularizer: stringFlag(v, "regularizer"),
      regWeight: num("reg-weight"),
      dropout: num("dropout"),
      negatives: num("negatives", true),
      gamma: num("gamma"),
      adversarialTemperature: num("adversarial-temperature"),
      initScale: num("init-scale"),
      seed: num("seed", true),
      patience: num("patience", true),
      evalEvery: num("eval-every", true),
      validLimit: num("valid-limit", true),
      threads: num("threads", true),
    };
    for (const key of Object.keys(options)) if (options[key] === undefined) delete options[key];

    const vocab = new KgeVocabulary();
    const entityList = stringFlag(v, "entities");
    if (entityList !== undefined) await readEntityList(entityList, vocab);
    const train = (await readTripleFile(trainFile, vocab, true)).triples;
    const validFile = stringFlag(v, "valid");
    const validRead = validFile ? await readTripleFile(validFile, vocab, false) : undefined;
    if (validRead && validRead.unknown.count > 0) {
      context.stderr.write(
        `${validFile}: ${validRead.unknown.count} triple(s) name an entity or relation absent from --train; not used for validation\n`,
      );
    }
    const seed = typeof options.seed === "number" ? options.seed : 0;
    const embeddings = KgeEmbeddings.create(
      model,
      dim,
      vocab,
      new Prng(seed),
      typeof options.initScale === "number" ? options.initScale : model.defaultInitScale,
    );
    const bar = progressBar(context.stderr as NodeJS.WriteStream);
    const trainer = new KgeTrainer(embeddings, options as KgeTrainingOptionsInput, bar);
    let result: Awaited<ReturnType<KgeTrainer["fit"]>>;
    try {
      result = await trainer.fit(train, validRead?.triples);
    } catch (error) {
      bar.done();
      if (error instanceof TrainingDivergedError) {
        await saveKgeModel(out, embeddings);
        context.stderr.write(`kept the last good parameters in ${out}\n`);
      }
      throw error;
    }
    bar.done();
    await saveKgeModel(out, embeddings);
    let stored: number | undefined;
    if (space !== undefined) {
      const idPrefix = stringFlag(v, "id-prefix");
      stored = await withStore(v, (kg) =>
        putKgeEmbeddings(kg, space, embeddings, idPrefix === undefined ? {} : { idPrefix }),
      );
    }
    const last = result.history.at(-1);
    context.stdout.write(
      `${JSON.stringify({
        task: "train-embeddings",
        model: model.name,
        dim,
        entities: vocab.entities.length,
        relations: vocab.relations.length,
        train: train.count,
        valid: validRead?.triples.count ?? 0,
        validUnknown: validRead?.unknown.count ?? 0,
        epochs: result.history.length,
        bestEpoch: result.bestEpoch,
        bestValidMrr: Number.isNaN(result.bestValidMrr) ? null : result.bestValidMrr,
        lastLoss: last?.loss ?? null,
        lastDataLoss: last?.dataLoss ?? null,
        stoppedBecause: result.stoppedBecause,
        seconds: result.seconds,
        out,
        ...(stored !== undefined ? { space, stored } : {}),
      })}\n`,
    );
    return 0;
  },
});
