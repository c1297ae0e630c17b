import { rmSync } from "node:fs";
import { cachePath, ValidationError } from "@knowfuse/core";
import {
  generateModel,
  type ModelGeneratorOptions,
  modelOptionsHash,
  readGeneratorStamp,
} from "@knowfuse/fusion";
import { defineCommand } from "../command.js";
import { progressBar } from "../progress-bar.js";

const NUMERIC = {
  seed: "seed",
  "hidden-size": "hiddenSize",
  layers: "layers",
  heads: "heads",
  "intermediate-size": "intermediateSize",
  "vocab-size": "vocabSize",
  "max-length": "maxLength",
} as const;

/**
 * `knowfuse model generate`: writes a deterministic BERT-architecture encoder
 * (Hugging Face layout, random weights) into a directory; skips the work when
 * the directory already holds the same model unless `--force`.
 */
export const modelGenerateCommand = defineCommand({
  path: ["model", "generate"],
  summary: "write a deterministic BERT/RoBERTa-style encoder (HF layout, seeded random weights)",
  usage: "model generate [--architecture bert|roberta] [--size tiny|base] [--seed N] [--out DIR] [--force]",
  options: {
    architecture: { type: "string" },
    size: { type: "string" },
    seed: { type: "string" },
    "hidden-size": { type: "string" },
    layers: { type: "string" },
    heads: { type: "string" },
    "intermediate-size": { type: "string" },
    "vocab-size": { type: "string" },
    "max-length": { type: "string" },
    "standard-ops": { type: "boolean" },
    out: { type: "string" },
    force: { type: "boolean" },
  },
  optionHelp: {
    architecture: "bert (WordPiece, token_type_ids; default) or roberta (byte-level BPE, no token_type_ids)",
    size: "tiny (hidden 32, 2 layers; default) or base (BERT-base shape, ~110M weights, ~440 MB)",
    seed: "weight seed, 32-bit unsigned (default 42)",
    "hidden-size": "override the preset's hidden size",
    layers: "override the preset's layer count",
    heads: "override the preset's attention heads",
    "intermediate-size": "override the preset's feed-forward size",
    "vocab-size": "override the preset's vocabulary size",
    "max-length": "override the preset's window (tokens, specials included)",
    "standard-ops": "standard ONNX ops only (default: onnxruntime Attention and SkipLayerNormalization)",
    out: "output directory (default .cache/models/<size>-<architecture>[-<hash>])",
    force: "regenerate even when the directory holds the same model",
  },
  async run({ values, stdout }) {
    const options: Record<string, unknown> = {};
    if (values.architecture !== undefined) options.architecture = values.architecture;
    if (values.size !== undefined) options.size = values.size;
    if (values["standard-ops"] === true) options.contribOps = false;
    for (const [flag, field] of Object.entries(NUMERIC)) {
      const raw = values[flag];
      if (typeof raw !== "string") continue;
      const value = Number(raw);
      if (!Number.isInteger(value)) {
        throw new ValidationError(
          `--${flag}: "${raw}" is not an integer`,
          [{ path: [flag], message: "expected an integer" }],
          {
            code: "INVALID_CONFIG",
          },
        );
      }
      options[field] = value;
    }
    const generatorOptions = options as ModelGeneratorOptions;
    const hash = modelOptionsHash(generatorOptions);
    const plain = Object.keys(options).every((k) => k === "architecture" || k === "size");
    const name = `${String(options.size ?? "tiny")}-${String(options.architecture ?? "bert")}`;
    const out =
      typeof values.out === "string"
        ? values.out
        : cachePath("models", plain ? name : `${name}-${hash.slice(0, 12)}`);
    if (!values.force && readGeneratorStamp(out) === hash) {
      stdout.write(`${JSON.stringify({ directory: out, optionsHash: hash, generated: false })}\n`);
      return 0;
    }
    if (values.force) rmSync(out, { recursive: true, force: true });
    const bar = progressBar();
    const result = await generateModel(generatorOptions, out, bar);
    bar.done();
    stdout.write(
      `${JSON.stringify({ directory: result.directory, optionsHash: result.optionsHash, generated: true, parameters: result.parameters, shape: result.shape })}\n`,
    );
    return 0;
  },
});
