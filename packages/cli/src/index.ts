/**
 * @packageDocumentation
 * The knowfuse command line, usable programmatically through {@link main}.
 */
export { type Command, type CommandContext, defineCommand } from "./command.js";
export { commands } from "./commands/index.js";
export { main } from "./main.js";
export { progressBar } from "./progress-bar.js";
