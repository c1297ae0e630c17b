import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  cachePath,
  createSession,
  type EncodedBatch,
  type Encoder,
  InputTooLongError,
  type LengthPolicy,
  ModelLoadError,
  onnx,
  ort,
  parseWith,
  type TensorView,
  type TokenizedBatch,
  TokenizerMismatchError,
  ValidationError,
} from "@knowfuse/core";
import { type EncoderOptions, encoderOptionsSchema } from "./encoder-options.js";
import { fetchHubModel, looksLikeHubId } from "./hub-model.js";
import { type ModelDirectory, readModelDirectory, tokenizerVocabularySize } from "./model-directory.js";
import { OffsetTokenizer } from "./offset-tokenizer.js";

/** The inputs an encoder graph may declare. */
const KNOWN_INPUTS = ["input_ids", "attention_mask", "token_type_ids"] as const;

/**
 * The embedding rows of the word-embedding table: the data input of the
 * Gather node that reads `input_ids`, or undefined when the graph does it differently.
 */
function embeddingRows(model: onnx.IModelProto): number | undefined {
  const graph = model.graph;
  if (!graph) return undefined;
  const gather = graph.node?.find((n) => n.opType === "Gather" && n.input?.[1] === "input_ids");
  const table = gather && graph.initializer?.find((t) => t.name === gather.input?.[0]);
  const rows = table?.dims?.[0];
  return rows === undefined ? undefined : Number(rows);
}

let transformers: Promise<typeof import("@huggingface/transformers")> | undefined;

/** Loads transformers.js once, with its folders set outside node_modules and remote loading off. */
function loadTransformers(): Promise<typeof import("@huggingface/transformers")> {
  transformers ??= import("@huggingface/transformers").then((t) => {
    t.env.allowRemoteModels = false;
    t.env.allowLocalModels = true;
    t.env.localModelPath = cachePath("transformers", "models");
    t.env.cacheDir = cachePath("transformers", "cache");
    return t;
  });
  return transformers;
}

/**
 * An {@link Encoder} over a Hugging Face-layout model directory: the
 * transformers.js tokenizer (with character offsets derived by
 * {@link OffsetTokenizer}) and an onnxruntime session of `onnx/model.onnx`
 * created through core's `createSession`. Build it with {@link loadEncoder}.
 */
export class OnnxEncoder implements Encoder {
  #session: ort.InferenceSession | undefined;
  readonly #tokenizer: OffsetTokenizer;
  readonly #output: string;
  readonly #typeIds: boolean;
  /** The directory or hub id it was loaded from, as given. */
  readonly source: string;
  /** Width of the hidden states (`config.hidden_size`). */
  readonly hiddenSize: number;
  /** The window in tokens, special tokens included (the smallest of the tokenizer's, the position table's and the option). */
  readonly maxLength: number;
  /** The local model directory (the cache folder for hub ids). */
  readonly directory: string;
  /** The ONNX file the session runs (others may split or extend this graph). */
  readonly modelFile: string;
  /** The graph's input names (`token_type_ids` only for BERT-style graphs). */
  readonly inputNames: readonly string[];

  /** @internal Use {@link loadEncoder}. */
  constructor(
    source: string,
    model: ModelDirectory,
    session: ort.InferenceSession,
    tokenizer: OffsetTokenizer,
    maxLength: number,
  ) {
    this.source = source;
    this.directory = model.directory;
    this.modelFile = model.modelFile;
    this.#session = session;
    this.#tokenizer = tokenizer;
    this.hiddenSize = model.config.hidden_size;
    this.maxLength = maxLength;
    this.inputNames = session.inputNames;
    this.#typeIds = session.inputNames.includes("token_type_ids");
    this.#output = session.outputNames.includes("last_hidden_state")
      ? "last_hidden_state"
      : session.outputNames[0]!;
  }

  /** Special ids before and after each row's text. */
  get specialIds(): { prefix: readonly number[]; suffix: readonly number[]; pad: number } {
    return {
      prefix: this.#tokenizer.prefixIds,
      suffix: this.#tokenizer.suffixIds,
      pad: this.#tokenizer.padId,
    };
  }

