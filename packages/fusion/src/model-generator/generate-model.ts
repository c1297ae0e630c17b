import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { KnowfuseError, type ProgressListener, ProgressReporter, parseWith } from "@knowfuse/core";
import { buildBertGraph } from "./bert-graph.js";
import { bertWeights, type NamedWeight } from "./bert-weights.js";
import { byteLevelBpeVocabulary } from "./byte-level-bpe-vocabulary.js";
import {
  type ModelGeneratorOptions,
  type ModelShape,
  modelGeneratorOptionsSchema,
  resolveModelShape,
} from "./model-generator-options.js";
import {
  byteLevelBpeTokenizerFiles,
  type TokenizerFiles,
  wordPieceTokenizerFiles,
} from "./tokenizer-files.js";
import { wordPieceVocabulary } from "./word-piece-vocabulary.js";

/** Bumped whenever the generator's output for the same options changes. */
export const MODEL_GENERATOR_VERSION = "knowfuse.model-generator.v3";

/** The file, beside `config.json`, that records how a generated model was made. */
export const GENERATOR_STAMP_FILE = "knowfuse-generator.json";

/** What {@link generateModel} wrote. */
export interface GeneratedModel {
  /** The model directory (Hugging Face layout). */
  directory: string;
  shape: ModelShape;
  /** Hash of the generator version and the resolved shape; equal hashes mean identical files. */
  optionsHash: string;
  /** Number of weights (parameters). */
  parameters: number;
}

/** The hash that identifies the files generated for `options`. */
export function modelOptionsHash(options: ModelGeneratorOptions): string {
  const shape = resolveModelShape(
    parseWith(modelGeneratorOptionsSchema, options, "model generator options", "INVALID_CONFIG"),
  );
  return hashShape(shape);
}

function hashShape(shape: ModelShape): string {
  return createHash("sha256")
    .update(JSON.stringify({ version: MODEL_GENERATOR_VERSION, shape }))
    .digest("hex");
}

/** The options hash recorded in a generated model directory, if there is one. */
export function readGeneratorStamp(directory: string): string | undefined {
  try {
    const stamp = JSON.parse(readFileSync(join(directory, GENERATOR_STAMP_FILE), "utf8")) as {
      optionsHash?: unknown;
    };
    return typeof stamp.optionsHash === "string" ? stamp.optionsHash : undefined;
  } catch {
    return undefined;
  }
}

function configJson(shape: ModelShape): Record<string, unknown> {
  const bert = shape.architecture === "bert";
  return {
    architectures: [bert ? "BertModel" : "RobertaModel"],
    model_type: shape.architecture,
    vocab_size: shape.vocabSize,
    hidden_size: shape.hiddenSize,
    num_hidden_layers: shape.layers,
    num_attention_heads: shape.heads,
    intermediate_size: shape.intermediateSize,
    hidden_act: "gelu",
    max_position_embeddings: shape.positionRows,
    type_vocab_size: shape.typeRows,
    layer_norm_eps: shape.layerNormEps,
    pad_token_id: bert ? 0 : 1,
    ...(bert ? {} : { bos_token_id: 0, eos_token_id: 2 }),
    hidden_dropout_prob: 0.1,
    attention_probs_dropout_prob: 0.1,
    initializer_range: 0.02,
    position_embedding_type: "absolute",
    knowfuse_note: "generated with seeded random weights: the hidden states carry no meaning",
  };
}

/**
 * Writes a deterministic BERT-architecture encoder in the Hugging Face layout
 * (`config.json`, `tokenizer.json`, `tokenizer_config.json`, `onnx/model.onnx`)
 * into `directory`: a vocabulary from WordNet English, seeded random weights,
 * an ONNX graph built with core's GraphBuilder (see {@link buildBertGraph} for
 * its value names). The directory is written beside and renamed into place,
 * so readers never see half a model; an existing directory is replaced.
 *
 * @example
 * ```ts
 * const { directory } = await generateModel({ architecture: "bert", size: "tiny" }, "/tmp/tiny-bert");
 * const encoder = await loadEncoder(directory);
 * ```
 */
export async function generateModel(
  options: ModelGeneratorOptions,
  directory: string,
  onProgress?: ProgressListener,
): Promise<GeneratedModel> {
  const parsed = parseWith(modelGeneratorOptionsSchema, options, "model generator options", "INVALID_CONFIG");
  let shape = resolveModelShape(parsed);
  if (shape.hiddenSize % shape.heads !== 0) {
    throw new KnowfuseError(
      "INVALID_CONFIG",
      `model generator options: hiddenSize ${shape.hiddenSize} must be a multiple of heads ${shape.heads}`,
      { details: { field: "hiddenSize", hiddenSize: shape.hiddenSize, heads: shape.heads } },
    );
  }
  const optionsHash = hashShape(shape);
  let tokenizer: TokenizerFiles;
  if (shape.architecture === "bert") {
    const vocab = wordPieceVocabulary(shape.vocabSize);
    shape = { ...shape, vocabSize: vocab.length };
    tokenizer = wordPieceTokenizerFiles(vocab, shape.maxLength);
  } else {
    const bpe = byteLevelBpeVocabulary(shape.vocabSize);
    shape = { ...shape, vocabSize: bpe.vocab.length };
    tokenizer = byteLevelBpeTokenizerFiles(bpe, shape.maxLength);
  }
  const tensors = 5 + 16 * shape.layers;
  const progress = new ProgressReporter("model:generate", "tensors", onProgress);
  let parameters = 0;
  let done = 0;
  function* counted(): Generator<NamedWeight> {
    for (const weight of bertWeights(shape)) {
      parameters += weight.data.length;
      progress.report(++done, { total: tensors });
      yield weight;
    }
  }
  const bytes = buildBertGraph(shape, counted()).toBytes();

  const temporary = `${directory}.tmp-${process.pid}-${Date.now()}`;
  try {
    mkdirSync(join(temporary, "onnx"), { recursive: true });
    const json = (name: string, value: unknown) =>
      writeFileSync(join(temporary, name), `${JSON.stringify(value, null, 2)}\n`);
    json("config.json", configJson(shape));
    json("tokenizer.json", tokenizer.tokenizer);
    json("tokenizer_config.json", tokenizer.config);
    writeFileSync(join(temporary, "onnx", "model.onnx"), bytes);
    json(GENERATOR_STAMP_FILE, { generator: MODEL_GENERATOR_VERSION, optionsHash, shape, parameters });
    mkdirSync(dirname(directory), { recursive: true });
    if (readGeneratorStamp(directory) === optionsHash) {
      // Another process (a parallel test worker) put the same files in place meanwhile: keep theirs.
      rmSync(temporary, { recursive: true, force: true });
    } else {
      if (existsSync(directory)) rmSync(directory, { recursive: true, force: true });
      renameSync(temporary, directory);
    }
  } catch (cause) {
    rmSync(temporary, { recursive: true, force: true });
    // Another process may have put the same model in place first.
    if (readGeneratorStamp(directory) === optionsHash) return { directory, shape, optionsHash, parameters };
    throw new KnowfuseError("INVALID_INPUT", `cannot write the generated model to ${directory}`, {
      cause,
      details: { directory },
    });
  }
  progress.finish(done, { total: tensors });
  return { directory, shape, optionsHash, parameters };
}
