import { optimizerConfigSchema } from "@knowfuse/core";
import { z } from "zod";

/**
 * Training settings of {@link KgeTrainer}, validated at the boundary. Defaults
 * follow the 1-vs-all recipe of Ruffinelli et al. (2020, "You CAN teach an old
 * dog new tricks"): reciprocal relations, cross-entropy over all entities,
 * Adagrad, N3 on the batch's embeddings, dropout on the query.
 */
export const KgeTrainingOptionsSchema = z.object({
  /** "1vsall" (any model) or "negative-sampling" (TransE, RotatE; self-adversarial). */
  objective: z.enum(["1vsall", "negative-sampling"]).default("1vsall"),
  epochs: z.number().int().positive().default(100),
  /** Stop after this many seconds of training (the current batch finishes, then validation runs). */
  timeBudget: z.number().positive().optional(),
  batchSize: z.number().int().positive().default(1024),
  optimizer: optimizerConfigSchema.default({
    type: "adagrad",
    lr: 0.2,
    eps: 1e-10,
    initialAccumulator: 0,
    weightDecay: 0,
  }),
  regularizer: z.enum(["n3", "l2", "none"]).default("n3"),
  /** Regulariser weight (divided by the batch size, as in Lacroix et al. 2018). */
  regWeight: z.number().min(0).default(0.05),
  /** Dropout on the query vector (1-vs-all only). */
  dropout: z.number().min(0).lt(1).default(0),
  /** Negatives per positive (negative sampling). */
  negatives: z.number().int().positive().default(256),
  /** Margin γ (negative sampling). */
  gamma: z.number().positive().default(6),
  /** Self-adversarial temperature α (negative sampling; 0 = uniform weights). */
  adversarialTemperature: z.number().min(0).default(1),
  /** Standard deviation of the initial values (default: the model's). */
  initScale: z.number().positive().optional(),
  seed: z.number().int().default(0),
  /** Validate every this many epochs (when validation triples are given). */
  evalEvery: z.number().int().positive().default(1),
  /** Validations without improvement before stopping early. */
  patience: z.number().int().positive().default(5),
  /** Validate on at most this many validation triples (a fixed, seeded sample); all by default. */
  validLimit: z.number().int().positive().optional(),
  /** onnxruntime intra-op threads (default: all cores). */
  threads: z.number().int().positive().optional(),
});

/** Validated training settings. */
export type KgeTrainingOptions = z.output<typeof KgeTrainingOptionsSchema>;
/** Training settings as written by users (defaults optional). */
export type KgeTrainingOptionsInput = z.input<typeof KgeTrainingOptionsSchema>;
