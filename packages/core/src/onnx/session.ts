import ort from "onnxruntime-node";

/** Options for {@link createSession}. */
export interface SessionOptions {
  /** Intra-op threads (default: the number of cores onnxruntime sees). */
  threads?: number;
  /** Graph optimisation level (default "all"). */
  optimization?: "disabled" | "basic" | "extended" | "all";
}

/**
 * Creates an onnxruntime-node session from model bytes or a file path, on the
 * CPU provider, with sequential execution and the given thread count. This is
 * the one place in core that configures sessions.
 */
export async function createSession(
  model: Uint8Array | string,
  options: SessionOptions = {},
): Promise<ort.InferenceSession> {
  const sessionOptions: ort.InferenceSession.SessionOptions = {
    executionProviders: ["cpu"],
    graphOptimizationLevel: options.optimization ?? "all",
    executionMode: "sequential",
    interOpNumThreads: 1,
    // Warnings (e.g. "removing unused initializer") are not actionable for users; errors still print.
    logSeverityLevel: 3,
    ...(options.threads !== undefined ? { intraOpNumThreads: options.threads } : {}),
  };
  return typeof model === "string"
    ? ort.InferenceSession.create(model, sessionOptions)
    : ort.InferenceSession.create(model, sessionOptions);
}

/** A float32 tensor over an existing buffer (no copy). */
export function floatTensor(data: Float32Array, dims: readonly number[]): ort.Tensor {
  return new ort.Tensor("float32", data, dims);
}

/** An int64 tensor from numbers. */
export function int64Tensor(data: ArrayLike<number> | BigInt64Array, dims: readonly number[]): ort.Tensor {
  const values =
    data instanceof BigInt64Array ? data : BigInt64Array.from(Array.from(data, (v) => BigInt(v)));
  return new ort.Tensor("int64", values, dims);
}

export { ort };
