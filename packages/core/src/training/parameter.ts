import { floatTensor, type ort } from "../onnx/session.js";

/**
 * A trainable float32 tensor and its gradient buffer. `data` is updated in
 * place by optimisers and fed to ONNX sessions without copying (through
 * {@link Parameter.tensor}); backward graphs write into `grad` through
 * {@link Parameter.gradTensor}.
 *
 * @example
 * ```ts
 * const w = new Parameter("w", [4, 8]).initNormal(new Prng(1), 0.02);
 * await runner.run({ w: w.tensor, x }, { grad_w: w.gradTensor });
 * optimizer.step([w]);
 * ```
 */
export class Parameter {
  /** The values, row-major. */
  readonly data: Float32Array;
  /** The gradient of the loss with respect to `data`, same shape. */
  readonly grad: Float32Array;
  #tensor: ort.Tensor | undefined;
  #gradTensor: ort.Tensor | undefined;

  constructor(
    /** A name unique within a model (used by checkpoints and model files). */
    readonly name: string,
    /** The tensor's dimensions. */
    readonly shape: readonly number[],
    data?: Float32Array,
  ) {
    const size = shape.reduce((a, b) => a * b, 1);
    if (data && data.length !== size) {
      throw new RangeError(
        `Parameter "${name}": ${data.length} values given, shape [${shape}] needs ${size}`,
      );
    }
    this.data = data ?? new Float32Array(size);
    this.grad = new Float32Array(size);
  }

  /** Number of values. */
  get size(): number {
    return this.data.length;
  }

  /** An ONNX tensor over `data` (no copy; created once). */
  get tensor(): ort.Tensor {
    this.#tensor ??= floatTensor(this.data, this.shape);
    return this.#tensor;
  }

  /** An ONNX tensor over `grad`, to pass as a preallocated output (no copy; created once). */
  get gradTensor(): ort.Tensor {
    this.#gradTensor ??= floatTensor(this.grad, this.shape);
    return this.#gradTensor;
  }

  /** Fills `data` uniformly in [-bound, bound] and returns this. */
  initUniform(
    rng: { fillUniform(out: Float32Array, low: number, high: number): Float32Array },
    bound: number,
  ): this {
    rng.fillUniform(this.data, -bound, bound);
    return this;
  }

  /** Fills `data` with normal values N(0, std²) and returns this. */
  initNormal(rng: { fillNormal(out: Float32Array, std: number): Float32Array }, std: number): this {
    rng.fillNormal(this.data, std);
    return this;
  }

  /** Sets the gradient to zero. */
  zeroGrad(): void {
    this.grad.fill(0);
  }
}
