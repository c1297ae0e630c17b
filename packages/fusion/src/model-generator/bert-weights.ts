import { Prng } from "@knowfuse/core";
import type { ModelShape } from "./model-generator-options.js";

/** One named weight tensor (row-major; linear weights are stored `[in, out]`). */
export interface NamedWeight {
  name: string;
  data: Float32Array;
  dims: number[];
}

/**
 * The seeded random weights of a BERT-architecture encoder, named as in
 * Hugging Face checkpoints (`embeddings.word_embeddings.weight`,
 * `encoder.layer.{i}.attention.self.query.weight`, ...), in a fixed order.
 * Linear weights are `[in, out]` (ready for MatMul), unlike PyTorch's `[out, in]`.
 * Matrices are N(0, 0.02); LayerNorm scales 1 + N(0, 0.1); biases N(0, 0.02).
 */
export function* bertWeights(shape: ModelShape): Generator<NamedWeight> {
  const rng = new Prng(shape.seed);
  const h = shape.hiddenSize;
  const normal = (name: string, dims: number[], std = 0.02, mean = 0): NamedWeight => ({
    name,
    dims,
    data: rng.fillNormal(new Float32Array(dims.reduce((a, b) => a * b, 1)), std, mean),
  });
  const layerNorm = function* (prefix: string): Generator<NamedWeight> {
    yield normal(`${prefix}.weight`, [h], 0.1, 1);
    yield normal(`${prefix}.bias`, [h], 0.02);
  };
  const linear = function* (prefix: string, inSize: number, outSize: number): Generator<NamedWeight> {
    yield normal(`${prefix}.weight`, [inSize, outSize]);
    yield normal(`${prefix}.bias`, [outSize]);
  };
  yield normal("embeddings.word_embeddings.weight", [shape.vocabSize, h]);
  yield normal("embeddings.position_embeddings.weight", [shape.positionRows, h]);
  yield normal("embeddings.token_type_embeddings.weight", [shape.typeRows, h]);
  yield* layerNorm("embeddings.LayerNorm");
  for (let i = 0; i < shape.layers; i++) {
    const p = `encoder.layer.${i}`;
    yield* linear(`${p}.attention.self.query`, h, h);
    yield* linear(`${p}.attention.self.key`, h, h);
    yield* linear(`${p}.attention.self.value`, h, h);
    yield* linear(`${p}.attention.output.dense`, h, h);
    yield* layerNorm(`${p}.attention.output.LayerNorm`);
    yield* linear(`${p}.intermediate.dense`, h, shape.intermediateSize);
    yield* linear(`${p}.output.dense`, shape.intermediateSize, h);
    yield* layerNorm(`${p}.output.LayerNorm`);
  }
}
