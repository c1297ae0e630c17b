import { float, GraphBuilder } from "@knowfuse/core";
import type { NamedWeight } from "./bert-weights.js";
import type { ModelShape } from "./model-generator-options.js";

/**
 * The value names of generated encoder graphs, for code that feeds, reads or
 * splits them: the int64 `[batch, sequence]` inputs, the embedding output,
 * each layer's output `encoder.layer.{i}.output` and `last_hidden_state`
 * (all float `[batch, sequence, hidden]`).
 */
export const ENCODER_GRAPH_NAMES = {
  inputIds: "input_ids",
  attentionMask: "attention_mask",
  tokenTypeIds: "token_type_ids",
  embeddingOutput: "embeddings.output",
  layerOutput: (layer: number): string => `encoder.layer.${layer}.output`,
  lastHiddenState: "last_hidden_state",
} as const;

/** The additive attention bias for padded keys (exp underflows to exactly 0 in float32). */
export const MASKED_SCORE_BIAS = -10000;

/**
 * Builds the ONNX graph of a post-LayerNorm BERT encoder from its weights:
 * word + position (+ token-type) embeddings and LayerNorm, then per layer
 * multi-head self-attention with the padding mask as an additive bias, a
 * residual and LayerNorm, an exact (erf) GELU feed-forward, a residual and
 * LayerNorm. RoBERTa shapes have no `token_type_ids` input and positions from 2.
 * With `shape.contribOps` (the default) the attention is one onnxruntime
 * `com.microsoft.Attention` node (QKV weights concatenated in the graph, same
 * -10000 mask bias) and each residual + LayerNorm one `SkipLayerNormalization`;
 * otherwise only standard ONNX ops are used. Both compute the same function.
 */
