/**
 * @packageDocumentation
 * The knowfuse command line, usable programmatically through {@link main}.
 */
export { type Command, type CommandContext, defineCommand } from "./command.js";
export {
  evaluateSupersense,
  type SupersenseEvalOptions,
  type SupersenseEvalResult,
  supersenseOfKey,
} from "./commands/eval-supersense.js";
export { commands } from "./commands/index.js";
export { main } from "./main.js";
export { progressBar } from "./progress-bar.js";
