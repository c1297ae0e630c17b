import type { Command } from "../command.js";
import { modelGenerateCommand } from "./model-generate.js";
import { versionCommand } from "./version.js";

/** Every CLI command. Add a command by writing one file in this folder and listing it here. */
export const commands: readonly Command[] = [versionCommand, modelGenerateCommand];
