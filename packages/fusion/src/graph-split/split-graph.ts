import { ModelLoadError, onnx } from "@knowfuse/core";

/** The two halves of a model split at one value. */
export interface GraphSplit {
  /** Part A: the original inputs it needs → the split value (its only output). */
  partA: Uint8Array;
  /** Part B: the split value (+ the original inputs it still needs, e.g. the attention mask) → the original outputs. */
  partB: Uint8Array;
  /** Input names of part A. */
  inputsA: string[];
  /** Input names of part B (the split value first). */
  inputsB: string[];
}

/** Names a node reads, including values captured by its sub-graphs (If/Loop bodies). */
function nodeInputs(node: onnx.INodeProto): string[] {
  const names = [...(node.input ?? [])].filter((n) => n !== "");
  for (const attr of node.attribute ?? []) {
    const graphs = [...(attr.g ? [attr.g] : []), ...(attr.graphs ?? [])];
    for (const sub of graphs) {
      const local = new Set([
        ...(sub.input ?? []).map((i) => i.name ?? ""),
        ...(sub.initializer ?? []).map((i) => i.name ?? ""),
        ...(sub.node ?? []).flatMap((n) => n.output ?? []),
      ]);
      for (const n of sub.node ?? [])
        for (const name of nodeInputs(n)) if (!local.has(name)) names.push(name);
    }
  }
  return names;
}

/**
 * The nodes (in original order) needed to compute `targets`, stopping at
 * `stops` (values provided from outside), and the graph inputs and
 * initializers they read.
 */
function closure(graph: onnx.IGraphProto, targets: readonly string[], stops: ReadonlySet<string>) {
  const nodes = graph.node ?? [];
  const producer = new Map<string, number>();
  nodes.forEach((n, i) => {
    for (const o of n.output ?? []) producer.set(o, i);
  });
  const inits = new Set((graph.initializer ?? []).map((t) => t.name ?? ""));
  const graphInputs = new Set((graph.input ?? []).map((v) => v.name ?? ""));
  const keep = new Set<number>();
  const usedInputs = new Set<string>();
  const usedInits = new Set<string>();
  const stack = [...targets];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    if (stops.has(name)) continue;
    if (inits.has(name)) {
      usedInits.add(name);
      continue;
    }
    const p = producer.get(name);
    if (p === undefined) {
      if (graphInputs.has(name)) usedInputs.add(name);
      continue;
    }
    if (keep.has(p)) continue;
    keep.add(p);
    stack.push(...nodeInputs(nodes[p]!));
  }
  return {
    nodes: nodes.filter((_, i) => keep.has(i)),
    inputs: (graph.input ?? []).filter((v) => usedInputs.has(v.name ?? "")),
    initializers: (graph.initializer ?? []).filter((t) => usedInits.has(t.name ?? "")),
  };
}

/**
 * Splits an ONNX model at an intermediate value (e.g. the generated encoder's
 * `encoder.layer.{i}.output`) into two models that, run one after the other,
 * compute what the original computes. Part A keeps the nodes needed for the
 * value; part B takes the value as an input and keeps the nodes from there to
 * the original outputs, recomputing anything else it needs from the original
 * inputs (the attention bias from `attention_mask`). Both parts share the
 * original opsets. The value must be produced by a node of the graph.
 *
 * @param model ONNX model bytes.
 * @param at The value to split at.
 * @param valueType Element type of the split value when the graph has no value info for it (default FLOAT).
 */
export function splitGraph(
  model: Uint8Array,
  at: string,
  valueType = onnx.TensorProto.DataType.FLOAT,
): GraphSplit {
  let decoded: onnx.IModelProto;
  try {
    decoded = onnx.ModelProto.decode(model);
  } catch (cause) {
    throw new ModelLoadError("splitGraph: the model bytes are not an ONNX ModelProto", { cause });
  }
  const graph = decoded.graph;
  if (!graph) throw new ModelLoadError("splitGraph: the model has no graph");
  const produced = new Set((graph.node ?? []).flatMap((n) => n.output ?? []));
  if (!produced.has(at)) {
    const layers = [...produced].filter((n) => /layer\.\d+\.output$/.test(n));
    throw new ModelLoadError(
      `splitGraph: no node produces "${at}"${layers.length ? `; layer outputs: ${layers.join(", ")}` : ""}`,
      { details: { at } },
    );
  }
  const info: onnx.IValueInfoProto = graph.valueInfo?.find((v) => v.name === at) ??
    graph.output?.find((v) => v.name === at) ?? { name: at, type: { tensorType: { elemType: valueType } } };
  const a = closure(graph, [at], new Set());
  const outputs = (graph.output ?? []).map((o) => o.name ?? "");
  const b = closure(graph, outputs, new Set([at]));
  const encode = (
    name: string,
    part: ReturnType<typeof closure>,
    inputs: onnx.IValueInfoProto[],
    outs: onnx.IValueInfoProto[],
  ) =>
    onnx.ModelProto.encode(
      onnx.ModelProto.create({
        ...(decoded.irVersion == null ? {} : { irVersion: decoded.irVersion }),
        producerName: "knowfuse.graph-split",
        opsetImport: decoded.opsetImport ?? [],
        graph: {
          name,
          node: part.nodes,
          input: inputs,
          output: outs,
          initializer: part.initializers,
          valueInfo: (graph.valueInfo ?? []).filter((v) => v.name !== at),
        },
      }),
    ).finish();
  const inputsB = [info, ...b.inputs];
  return {
    partA: encode(`${graph.name ?? "model"}.partA`, a, a.inputs, [info]),
    partB: encode(`${graph.name ?? "model"}.partB`, b, inputsB, graph.output ?? []),
    inputsA: a.inputs.map((v) => v.name ?? ""),
    inputsB: inputsB.map((v) => v.name ?? ""),
  };
}