  /** {@inheritDoc Encoder.tokenize} */
  tokenize(texts: readonly string[], policy: LengthPolicy = {}): TokenizedBatch {
    const tok = this.#tokenizer;
    const special = tok.prefixIds.length + tok.suffixIds.length;
    const window = this.maxLength - special;
    if (
      policy.windowing &&
      (!Number.isInteger(policy.windowing.stride) ||
        policy.windowing.stride < 0 ||
        policy.windowing.stride >= window)
    ) {
      throw new ValidationError(
        `windowing.stride ${policy.windowing.stride} must be an integer in [0, ${window - 1}] (the window holds ${window} text tokens)`,
        [{ path: ["windowing", "stride"], message: `must be an integer in [0, ${window - 1}]` }],
      );
    }
    const rows: {
      ids: number[];
      pieces: string[];
      offsets: [number, number][];
      text: number;
      start: number;
    }[] = [];
    texts.forEach((text, index) => {
      const t = tok.tokenize(text);
      const n = t.ids.length;
      const add = (from: number, to: number) =>
        rows.push({
          ids: t.ids.slice(from, to),
          pieces: t.pieces.slice(from, to),
          offsets: t.offsets.slice(from, to),
          text: index,
          start: from,
        });
      if (n <= window) add(0, n);
      else if (policy.windowing) {
        const step = window - policy.windowing.stride;
        for (let from = 0; ; from += step) {
          add(from, Math.min(n, from + window));
          if (from + window >= n) break;
        }
      } else if (policy.truncation) add(0, window);
      else throw new InputTooLongError(n + special, this.maxLength, { details: { textIndex: index } });
    });
    const sequenceLength = Math.max(0, ...rows.map((r) => r.ids.length + special));
    const batch = rows.length;
    const inputIds = new Int32Array(batch * sequenceLength).fill(tok.padId);
    const attentionMask = new Uint8Array(batch * sequenceLength);
    const pieces: string[][] = [];
    const offsets: [number, number][][] = [];
    rows.forEach((row, r) => {
      const ids = [...tok.prefixIds, ...row.ids, ...tok.suffixIds];
      inputIds.set(ids, r * sequenceLength);
      attentionMask.fill(1, r * sequenceLength, r * sequenceLength + ids.length);
      const rowPieces = [
        ...tok.prefixIds.map((id) => tok.pieceOf(id)),
        ...row.pieces,
        ...tok.suffixIds.map((id) => tok.pieceOf(id)),
      ];
      const rowOffsets: [number, number][] = [
        ...tok.prefixIds.map((): [number, number] => [0, 0]),
        ...row.offsets,
        ...tok.suffixIds.map((): [number, number] => [0, 0]),
      ];
      for (let k = ids.length; k < sequenceLength; k++) {
        rowPieces.push(tok.pieceOf(tok.padId));
        rowOffsets.push([0, 0]);
      }
      pieces.push(rowPieces);
      offsets.push(rowOffsets);
    });
    return {
      inputIds,
      attentionMask,
      offsets,
      pieces,
      textIndex: rows.map((r) => r.text),
      windowStart: rows.map((r) => r.start),
      batch,
      sequenceLength,
    };
  }

