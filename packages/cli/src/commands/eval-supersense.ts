import {
  type Candidate,
  type KnowledgeGraph,
  type Link,
  NotFoundError,
  Prng,
  type ProgressListener,
  ValidationError,
} from "@knowfuse/core";
import {
  buildTaskBatches,
  classificationScores,
  createEnrichedEncoder,
  createFusionMethod,
  createTaskHead,
  ensureFixtureModel,
  ensureHypernymFeatureSpace,
  loadEncoder,
  predictBatches,
  saveAdapter,
  type TaskExample,
  trainAdapter,
} from "@knowfuse/fusion";
import { WORDNET_LEXNAMES } from "@knowfuse/kg";
import { readGoldKeys, readWsdCorpus } from "@knowfuse/linking";
import { defineCommand } from "../command.js";
import { progressBar } from "../progress-bar.js";
import { numberFlag, storeHelp, storeOption, stringFlag, withStore } from "./kg-shared.js";

const USAGE =
  "eval supersense --train <xml> <gold> --test <xml> <gold> --fusion <name> --store <store> [--encoder <dir>] [--space <name>]";

/** The default entity embedding space: deterministic WordNet hypernym features, created when missing. */
const FEATURE_SPACE = "wn-hypernym-features-v1";

const POS_LETTER: Record<string, string> = { NOUN: "n", VERB: "v", ADJ: "a", ADV: "r" };

/** The supersense (lexicographer file) of a sense key `lemma%ss_type:lex_filenum:...`. */
export function supersenseOfKey(key: string): string | undefined {
  const lex = key.split("%")[1]?.split(":")[1];
  return lex === undefined ? undefined : WORDNET_LEXNAMES[Number(lex)];
}

interface Instance {
  start: number;
  end: number;
  lemma: string;
  pos: string;
  label: string;
}

/** Reads a WSD corpus + gold keys into sentences (words joined by spaces) with supersense-labelled instances. */
function readSupersenseCorpus(
  xml: string,
  gold: Map<string, string[]>,
): { text: string; instances: Instance[] }[] {
  const out: { text: string; instances: Instance[] }[] = [];
  for (const doc of readWsdCorpus(xml)) {
    for (const sentence of doc.sentences) {
      let text = "";
      const instances: Instance[] = [];
      for (const w of sentence.words) {
        if (text !== "") text += " ";
        const start = text.length;
        text += w.text;
        if (!w.instanceId) continue;
        const key = gold.get(w.instanceId)?.[0];
        const label = key === undefined ? undefined : supersenseOfKey(key);
        if (label === undefined) {
          throw new ValidationError(
            `${xml}: instance ${w.instanceId} has no gold key with a lexicographer file`,
            [{ path: [w.instanceId], message: "missing or malformed gold key" }],
          );
        }
        instances.push({ start, end: text.length, lemma: w.lemma, pos: w.pos, label });
      }
      out.push({ text, instances });
    }
  }
  return out;
}

/** Links every instance to its store candidates of the instance's part of speech; the highest-prior one is chosen. */
async function linkInstances(
  kg: KnowledgeGraph,
  sentences: { text: string; instances: Instance[] }[],
): Promise<TaskExample[]> {
  const surfaces = sentences.flatMap((s) => s.instances.map((i) => i.lemma.replaceAll("_", " ")));
  const lists = await kg.lookupCandidates(surfaces, { limit: 20 });
  let k = 0;
  return sentences.map((s) => ({
    text: s.text,
    links: s.instances.map((inst): Link => {
      const letter = POS_LETTER[inst.pos];
      const all: Candidate[] = lists[k++] ?? [];
      const candidates = all
        .filter((c) => letter === undefined || c.entityId.endsWith(`-${letter}`))
        .sort((a, b) => b.prior - a.prior);
      const best = candidates[0];
      return {
        mention: { start: inst.start, end: inst.end, surface: s.text.slice(inst.start, inst.end) },
        entityId: best?.entityId ?? null,
        score: best?.prior ?? 0,
        evidence: { prior: best?.prior ?? 0 },
        candidates,
      };
    }),
    targets: s.instances.map((i) => ({ start: i.start, end: i.end, label: i.label })),
  }));
}

/** Options of {@link evaluateSupersense}. */
export interface SupersenseEvalOptions {
  /** A store holding WordNet (entity ids `wn:<offset>-<pos>`, as the WordNet importer writes them). */
  kg: KnowledgeGraph;
  /** Training corpus (WSD framework XML) and its gold keys by instance id. */
  train: { xml: string; gold: Map<string, string[]> };
  test: { xml: string; gold: Map<string, string[]> };
  /** Fusion method name or alias (none, concat, ernie, kar). */
  fusion: string;
  /** Model directory (default: the generated tiny-bert fixture). */
  encoder?: string;
  /** Embedding space (default wn-hypernym-features-v1, created from the store's hypernyms when missing). */
  space?: string;
  epochs?: number;
  lr?: number;
  seed?: number;
  batchSize?: number;
  threads?: number;
  /** Directory to save the trained adapter + head to. */
  save?: string;
  onProgress?: ProgressListener;
  /** Receives one-line notes (e.g. that the feature space is being computed). */
  log?: (line: string) => void;
}

