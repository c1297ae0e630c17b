import type { GraphBuilder } from "../onnx/graph-builder.js";
import { createSession, type ort, type SessionOptions } from "../onnx/session.js";
import { Parameter } from "./parameter.js";

/** What {@link GraphRunner.run} accepts as a feed: an ONNX tensor, or a parameter (fed through its `tensor`, no copy). */
export type Feed = ort.Tensor | Parameter;

/**
 * Runs one ONNX graph (a forward pass, or a forward+backward pass built by hand
 * with {@link GraphBuilder}) repeatedly on onnxruntime-node. Parameters are fed
 * without copying; outputs can be written straight into preallocated buffers
 * (e.g. a parameter's gradient), which onnxruntime-node supports through the
 * `fetches` argument of `session.run`.
 *
 * @example
 * ```ts
 * const runner = await GraphRunner.create(builder, { threads: 2 });
 * const out = await runner.run({ w, x: floatTensor(x, [n, 4]) }, { grad_w: w.gradTensor, loss: null });
 * const loss = out.loss!.data[0];
 * ```
 */
export class GraphRunner {
  private constructor(
    /** The onnxruntime session (released by {@link GraphRunner.release}). */
    readonly session: ort.InferenceSession,
  ) {}

  /** Compiles a graph (builder or serialised model bytes) into a session. */
  static async create(model: GraphBuilder | Uint8Array, options: SessionOptions = {}): Promise<GraphRunner> {
    const bytes = model instanceof Uint8Array ? model : model.toBytes();
    return new GraphRunner(await createSession(bytes, options));
  }

  /** The graph's input names. */
  get inputNames(): readonly string[] {
    return this.session.inputNames;
  }

  /** The graph's output names. */
  get outputNames(): readonly string[] {
    return this.session.outputNames;
  }

  /**
   * Runs the graph. `fetches` maps each wanted output name to a preallocated
   * tensor to write into, or `null` to let onnxruntime allocate it; without
   * `fetches` every output is returned freshly allocated.
   */
  async run(
    feeds: Readonly<Record<string, Feed>>,
    fetches?: Readonly<Record<string, ort.Tensor | null>>,
  ): Promise<Record<string, ort.Tensor>> {
    const inputs: Record<string, ort.Tensor> = {};
    for (const [name, feed] of Object.entries(feeds))
      inputs[name] = feed instanceof Parameter ? feed.tensor : feed;
    const result = fetches
      ? await this.session.run(inputs, fetches as Record<string, ort.Tensor | null>)
      : await this.session.run(inputs);
    return result as Record<string, ort.Tensor>;
  }

  /** Runs the graph and returns one scalar float output (e.g. the loss). */
  async scalar(feeds: Readonly<Record<string, Feed>>, output: string): Promise<number> {
    const result = await this.run(feeds, { [output]: null });
    const value = result[output];
    if (!value) throw new Error(`GraphRunner: the graph has no output "${output}"`);
    return Number(value.data[0]);
  }

  /** Releases the session. */
  async release(): Promise<void> {
    await this.session.release();
  }
}