export function buildBertGraph(shape: ModelShape, weights: Iterable<NamedWeight>): GraphBuilder {
  const n = ENCODER_GRAPH_NAMES;
  const g = new GraphBuilder(`knowfuse-${shape.architecture}`);
  const bert = shape.architecture === "bert";
  const ids = g.input(n.inputIds, "int64", ["batch", "sequence"]);
  const mask = g.input(n.attentionMask, "int64", ["batch", "sequence"]);
  const types = bert ? g.input(n.tokenTypeIds, "int64", ["batch", "sequence"]) : undefined;
  const w = new Map<string, string>();
  for (const weight of weights) w.set(weight.name, g.initializer(weight.name, weight.data, weight.dims));
  const W = (name: string): string => {
    const value = w.get(name);
    if (value === undefined) throw new Error(`buildBertGraph: weight "${name}" is missing`);
    return value;
  };
  const h = shape.hiddenSize;
  const headSize = h / shape.heads;
  const layerNorm = (x: string, prefix: string, output?: string): string =>
    g.node(
      "LayerNormalization",
      [x, W(`${prefix}.weight`), W(`${prefix}.bias`)],
      { axis: -1, epsilon: float(shape.layerNormEps) },
      output ? { outputs: [output] } : {},
    )[0]!;
  const linear = (x: string, prefix: string): string =>
    g.op("Add", [g.op("MatMul", [x, W(`${prefix}.weight`)]), W(`${prefix}.bias`)]);

  const scalarInt = (v: number) => g.constant([v], [], true);
  const sequence = g.op("Gather", [g.op("Shape", [ids]), scalarInt(1)]);
  const first = bert ? 0 : 2;
  const positions = g.op("Range", [
    scalarInt(first),
    g.op("Add", [sequence, scalarInt(first)]),
    scalarInt(1),
  ]);
  let x = g.op("Add", [
    g.op("Gather", [W("embeddings.word_embeddings.weight"), ids]),
    g.op("Gather", [W("embeddings.position_embeddings.weight"), positions]),
  ]);
  x = g.op("Add", [
    x,
    types
      ? g.op("Gather", [W("embeddings.token_type_embeddings.weight"), types])
      : W("embeddings.token_type_embeddings.weight"),
  ]);
  x = layerNorm(x, "embeddings.LayerNorm", n.embeddingOutput);

  const fused = shape.contribOps;
  // Fused: the int32 raw mask of com.microsoft.Attention. Plain: the additive bias
  // Unsqueeze(1) -> Unsqueeze(2) -> Cast(float) -> Sub(1, m) -> Mul(-10000), shape [batch, 1, 1, seq].
  const maskIndex = fused ? g.op("Cast", [mask], { to: 6 }) : undefined;
  const maskBias = fused
    ? ""
    : g.op("Mul", [
        g.op("Sub", [
          g.scalar(1),
          g.op("Cast", [g.op("Unsqueeze", [g.op("Unsqueeze", [mask, g.ints([1])]), g.ints([2])])], { to: 1 }),
        ]),
        g.scalar(MASKED_SCORE_BIAS),
      ]);
  /** LayerNorm(input + skip + bias): one SkipLayerNormalization, or Add + LayerNormalization. */
  const residualNorm = (
    input: string,
    skip: string,
    dense: string,
    norm: string,
    output?: string,
  ): string => {
    const projected = g.op("MatMul", [input, W(`${dense}.weight`)]);
    if (!fused) {
      return layerNorm(g.op("Add", [g.op("Add", [projected, W(`${dense}.bias`)]), skip]), norm, output);
    }
    return g.node(
      "SkipLayerNormalization",
      [projected, skip, W(`${norm}.weight`), W(`${norm}.bias`), W(`${dense}.bias`)],
      { epsilon: float(shape.layerNormEps) },
      { domain: "com.microsoft", ...(output ? { outputs: [output] } : {}) },
    )[0]!;
  };
  for (let i = 0; i < shape.layers; i++) {
    const p = `encoder.layer.${i}`;
    const self = ["query", "key", "value"].map((part) => `${p}.attention.self.${part}`);
    let context: string;
    if (maskIndex) {
      // com.microsoft.Attention: packed QKV projection, scaled scores, raw-mask bias of -10000, softmax, context.
      const weight = g.op(
        "Concat",
        self.map((s) => W(`${s}.weight`)),
        { axis: 1 },
      );
      const bias = g.op(
        "Concat",
        self.map((s) => W(`${s}.bias`)),
        { axis: 0 },
      );
      context = g.op("Attention", [x, weight, bias, maskIndex], { num_heads: shape.heads }, "com.microsoft");
    } else {
      const splitShape = g.ints([0, 0, shape.heads, headSize]);
      const heads = (prefix: string, perm: number[]) =>
        g.op("Transpose", [g.op("Reshape", [linear(x, prefix), splitShape])], { perm });
      const q = heads(self[0]!, [0, 2, 1, 3]);
      const k = heads(self[1]!, [0, 2, 3, 1]);
      const v = heads(self[2]!, [0, 2, 1, 3]);
      const scores = g.op("Add", [
        g.op("Div", [g.op("MatMul", [q, k]), g.scalar(Math.sqrt(headSize))]),
        maskBias,
      ]);
      const probs = g.op("Softmax", [scores], { axis: -1 });
      context = g.op("Reshape", [
        g.op("Transpose", [g.op("MatMul", [probs, v])], { perm: [0, 2, 1, 3] }),
        g.ints([0, 0, h]),
      ]);
    }
    const attended = residualNorm(
      context,
      x,
      `${p}.attention.output.dense`,
      `${p}.attention.output.LayerNorm`,
    );
    const inner = linear(attended, `${p}.intermediate.dense`);
    const erf = g.op("Erf", [g.op("Div", [inner, g.scalar(Math.SQRT2)])]);
    const gelu = g.op("Mul", [g.op("Mul", [inner, g.op("Add", [erf, g.scalar(1)])]), g.scalar(0.5)]);
    x = residualNorm(gelu, attended, `${p}.output.dense`, `${p}.output.LayerNorm`, n.layerOutput(i));
  }
  g.output(x, "float", ["batch", "sequence", h], n.lastHiddenState);
  return g;
}
