import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { ModelLoadError, parseWith, ValidationError } from "@knowfuse/core";
import { z } from "zod";

/** The files a Hugging Face-layout model directory must hold, relative to it. */
export const MODEL_DIRECTORY_FILES = [
  "config.json",
  "tokenizer.json",
  "tokenizer_config.json",
  "onnx/model.onnx",
] as const;

const configSchema = z
  .object({
    model_type: z.string().optional(),
    vocab_size: z.number().int().positive(),
    hidden_size: z.number().int().positive(),
    max_position_embeddings: z.number().int().positive().optional(),
  })
  .passthrough();

const tokenizerSchema = z
  .object({
    model: z
      .object({
        type: z.string(),
        vocab: z.union([
          z.record(z.string(), z.number().int().min(0)),
          z.array(z.tuple([z.string(), z.number()])),
        ]),
      })
      .passthrough(),
    added_tokens: z
      .array(z.object({ id: z.number().int().min(0), content: z.string() }).passthrough())
      .default([]),
    normalizer: z.unknown().optional(),
    pre_tokenizer: z.unknown().optional(),
  })
  .passthrough();

const tokenizerConfigSchema = z
  .object({ model_max_length: z.number().optional(), model_type: z.string().optional() })
  .passthrough();

/** The parsed `config.json` fields the encoder relies on (others are kept). */
export type ModelConfig = z.output<typeof configSchema>;
/** The parsed `tokenizer.json` (Hugging Face tokenizers format). */
export type TokenizerJson = z.output<typeof tokenizerSchema>;

/** A checked model directory: its parsed JSON files and the ONNX file path. */
export interface ModelDirectory {
  directory: string;
  config: ModelConfig;
  tokenizer: TokenizerJson;
  tokenizerConfig: z.output<typeof tokenizerConfigSchema>;
  /** Absolute path of `onnx/model.onnx`. */
  modelFile: string;
}

function readJson<S extends z.ZodType>(directory: string, name: string, schema: S): z.output<S> {
  const file = join(directory, name);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, "utf8"));
  } catch (cause) {
    throw new ModelLoadError(`model file ${file} is not valid JSON: ${(cause as Error).message}`, {
      cause,
      details: { file },
    });
  }
  try {
    return parseWith(schema, value, file);
  } catch (cause) {
    const message = cause instanceof ValidationError ? cause.message : String(cause);
    throw new ModelLoadError(`model file ${message}`, { cause, details: { file } });
  }
}

/**
 * Checks a Hugging Face-layout model directory before anything loads it:
 * every file of {@link MODEL_DIRECTORY_FILES} must exist and the JSON files
 * must parse and carry the fields the encoder needs. Throws
 * {@link ModelLoadError} naming the directory, file and field.
 */
export function readModelDirectory(directory: string): ModelDirectory {
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new ModelLoadError(`model directory ${directory} does not exist or is not a directory`, {
      details: { directory },
    });
  }
  const missing = MODEL_DIRECTORY_FILES.filter((f) => !existsSync(join(directory, f)));
  if (missing.length > 0) {
    throw new ModelLoadError(
      `model directory ${directory} lacks ${missing.join(", ")}; a model directory needs ${MODEL_DIRECTORY_FILES.join(", ")}`,
      { details: { directory, missing } },
    );
  }
  return {
    directory,
    config: readJson(directory, "config.json", configSchema),
    tokenizer: readJson(directory, "tokenizer.json", tokenizerSchema),
    tokenizerConfig: readJson(directory, "tokenizer_config.json", tokenizerConfigSchema),
    modelFile: join(directory, "onnx", "model.onnx"),
  };
}

/** The number of token ids a tokenizer can emit: its largest id (vocabulary or added token) + 1. */
export function tokenizerVocabularySize(tokenizer: TokenizerJson): number {
  let max = -1;
  const vocab = tokenizer.model.vocab;
  if (Array.isArray(vocab)) max = vocab.length - 1;
  else for (const id of Object.values(vocab)) if (id > max) max = id;
  for (const t of tokenizer.added_tokens) if (t.id > max) max = t.id;
  return max + 1;
}
