import { readFileSync, writeFileSync } from "node:fs";
import { type Encoder, parseWith, ValidationError } from "@knowfuse/core";
import { loadEncoder } from "@knowfuse/fusion";
import {
  evaluateWsd,
  evidenceOf,
  FEATURE_NAMES,
  type FeatureName,
  FeatureWeightsSchema,
  featurizeWsd,
  GraphLinker,
  readGoldKeys,
  readWsdCorpus,
  trainWsd,
} from "@knowfuse/linking";
import { defineCommand } from "../command.js";
import { progressBar } from "../progress-bar.js";
import { numberFlag, storeHelp, storeOption, stringFlag, withStore } from "./kg-shared.js";

const EVIDENCE = ["prior", "context", "coherence", "encoder"] as const;
const COHERENCE_METHODS = ["two-step", "pagerank"] as const;

/**
 * `knowfuse eval wsd`: runs the linker on the pre-tokenised instances of a WSD
 * framework corpus (lemma and POS given) and scores it like the framework's
 * scorer. With `--train`/`--train-gold` the weights are first learned on
 * another corpus. The last line is one JSON object with the scores.
 */
export const evalWsdCommand = defineCommand({
  path: ["eval", "wsd"],
  summary: "score the linker on a WSD corpus (P/R/F1 as the framework's scorer computes them)",
  usage:
    "eval wsd --data <X.data.xml> --gold <X.gold.key.txt> [--store <s>] [--encoder <model dir>] [--train <Y.data.xml> --train-gold <Y.gold.key.txt>] [--evidence prior,context,coherence] [--coherence-method two-step|pagerank] [--weights <file.json>] [--save-weights <file.json>]",
  options: {
    ...storeOption,
    data: { type: "string" },
    gold: { type: "string" },
    encoder: { type: "string" },
    train: { type: "string" },
    "train-gold": { type: "string" },
    evidence: { type: "string" },
    weights: { type: "string" },
    "save-weights": { type: "string" },
    "max-candidates": { type: "string" },
    "coherence-method": { type: "string" },
  },
  optionHelp: {
    ...storeHelp,
    data: "corpus of the WSD evaluation framework (.data.xml)",
    gold: "its gold keys (.gold.key.txt); any listed key counts as correct",
    encoder: "pretrained encoder (model dir or hub id): adds the description-similarity evidence",
    train: "learn the weights first on this corpus (.data.xml)",
    "train-gold": "gold keys of --train",
    evidence: `evidence to use, comma-separated from ${EVIDENCE.join(", ")} (default: all available)`,
    weights: "JSON file of feature weights by name (instead of the defaults)",
    "save-weights": "write the weights used to this JSON file",
    "max-candidates": "candidates per instance (default 10)",
    "coherence-method": `how coherence is computed: ${COHERENCE_METHODS.join(" or ")} (default two-step)`,
  },
  async run({ values, stdout, stderr }) {
    const data = stringFlag(values, "data");
    const goldPath = stringFlag(values, "gold");
    if (!data || !goldPath) {
      throw new ValidationError("eval wsd: --data and --gold are required", [
        ...(data ? [] : [{ path: ["--data"], message: "required: a .data.xml corpus" }]),
        ...(goldPath ? [] : [{ path: ["--gold"], message: "required: a .gold.key.txt file" }]),
      ]);
    }
    const train = stringFlag(values, "train");
    const trainGold = stringFlag(values, "train-gold");
    if (Boolean(train) !== Boolean(trainGold)) {
      throw new ValidationError("eval wsd: --train and --train-gold go together", [
        { path: [train ? "--train-gold" : "--train"], message: "required with the other" },
      ]);
    }
    const encoderSource = stringFlag(values, "encoder");
    const evidence = (stringFlag(values, "evidence") ?? EVIDENCE.join(","))
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    for (const e of evidence) {
      if (!(EVIDENCE as readonly string[]).includes(e)) {
        throw new ValidationError(`--evidence: unknown evidence "${e}"; allowed: ${EVIDENCE.join(", ")}`, [
          { path: ["--evidence"], message: `allowed: ${EVIDENCE.join(", ")}` },
        ]);
      }
    }
    const features = FEATURE_NAMES.filter(
      (n) => evidence.includes(evidenceOf(n)) && (evidenceOf(n) !== "encoder" || encoderSource),
    );
    const weightsFile = stringFlag(values, "weights");
    const maxCandidates = numberFlag(values, "max-candidates", 10, true);
    const coherenceMethod = stringFlag(values, "coherence-method") ?? "two-step";
    if (!(COHERENCE_METHODS as readonly string[]).includes(coherenceMethod)) {
      throw new ValidationError(
        `--coherence-method: unknown method "${coherenceMethod}"; allowed: ${COHERENCE_METHODS.join(", ")}`,
        [{ path: ["--coherence-method"], message: `allowed: ${COHERENCE_METHODS.join(", ")}` }],
      );
    }
    const corpus = readWsdCorpus(data);
    const gold = readGoldKeys(goldPath);
    await withStore(values, async (store) => {
      let encoder: Encoder | undefined;
      if (encoderSource) encoder = await loadEncoder(encoderSource);
      const bar = progressBar(stderr as NodeJS.WriteStream);
      try {
        const linker = await GraphLinker.open({
          store,
          maxCandidates,
          context: evidence.includes("context"),
          coherence: evidence.includes("coherence"),
          coherenceMethod: coherenceMethod as (typeof COHERENCE_METHODS)[number],
          onProgress: bar,
          ...(encoder ? { encoder } : {}),
        });
        bar.done();
        if (weightsFile) {
          const raw: unknown = JSON.parse(readFileSync(weightsFile, "utf8"));
          linker.setWeights(parseWith(FeatureWeightsSchema, raw, weightsFile, "INVALID_CONFIG"));
        }
        if (train && trainGold) {
          stderr.write(`eval wsd: learning weights on ${train}\n`);
          const trainData = await featurizeWsd(linker, readWsdCorpus(train));
          trainWsd(linker, trainData, readGoldKeys(trainGold), features);
        }
        const masked = Object.fromEntries(
          Object.entries(linker.weights).map(([k, v]) => [k, features.includes(k as FeatureName) ? v : 0]),
        );
        linker.setWeights(masked);
        const saveTo = stringFlag(values, "save-weights");
        if (saveTo) writeFileSync(saveTo, `${JSON.stringify(linker.weights, null, 2)}\n`);
        stderr.write(
          `eval wsd: ${corpus.length} texts, evidence ${[...new Set(features.map(evidenceOf))].join("+")}\n`,
        );
        const featurized = await featurizeWsd(linker, corpus);
        const score = evaluateWsd(linker, featurized, gold);
        stdout.write(`${JSON.stringify({ weights: linker.weights })}\n`);
        stdout.write(`${JSON.stringify(score)}\n`);
        await linker.close();
      } finally {
        await encoder?.close();
      }
    });
    return 0;
  },
});
