import { parseArgs } from "node:util";
import { isKnowfuseError } from "@knowfuse/core";
import type { Command } from "./command.js";
import { commands } from "./commands/index.js";

function findCommand(argv: readonly string[]): { command: Command; rest: string[] } | undefined {
  let best: Command | undefined;
  for (const command of commands) {
    const matches = command.path.every((word, i) => argv[i] === word);
    if (matches && (!best || command.path.length > best.path.length)) best = command;
  }
  return best ? { command: best, rest: argv.slice(best.path.length) } : undefined;
}

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.path.join(" ").length));
  const lines = commands.map((c) => `  ${c.path.join(" ").padEnd(width)}  ${c.summary}`);
  return `knowfuse: knowledge-aware language models\n\nusage: knowfuse <command> [options]\n\ncommands:\n${lines.join("\n")}\n\nRun \`knowfuse <command> --help\` for a command's options.\n`;
}

function commandHelp(command: Command): string {
  const opts = Object.entries(command.options).map(([name, o]) => {
    const flag = `--${name}${o.type === "string" ? " <value>" : ""}`;
    return `  ${flag.padEnd(28)} ${command.optionHelp?.[name] ?? ""}`;
  });
  return `usage: knowfuse ${command.usage}\n\n${command.summary}\n${opts.length ? `\noptions:\n${opts.join("\n")}\n` : ""}`;
}

/**
 * Runs the CLI on `argv` (without node and script) and resolves to the exit
 * code. Typed knowfuse errors print their message; anything else prints its stack.
 */
export async function main(argv: readonly string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    process.stdout.write(helpText());
    return argv.length === 0 ? 2 : 0;
  }
  const found = findCommand(argv);
  if (!found) {
    process.stderr.write(`knowfuse: unknown command "${argv.join(" ")}"\n\n${helpText()}`);
    return 2;
  }
  const { command, rest } = found;
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(commandHelp(command));
    return 0;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: command.options,
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
  } catch (err) {
    process.stderr.write(
      `knowfuse ${command.path.join(" ")}: ${(err as Error).message}\n\n${commandHelp(command)}`,
    );
    return 2;
  }
  try {
    return await command.run({
      values: parsed.values as Record<string, string | boolean | string[] | boolean[] | undefined>,
      positionals: parsed.positionals,
      stdout: process.stdout,
      stderr: process.stderr,
    });
  } catch (err) {
    if (isKnowfuseError(err)) {
      process.stderr.write(`knowfuse ${command.path.join(" ")}: [${err.code}] ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
