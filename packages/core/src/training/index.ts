export { Adagrad } from "./adagrad.js";
export { Adam } from "./adam.js";
export { assertFiniteLoss } from "./assert-finite-loss.js";
export { Checkpoint } from "./checkpoint.js";
export { createOptimizer } from "./create-optimizer.js";
export { EarlyStopping, type EarlyStoppingOptions } from "./early-stopping.js";
export {
  checkGradients,
  type GradientCheckOptions,
  type GradientCheckReport,
  type GradientProbe,
} from "./gradient-check.js";
export { type Feed, GraphRunner } from "./graph-runner.js";
export {
  type Optimizer,
  type OptimizerConfig,
  type OptimizerConfigInput,
  optimizerConfigSchema,
} from "./optimizer.js";
export { Parameter } from "./parameter.js";
export { Prng } from "./prng.js";
export { Sgd } from "./sgd.js";
