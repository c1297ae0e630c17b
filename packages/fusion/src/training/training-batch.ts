import { type FusionInput, floatTensor, type ort } from "@knowfuse/core";
import type { FusionLayer } from "../fusion-methods/fusion-layer.js";
import { packFusionInput } from "../fusion-methods/pack-fusion-input.js";
import { type LabelledTarget, poolingMatrix } from "../heads/pooling-matrix.js";
import type { TaskHead } from "../heads/task-head.js";

/**
 * One cached mini-batch for frozen-encoder training: the packed fusion inputs
 * (encoder states computed once) and the head's pooling matrix, one-hot labels
 * and weights. Built once and reused every epoch.
 */
export interface TrainingBatch {
  feeds: Record<string, ort.Tensor>;
  targets: LabelledTarget[];
  /** Mentions whose entity had no vector (text branch only). */
  fallbacks: number;
}

/**
 * Packs encoder states + aligned mentions + labelled targets into a
 * {@link TrainingBatch} for `layer` and `head`. Targets with label -1 get
 * weight 0 (they are predicted but do not count in the loss).
 */
export function makeTrainingBatch(
  layer: FusionLayer,
  head: TaskHead,
  input: FusionInput,
  targets: readonly LabelledTarget[],
): TrainingBatch {
  const [B = 0, T = 0] = input.hidden.dims;
  const packed = packFusionInput(input, layer.entityDim);
  const C = head.labels.length;
  const M = Math.max(targets.length, 1);
  const onehot = new Float32Array(M * C);
  const weight = new Float32Array(M);
  targets.forEach((t, i) => {
    if (t.label < 0) return;
    onehot[i * C + t.label] = 1;
    weight[i] = 1;
  });
  const feeds: Record<string, ort.Tensor> = {
    pool: floatTensor(poolingMatrix(head.kind, targets, B, T), [M, B * T]),
    onehot: floatTensor(onehot, [M, C]),
    weight: floatTensor(weight, [M]),
  };
  for (const name of layer.uses) feeds[name] = packed.feeds[name];
  return { feeds, targets: [...targets], fallbacks: packed.stats.mentionsWithoutVector };
}