  /**
   * Runs the session on already tokenised rows (`[batch, seq]`, row-major)
   * and returns the `[batch, seq, hidden]` hidden states.
   */
  async forward(
    inputIds: Int32Array | BigInt64Array,
    attentionMask: Uint8Array | BigInt64Array,
    batch: number,
    sequenceLength: number,
  ): Promise<TensorView> {
    const session = this.#session;
    if (!session)
      throw new ModelLoadError(`encoder ${this.source} is closed`, { details: { source: this.source } });
    const dims = [batch, sequenceLength];
    const size = batch * sequenceLength;
    const ids = inputIds instanceof BigInt64Array ? inputIds : new BigInt64Array(size);
    if (!(inputIds instanceof BigInt64Array)) for (let i = 0; i < size; i++) ids[i] = BigInt(inputIds[i]!);
    const mask = attentionMask instanceof BigInt64Array ? attentionMask : new BigInt64Array(size);
    if (!(attentionMask instanceof BigInt64Array))
      for (let i = 0; i < size; i++) mask[i] = BigInt(attentionMask[i]!);
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor("int64", ids, dims),
      attention_mask: new ort.Tensor("int64", mask, dims),
    };
    if (this.#typeIds) feeds.token_type_ids = new ort.Tensor("int64", new BigInt64Array(size), dims);
    const out = await session.run(feeds, [this.#output]);
    const hidden = out[this.#output]!;
    return { data: hidden.data as Float32Array, dims: [...hidden.dims] };
  }

  /** {@inheritDoc Encoder.encode} */
  async encode(texts: readonly string[], policy: LengthPolicy = {}): Promise<EncodedBatch> {
    const tokens = this.tokenize(texts, policy);
    const hidden =
      tokens.batch === 0
        ? { data: new Float32Array(0), dims: [0, 0, this.hiddenSize] }
        : await this.forward(tokens.inputIds, tokens.attentionMask, tokens.batch, tokens.sequenceLength);
    return { ...tokens, hidden, hiddenSize: this.hiddenSize };
  }

  /** {@inheritDoc Encoder.close} */
  async close(): Promise<void> {
    const session = this.#session;
    this.#session = undefined;
    await session?.release();
  }
}

/**
 * Loads an encoder from a Hugging Face-layout model directory (`config.json`,
 * `tokenizer.json`, `tokenizer_config.json`, `onnx/model.onnx`) or a hub id
 * (fetched once into the cache; offline this fails fast with `HUB_UNREACHABLE`).
 * The files are checked before anything loads them, and a tokenizer whose ids
 * exceed the model's embedding rows or `config.vocab_size` is refused.
 *
 * @example
 * ```ts
 * const encoder = await loadEncoder(await ensureFixtureModel("tiny-bert"), { threads: 1 });
 * const batch = await encoder.encode(["A cat sat on the mat."]);
 * batch.hidden.dims; // [1, seq, 32]
 * await encoder.close();
 * ```
 */
export async function loadEncoder(source: string, options: EncoderOptions = {}): Promise<OnnxEncoder> {
  const opts = parseWith(encoderOptionsSchema, options, "encoder options", "INVALID_CONFIG");
  let directory = resolve(source);
  if (!existsSync(directory) && looksLikeHubId(source)) {
    directory = await fetchHubModel(source, {
      ...(opts.hubEndpoint ? { endpoint: opts.hubEndpoint } : {}),
      ...(opts.hubTimeoutMs ? { timeoutMs: opts.hubTimeoutMs } : {}),
    });
  }
  const model = readModelDirectory(directory);
  const tokenizerFile = resolve(directory, "tokenizer.json");
  const tokenizerSize = tokenizerVocabularySize(model.tokenizer);
  if (tokenizerSize > model.config.vocab_size) {
    throw new TokenizerMismatchError(
      `${tokenizerFile} emits ids up to ${tokenizerSize - 1} but ${resolve(directory, "config.json")} has vocab_size ${model.config.vocab_size}`,
      {
        details: {
          file: tokenizerFile,
          field: "vocab_size",
          tokenizer: tokenizerSize,
          config: model.config.vocab_size,
        },
      },
    );
  }
  let bytes: Uint8Array;
  let rows: number | undefined;
  try {
    bytes = readFileSync(model.modelFile);
    rows = embeddingRows(onnx.ModelProto.decode(bytes));
  } catch (cause) {
    throw new ModelLoadError(`${model.modelFile} is not a readable ONNX model: ${(cause as Error).message}`, {
      cause,
      details: { file: model.modelFile },
    });
  }
  if (rows !== undefined && tokenizerSize > rows) {
    throw new TokenizerMismatchError(
      `${tokenizerFile} emits ids up to ${tokenizerSize - 1} but the word embeddings of ${model.modelFile} have ${rows} rows`,
      { details: { file: tokenizerFile, tokenizer: tokenizerSize, embeddingRows: rows } },
    );
  }
  let session: ort.InferenceSession;
  try {
    session = await createSession(bytes, {
      ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
      ...(opts.optimization ? { optimization: opts.optimization } : {}),
    });
  } catch (cause) {
    throw new ModelLoadError(`onnxruntime cannot load ${model.modelFile}: ${(cause as Error).message}`, {
      cause,
      details: { file: model.modelFile },
    });
  }
  const unknown = session.inputNames.filter((n) => !(KNOWN_INPUTS as readonly string[]).includes(n));
  if (
    unknown.length > 0 ||
    !session.inputNames.includes("input_ids") ||
    !session.inputNames.includes("attention_mask")
  ) {
    await session.release();
    throw new ModelLoadError(
      `${model.modelFile} has inputs [${session.inputNames.join(", ")}]; an encoder graph needs input_ids and attention_mask and may have token_type_ids`,
      { details: { file: model.modelFile, inputs: session.inputNames } },
    );
  }
  let tokenizer: OffsetTokenizer;
  try {
    const { AutoTokenizer } = await loadTransformers();
    const pretrained = await AutoTokenizer.from_pretrained(directory, {
      local_files_only: true,
    });
    tokenizer = new OffsetTokenizer(pretrained, model.tokenizer, tokenizerFile);
  } catch (cause) {
    await session.release();
    if (cause instanceof ModelLoadError) throw cause;
    throw new ModelLoadError(
      `transformers.js cannot load the tokenizer in ${directory}: ${(cause as Error).message}`,
      {
        cause,
        details: { file: tokenizerFile },
      },
    );
  }
  const configured = model.tokenizerConfig.model_max_length;
  const positions = model.config.max_position_embeddings;
  const windows = [
    configured !== undefined && configured < 1e6 ? configured : undefined,
    positions !== undefined ? positions - (model.config.model_type === "roberta" ? 2 : 0) : undefined,
    opts.maxLength,
  ].filter((v): v is number => v !== undefined);
  const maxLength = windows.length > 0 ? Math.min(...windows) : 512;
  return new OnnxEncoder(source, model, session, tokenizer, maxLength);
}
