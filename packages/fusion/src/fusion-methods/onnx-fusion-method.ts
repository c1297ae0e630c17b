import {
  createSession,
  type FusionInput,
  type FusionMethod,
  GraphBuilder,
  type NamedTensor,
  type ort,
  type Parameter,
  type TensorView,
} from "@knowfuse/core";
import type { FusionLayer } from "./fusion-layer.js";
import { declareFusionInputs, type FusionPackStats, packFusionInput } from "./pack-fusion-input.js";

/** Builds the inference graph of a layer: packed inputs → `hidden` `[batch, seq, hidden]`. */
export function buildFusionGraph(layer: FusionLayer): GraphBuilder {
  const g = new GraphBuilder(layer.kind);
  const inputs = declareFusionInputs(g, layer.uses, layer.hiddenSize, layer.entityDim);
  const names = new Map<Parameter, string>();
  const param = (p: Parameter) => {
    let name = names.get(p);
    if (!name) {
      name = g.initializer(p.name, p.data, p.shape);
      names.set(p, name);
    }
    return name;
  };
  g.output(layer.forward(g, inputs, param), "float", ["batch", "seq", layer.hiddenSize], "fused");
  return g;
}

/**
 * Runs a {@link FusionLayer} as a {@link FusionMethod} on onnxruntime-node. The
 * session is built on first use with the current weights baked in; call
 * {@link OnnxFusionMethod.reload} after changing them.
 */
export class OnnxFusionMethod implements FusionMethod {
  #session: Promise<ort.InferenceSession> | undefined;
  /** Counters summed over every `fuse` call. */
  readonly totals: FusionPackStats = { mentionsUsed: 0, mentionsWithoutVector: 0, tokensWithEntity: 0 };

  constructor(
    readonly layer: FusionLayer,
    readonly threads?: number,
  ) {}

  get kind(): string {
    return this.layer.kind;
  }
  get hiddenSize(): number {
    return this.layer.hiddenSize;
  }
  get entityDim(): number {
    return this.layer.entityDim;
  }

  parameters(): Map<string, NamedTensor> {
    return new Map(this.layer.params.map((p) => [p.name, { data: p.data, dims: [...p.shape] }]));
  }

  /** Drops the session so the next call rebuilds it from the current weights. */
  async reload(): Promise<void> {
    await this.close();
  }

  async fuse(input: FusionInput): Promise<TensorView> {
    const packed = packFusionInput(input, this.layer.entityDim);
    for (const k of Object.keys(this.totals) as (keyof FusionPackStats)[]) this.totals[k] += packed.stats[k];
    this.#session ??= createSession(
      buildFusionGraph(this.layer).toBytes(),
      this.threads === undefined ? {} : { threads: this.threads },
    );
    const session = await this.#session;
    const feeds: Record<string, ort.Tensor> = {};
    for (const name of this.layer.uses) feeds[name] = packed.feeds[name];
    const out = await session.run(feeds, ["fused"]);
    const fused = out.fused!;
    return { data: fused.data as Float32Array, dims: [...fused.dims] };
  }

  async close(): Promise<void> {
    const s = this.#session;
    this.#session = undefined;
    if (s) await (await s).release();
  }
}
