import { z } from "zod";
import type { Parameter } from "./parameter.js";

/**
 * Updates parameters in place from their `grad` buffers. Implementations keep
 * their per-parameter state (moments, accumulators) keyed by the parameter.
 */
export interface Optimizer {
  /** Applies one update to every parameter from its current gradient. */
  step(params: readonly Parameter[]): void;
  /** The current learning rate (may be changed between steps, e.g. by a schedule). */
  lr: number;
}

/** Options of the built-in optimisers, validated at the boundary with {@link optimizerConfigSchema}. */
export const optimizerConfigSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("sgd"),
    lr: z.number().positive(),
    momentum: z.number().min(0).max(1).default(0),
    weightDecay: z.number().min(0).default(0),
  }),
  z.object({
    type: z.literal("adagrad"),
    lr: z.number().positive(),
    eps: z.number().positive().default(1e-10),
    initialAccumulator: z.number().min(0).default(0),
    weightDecay: z.number().min(0).default(0),
  }),
  z.object({
    type: z.literal("adam"),
    lr: z.number().positive(),
    beta1: z.number().min(0).max(1).default(0.9),
    beta2: z.number().min(0).max(1).default(0.999),
    eps: z.number().positive().default(1e-8),
    weightDecay: z.number().min(0).default(0),
  }),
]);

/** A validated optimiser configuration. */
export type OptimizerConfig = z.output<typeof optimizerConfigSchema>;
/** An optimiser configuration as written by users (defaults optional). */
export type OptimizerConfigInput = z.input<typeof optimizerConfigSchema>;
