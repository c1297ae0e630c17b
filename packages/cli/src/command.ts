import type { ParseArgsConfig } from "node:util";

/** Option declarations in node:util `parseArgs` form, plus a help text per option. */
export type CommandOptions = NonNullable<ParseArgsConfig["options"]>;

/** Values parsed for a command's options. */
export type OptionValues = Record<string, string | boolean | string[] | boolean[] | undefined>;

/** What a command receives when it runs. */
export interface CommandContext {
  /** Parsed option values. */
  values: OptionValues;
  /** Positional arguments after the command path. */
  positionals: string[];
  /** Standard output (results). */
  stdout: NodeJS.WritableStream;
  /** Standard error (progress, diagnostics). */
  stderr: NodeJS.WritableStream;
}

/**
 * One CLI command: the words that name it (`["kg", "import", "wordnet"]`), its
 * usage line, options, and the function that runs it. Each command is one file
 * in `commands/`, listed in `commands/index.ts`.
 */
export interface Command {
  path: readonly string[];
  summary: string;
  usage: string;
  options: CommandOptions;
  /** Help for each option, keyed by option name. */
  optionHelp?: Record<string, string>;
  allowPositionals?: boolean;
  /** Runs the command; resolves to the exit code. */
  run(context: CommandContext): Promise<number>;
}

/** Declares a command (a typed identity, for inference). */
export function defineCommand(command: Command): Command {
  return command;
}
