import { parseWith } from "../registry/parse-with.js";
import { Adagrad } from "./adagrad.js";
import { Adam } from "./adam.js";
import { type Optimizer, type OptimizerConfigInput, optimizerConfigSchema } from "./optimizer.js";
import { Sgd } from "./sgd.js";

/**
 * Builds an optimiser from a config (validated; a bad field is a ValidationError naming it).
 *
 * @example
 * ```ts
 * const opt = createOptimizer({ type: "adagrad", lr: 0.1 });
 * opt.step(params);
 * ```
 */
export function createOptimizer(config: OptimizerConfigInput): Optimizer {
  const c = parseWith(optimizerConfigSchema, config, "optimizer", "INVALID_CONFIG");
  switch (c.type) {
    case "sgd":
      return new Sgd(c.lr, c.momentum, c.weightDecay);
    case "adagrad":
      return new Adagrad(c.lr, c.eps, c.initialAccumulator, c.weightDecay);
    case "adam":
      return new Adam(c.lr, c.beta1, c.beta2, c.eps, c.weightDecay);
  }
}
