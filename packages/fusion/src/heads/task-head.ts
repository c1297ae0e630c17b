import { Parameter, Prng } from "@knowfuse/core";
import { z } from "zod";

/**
 * What a head predicts from: one label per text ("sequence", mean of its token
 * states), per labelled span's first word piece ("token"), or per labelled
 * span's mean word-piece state ("mention", entity/mention typing).
 */
export const headKindSchema = z.enum(["sequence", "token", "mention"]);

/** A head kind. */
export type HeadKind = z.infer<typeof headKindSchema>;

/** Options of a task head. */
export const taskHeadOptionsSchema = z.object({
  kind: headKindSchema,
  hiddenSize: z.number().int().positive(),
  /** Label names, in class-index order. */
  labels: z.array(z.string()).min(2),
  seed: z.number().int().default(1),
});

/** Options of a task head as written by users. */
export type TaskHeadOptions = z.input<typeof taskHeadOptionsSchema>;

/**
 * A linear classification head over pooled token states:
 * `logits = (P X) W + b`, where the pooling matrix `P` (built from the head kind)
 * picks or averages rows of the fused states `X`.
 */
export interface TaskHead {
  readonly kind: HeadKind;
  readonly hiddenSize: number;
  readonly labels: readonly string[];
  /** The validated options (saved with the weights). */
  readonly options: z.output<typeof taskHeadOptionsSchema>;
  /** `head.w` `[hidden, classes]` and `head.b` `[classes]`. */
  readonly params: readonly Parameter[];
}

/** Creates a head with small seeded random weights. */
export function createTaskHead(options: TaskHeadOptions): TaskHead {
  const o = taskHeadOptionsSchema.parse(options);
  const C = o.labels.length;
  const w = new Parameter("head.w", [o.hiddenSize, C]).initNormal(
    new Prng(o.seed),
    1 / Math.sqrt(o.hiddenSize),
  );
  const b = new Parameter("head.b", [C]);
  return { kind: o.kind, hiddenSize: o.hiddenSize, labels: o.labels, options: o, params: [w, b] };
}
