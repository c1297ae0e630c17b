import { onnx } from "./onnx-proto.js";

/** Element types the builder declares for graph inputs, outputs and initializers. */
export type ElementType = "float" | "int64" | "int32" | "bool" | "uint8";

/** A dimension: a fixed size or a symbolic name such as "batch". */
export type Dim = number | string;

const ELEM: Record<ElementType, number> = {
  float: onnx.TensorProto.DataType.FLOAT,
  int64: onnx.TensorProto.DataType.INT64,
  int32: onnx.TensorProto.DataType.INT32,
  bool: onnx.TensorProto.DataType.BOOL,
  uint8: onnx.TensorProto.DataType.UINT8,
};

/** An attribute value forced to FLOAT even when it is a whole number. */
export interface FloatAttr {
  readonly float: number;
}

/** Marks a number as a FLOAT attribute (`alpha: float(1)`); plain integers are INT attributes. */
export function float(value: number): FloatAttr {
  return { float: value };
}

/** The attribute values {@link GraphBuilder.node} accepts. */
export type AttrValue = number | FloatAttr | string | number[] | { floats: number[] } | onnx.IGraphProto;

/** Data accepted for initializers. */
export type InitializerData = Float32Array | Int32Array | BigInt64Array | Uint8Array;

function makeAttribute(name: string, value: AttrValue): onnx.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof value === "number") {
    return Number.isInteger(value) ? { name, type: T.INT, i: value } : { name, type: T.FLOAT, f: value };
  }
  if (typeof value === "string") return { name, type: T.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: T.INTS, ints: value };
  if ("float" in value) return { name, type: T.FLOAT, f: value.float };
  if ("floats" in value) return { name, type: T.FLOATS, floats: value.floats };
  return { name, type: T.GRAPH, g: value };
}

function valueInfo(name: string, type: ElementType, shape: readonly Dim[]): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: ELEM[type],
        shape: { dim: shape.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function elementTypeOf(data: InitializerData): ElementType {
  if (data instanceof Float32Array) return "float";
  if (data instanceof Int32Array) return "int32";
  if (data instanceof BigInt64Array) return "int64";
  return "uint8";
}

/**
 * Builds an ONNX graph in TypeScript, node by node, and serialises it to a
 * model that onnxruntime-node runs. Names are generated unless given, so
 * sub-graph helpers compose without clashes.
 *
 * @example
 * ```ts
 * const g = new GraphBuilder("matmul");
 * const a = g.input("a", "float", ["n", 4]);
 * const w = g.initializer("w", new Float32Array(16), [4, 4]);
 * g.output(g.op("MatMul", [a, w]), "float", ["n", 4], "y");
 * const bytes = g.toBytes();
 * ```
 */
export class GraphBuilder {
  readonly #nodes: onnx.INodeProto[] = [];
  readonly #inputs: onnx.IValueInfoProto[] = [];
  readonly #outputs: onnx.IValueInfoProto[] = [];
  readonly #initializers: onnx.ITensorProto[] = [];
  readonly #names = new Set<string>();
  #counter = 0;

  constructor(readonly name: string) {}

  /** A fresh value name with the given prefix. */
  fresh(prefix = "t"): string {
    let name: string;
    do name = `${prefix}_${this.#counter++}`;
    while (this.#names.has(name));
    this.#names.add(name);
    return name;
  }

  #claim(name: string): string {
    if (this.#names.has(name)) throw new Error(`GraphBuilder: value name "${name}" is already used`);
    this.#names.add(name);
    return name;
  }

  /** Declares a graph input and returns its name. */
  input(name: string, type: ElementType, shape: readonly Dim[]): string {
    this.#inputs.push(valueInfo(this.#claim(name), type, shape));
    return name;
  }

  /**
   * Declares `value` as a graph output. With `as`, the value is renamed
   * through an Identity node so the output has a stable name.
   */
  output(value: string, type: ElementType, shape: readonly Dim[], as?: string): string {
    let name = value;
    if (as !== undefined && as !== value) {
      name = this.#claim(as);
      this.#nodes.push({ opType: "Identity", input: [value], output: [name], name: `${name}_identity` });
    }
    this.#outputs.push(valueInfo(name, type, shape));
    return name;
  }

  /** Adds a constant tensor stored in the model (weights, shapes, indices). */
  initializer(name: string, data: InitializerData, dims: readonly number[]): string {
    return this.#addInitializer(this.#claim(name), data, dims);
  }

  #addInitializer(name: string, data: InitializerData, dims: readonly number[]): string {
    const expected = dims.reduce((a, b) => a * b, 1);
    if (data.length !== expected) {
      throw new Error(
        `GraphBuilder: initializer "${name}" has ${data.length} values, dims [${dims}] need ${expected}`,
      );
    }
    this.#initializers.push({
      name,
      dims: [...dims],
      dataType: ELEM[elementTypeOf(data)],
      rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    });
    return name;
  }

  /** A constant of fresh name: float32 by default, int64 for `BigInt64Array` or when `int64` is set. */
  constant(values: readonly number[] | InitializerData, dims?: readonly number[], int64 = false): string {
    const data = Array.isArray(values)
      ? int64
        ? BigInt64Array.from(values.map((v) => BigInt(v)))
        : Float32Array.from(values)
      : (values as InitializerData);
    return this.#addInitializer(this.fresh("const"), data, dims ?? [data.length]);
  }

  /** An int64 1-D constant (shapes, axes, indices). */
  ints(values: readonly number[]): string {
    return this.constant(values, [values.length], true);
  }

  /** A float scalar constant. */
  scalar(value: number): string {
    return this.constant([value], []);
  }

  /**
   * Adds a node and returns its output names. `outputs` is a count (fresh
   * names) or explicit names.
   */
  node(
    opType: string,
    inputs: readonly string[],
    attributes: Record<string, AttrValue> = {},
    options: { outputs?: number | readonly string[]; domain?: string; name?: string } = {},
  ): string[] {
    const outputs =
      typeof options.outputs === "object"
        ? options.outputs.map((o) => this.#claim(o))
        : Array.from({ length: options.outputs ?? 1 }, () => this.fresh(opType.toLowerCase()));
    this.#nodes.push({
      opType,
      input: [...inputs],
      output: outputs,
      name: options.name ?? this.fresh(`n_${opType}`),
      ...(options.domain ? { domain: options.domain } : {}),
      attribute: Object.entries(attributes).map(([k, v]) => makeAttribute(k, v)),
    });
    return outputs;
  }

  /** Adds a single-output node and returns its output name. */
  op(
    opType: string,
    inputs: readonly string[],
    attributes: Record<string, AttrValue> = {},
    domain?: string,
  ): string {
    return this.node(opType, inputs, attributes, domain ? { domain } : {})[0]!;
  }

  /** The graph as a protobuf message (for use as a sub-graph attribute). */
  toGraph(): onnx.IGraphProto {
    return {
      name: this.name,
      node: this.#nodes,
      input: this.#inputs,
      output: this.#outputs,
      initializer: this.#initializers,
    };
  }

  /** Serialises a complete model (default opset 17, plus the Microsoft domain for contrib ops). */
  toBytes(opset = 17): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: "knowfuse",
      opsetImport: [
        { domain: "", version: opset },
        { domain: "com.microsoft", version: 1 },
      ],
      graph: this.toGraph(),
    });
    return onnx.ModelProto.encode(model).finish();
  }
}
