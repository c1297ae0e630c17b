import { readFile } from "node:fs/promises";
import {
  createSession,
  ModelLoadError,
  ort,
  type SessionOptions,
  type TensorView,
  type TokenizedBatch,
} from "@knowfuse/core";
import { ENCODER_GRAPH_NAMES } from "../model-generator/bert-graph.js";
import { splitGraph } from "./split-graph.js";

/**
 * Runs an encoder's ONNX graph as two parts split after layer `afterLayer`
 * (0-based; the value `encoder.layer.{i}.output` of generated models), so that
 * something (a fusion layer) can change the token states in between.
 *
 * @example
 * ```ts
 * const runner = await LayerSplitRunner.create(encoder.modelFile, 0);
 * const tokens = encoder.tokenize(texts);
 * const mid = await runner.runA(tokens);
 * const last = await runner.runB(await fusion.fuse({ hidden: mid, ... }), tokens);
 * ```
 */
export class LayerSplitRunner {
  private constructor(
    readonly afterLayer: number,
    readonly splitValue: string,
    private readonly partA: ort.InferenceSession,
    private readonly partB: ort.InferenceSession,
    private readonly inputsA: readonly string[],
    private readonly inputsB: readonly string[],
  ) {}

  /** Splits the model file at layer `afterLayer`'s output and opens both parts. */
  static async create(
    modelFile: string,
    afterLayer: number,
    options: SessionOptions = {},
  ): Promise<LayerSplitRunner> {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(modelFile);
    } catch (cause) {
      throw new ModelLoadError(`cannot read ${modelFile}`, { cause, details: { path: modelFile } });
    }
    const at = ENCODER_GRAPH_NAMES.layerOutput(afterLayer);
    const split = splitGraph(bytes, at);
    const [a, b] = await Promise.all([
      createSession(split.partA, options),
      createSession(split.partB, options),
    ]);
    return new LayerSplitRunner(afterLayer, at, a, b, split.inputsA, split.inputsB);
  }

  #intFeeds(tokens: TokenizedBatch, names: readonly string[]): Record<string, ort.Tensor> {
    const dims = [tokens.batch, tokens.sequenceLength];
    const n = tokens.batch * tokens.sequenceLength;
    const feeds: Record<string, ort.Tensor> = {};
    const int64 = (src: ArrayLike<number> | null) => {
      const out = new BigInt64Array(n);
      if (src) for (let i = 0; i < n; i++) out[i] = BigInt(src[i]!);
      return out;
    };
    const sources: Record<string, ArrayLike<number> | null> = {
      [ENCODER_GRAPH_NAMES.inputIds]: tokens.inputIds,
      [ENCODER_GRAPH_NAMES.attentionMask]: tokens.attentionMask,
      [ENCODER_GRAPH_NAMES.tokenTypeIds]: null,
    };
    for (const name of names) {
      if (!(name in sources)) continue;
      feeds[name] = new ort.Tensor("int64", int64(sources[name]!), dims);
    }
    return feeds;
  }

  /** Part A: token ids → the states after layer `afterLayer` (`[batch, seq, hidden]`). */
  async runA(tokens: TokenizedBatch): Promise<TensorView> {
    const out = await this.partA.run(this.#intFeeds(tokens, this.inputsA), [this.splitValue]);
    const t = out[this.splitValue]!;
    return { data: t.data as Float32Array, dims: [...t.dims] };
  }

  /** Part B: (changed) states after layer `afterLayer` → the last hidden state. */
  async runB(hidden: TensorView, tokens: TokenizedBatch): Promise<TensorView> {
    const feeds = this.#intFeeds(tokens, this.inputsB);
    feeds[this.splitValue] = new ort.Tensor("float32", hidden.data, hidden.dims);
    const output = this.partB.outputNames[0]!;
    const out = await this.partB.run(feeds, [output]);
    const t = out[output]!;
    return { data: t.data as Float32Array, dims: [...t.dims] };
  }

  /** Releases both sessions. */
  async close(): Promise<void> {
    await Promise.all([this.partA.release(), this.partB.release()]);
  }
}