/** The JSON result of {@link evaluateSupersense} (and of `knowfuse eval supersense`). */
export interface SupersenseEvalResult {
  task: "supersense";
  fusion: string;
  n: number;
  accuracy: number;
  macro_f1: number;
  train_instances: number;
  labels: number;
  space: string | null;
  space_model: string | null;
  encoder: string;
  best_epoch: number;
  dev_accuracy: number;
  fallbacks: number;
  unaligned: number;
}

/**
 * Supersense tagging as a probe of knowledge reaching a task: each WSD instance
 * is labelled with the lexicographer file of its gold sense key, linked to its
 * store candidates (highest prior chosen), and a fusion adapter + mention head
 * are trained on the training corpus with the encoder frozen (10% of its
 * sentences held out for early stopping), then scored on the test corpus.
 */
export async function evaluateSupersense(options: SupersenseEvalOptions): Promise<SupersenseEvalResult> {
  const { kg } = options;
  const seed = options.seed ?? 1;
  const batchSize = options.batchSize ?? 16;
  const space = options.space ?? FEATURE_SPACE;
  const threads = options.threads;
  const trainSentences = readSupersenseCorpus(options.train.xml, options.train.gold);
  const testSentences = readSupersenseCorpus(options.test.xml, options.test.gold);
  const stats = await kg.stats();
  if (stats.entities === 0) {
    throw new NotFoundError(
      "eval supersense: the store is empty; import WordNet first (knowfuse kg import wordnet)",
    );
  }
  const known = stats.embeddingSpaces.find((s) => s.name === space);
  const isNone = /^(none|fusion\.none\.v1)$/.test(options.fusion);
  let dim = known?.dim ?? 0;
  let model = known?.model;
  if (!known && !isNone && space === FEATURE_SPACE) {
    options.log?.(`computing embedding space ${FEATURE_SPACE} from the store's hypernyms`);
    ({ dim, model } = await ensureHypernymFeatureSpace(kg, FEATURE_SPACE));
  }
  const encoderDir = options.encoder ?? (await ensureFixtureModel("tiny-bert"));
  const encoder = await loadEncoder(encoderDir, threads === undefined ? {} : { threads });
  try {
    const fusionOptions = isNone
      ? { hiddenSize: encoder.hiddenSize }
      : { hiddenSize: encoder.hiddenSize, entityDim: dim, seed };
    const fusion = await createFusionMethod(options.fusion, fusionOptions);
    const enriched = await createEnrichedEncoder({
      encoder,
      graph: kg,
      fusion,
      embeddingSpace: space,
      batchSize,
      // Long sentences are split into overlapping windows so that no instance is cut off.
      policy: { windowing: { stride: 16 } },
    });
    const examples = await linkInstances(kg, trainSentences);
    const testExamples = await linkInstances(kg, testSentences);
    const order = new Prng(seed).shuffle(Array.from(examples.keys()));
    const devSet = new Set(order.slice(0, Math.max(1, Math.round(examples.length * 0.1))));
    const labels = [...new Set(examples.flatMap((e) => e.targets.map((t) => t.label)))].sort();
    const head = createTaskHead({ kind: "mention", hiddenSize: encoder.hiddenSize, labels, seed });
    const layer = fusion.layer;
    const trainSet = examples.filter((_, i) => !devSet.has(i));
    const trainBatches = await buildTaskBatches(enriched, layer, head, trainSet, batchSize);
    const devBatches = await buildTaskBatches(
      enriched,
      layer,
      head,
      examples.filter((_, i) => devSet.has(i)),
      batchSize,
    );
    const testBatches = await buildTaskBatches(enriched, layer, head, testExamples, batchSize);
    const result = await trainAdapter({
      layer,
      head,
      train: trainBatches.batches,
      dev: devBatches.batches,
      epochs: options.epochs ?? 40,
      lr: options.lr ?? 0.003,
      seed,
      ...(threads === undefined ? {} : { threads }),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    const predictions = await predictBatches(layer, head, testBatches.batches, threads);
    const goldLabels = testExamples.flatMap((e) => e.targets.map((t) => t.label));
    const predicted = testBatches.placement.map((p) =>
      p === null ? null : (head.labels[predictions[p[0]]![p[1]]!] ?? null),
    );
    const scores = classificationScores(goldLabels, predicted);
    if (options.save) await saveAdapter(options.save, { layer, head });
    await enriched.close();
    return {
      task: "supersense",
      fusion: layer.kind,
      n: scores.n,
      accuracy: scores.accuracy,
      macro_f1: scores.macroF1,
      train_instances: trainBatches.placement.length,
      labels: labels.length,
      space: isNone ? null : space,
      space_model: isNone ? null : (model ?? null),
      encoder: encoderDir,
      best_epoch: result.bestEpoch,
      dev_accuracy: result.bestDevAccuracy,
      fallbacks: testBatches.fallbacks,
      unaligned: testBatches.placement.filter((p) => p === null).length,
    };
  } finally {
    await encoder.close();
  }
}

/** Pairs each corpus with the gold file whose instance ids it contains. */
function pairGold(xmls: string[], golds: string[]): Map<string, Map<string, string[]>> {
  const keys = golds.map((g) => ({ path: g, keys: readGoldKeys(g) }));
  const pairs = new Map<string, Map<string, string[]>>();
  for (const xml of xmls) {
    const ids = readWsdCorpus(xml).flatMap((d) =>
      d.sentences.flatMap((s) => s.words.flatMap((w) => w.instanceId ?? [])),
    );
    const match = keys.find((k) => ids.length > 0 && ids.every((id) => k.keys.has(id)));
    if (!match) {
      throw new ValidationError(`no gold key file among ${golds.join(", ")} covers the instances of ${xml}`, [
        { path: [xml], message: "give `--train <xml> <gold> --test <xml> <gold>`" },
      ]);
    }
    pairs.set(xml, match.keys);
  }
  return pairs;
}

/**
 * `knowfuse eval supersense`: trains a fusion adapter + mention-typing head on
 * the supersenses (WordNet lexicographer files) of one WSD corpus with the
 * encoder frozen, and scores it on another. The last stdout line is one JSON object.
 */
export const evalSupersenseCommand = defineCommand({
  path: ["eval", "supersense"],
  summary: "train a fusion adapter + head on WSD supersenses and evaluate it (JSON result on the last line)",
  usage: USAGE,
  allowPositionals: true,
  options: {
    ...storeOption,
    train: { type: "string" },
    test: { type: "string" },
    fusion: { type: "string" },
    encoder: { type: "string" },
    space: { type: "string" },
    epochs: { type: "string" },
    lr: { type: "string" },
    seed: { type: "string" },
    "batch-size": { type: "string" },
    threads: { type: "string" },
    save: { type: "string" },
  },
  optionHelp: {
    ...storeHelp,
    train:
      "<xml> <gold>: the training corpus and its gold keys (10% of its sentences are held out for early stopping)",
    test: "<xml> <gold>: the evaluation corpus and its gold keys",
    fusion: "fusion method: none, concat, ernie, kar (or fusion.<name>.v1)",
    encoder: "model directory (default: the generated tiny-bert fixture)",
    space: `entity embedding space in the store (default ${FEATURE_SPACE}, created from WordNet hypernyms when missing)`,
    epochs: "maximum epochs (default 40)",
    lr: "Adam learning rate (default 0.003)",
    seed: "seed of the split, initialisation and shuffling (default 1)",
    "batch-size": "sentences per batch (default 16)",
    threads: "onnxruntime threads (default: onnxruntime's choice)",
    save: "directory to save the trained adapter + head to",
  },
  async run({ values, positionals, stdout, stderr }) {
    const train = stringFlag(values, "train");
    const test = stringFlag(values, "test");
    const fusionName = stringFlag(values, "fusion");
    const missing = [
      ...(train ? [] : ["--train"]),
      ...(test ? [] : ["--test"]),
      ...(fusionName ? [] : ["--fusion"]),
    ];
    if (missing.length > 0 || positionals.length !== 2) {
      throw new ValidationError(
        `eval supersense: ${missing.length ? `missing ${missing.join(", ")}` : `expected 2 gold key files, got ${positionals.length}`}; usage: knowfuse ${USAGE}`,
        missing.map((m) => ({ path: [m], message: "required" })),
      );
    }
    const epochs = numberFlag(values, "epochs", 40, true);
    const lr = numberFlag(values, "lr", 0.003);
    const seed = numberFlag(values, "seed", 1, true);
    const batchSize = Math.max(1, numberFlag(values, "batch-size", 16, true));
    const threadsFlag = stringFlag(values, "threads");
    const threads = threadsFlag === undefined ? undefined : numberFlag(values, "threads", 1, true);
    const gold = pairGold([train!, test!], positionals);
    const bar = progressBar(stderr as NodeJS.WriteStream);

    const result = await withStore(values, (kg) =>
      evaluateSupersense({
        kg,
        train: { xml: train!, gold: gold.get(train!)! },
        test: { xml: test!, gold: gold.get(test!)! },
        fusion: fusionName!,
        space: stringFlag(values, "space") ?? FEATURE_SPACE,
        epochs,
        lr,
        seed,
        batchSize,
        ...(stringFlag(values, "encoder") ? { encoder: stringFlag(values, "encoder")! } : {}),
        ...(threads === undefined ? {} : { threads }),
        ...(stringFlag(values, "save") ? { save: stringFlag(values, "save")! } : {}),
        onProgress: bar,
        log: (line) => stderr.write(`eval supersense: ${line}\n`),
      }),
    );
    bar.done();
    stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  },
});
