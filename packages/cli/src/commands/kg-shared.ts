import type { KnowledgeGraph } from "@knowfuse/core";
import { ValidationError } from "@knowfuse/core";
import { createImporterRegistry, type ImportReport } from "@knowfuse/kg";
import type { CommandContext, CommandOptions, OptionValues } from "../command.js";
import { openStore } from "../open-store.js";
import { progressBar } from "../progress-bar.js";

/** The `--store` option every kg command takes. */
export const storeOption: CommandOptions = { store: { type: "string" } };

/** Help for {@link storeOption}. */
export const storeHelp = {
  store: "SQLite file, :memory: or neo4j://host (default: $KNOWFUSE_STORE or .cache/kg.db)",
};

/** Reads a string flag. */
export function stringFlag(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === "string" ? v : undefined;
}

/** Reads a numeric flag, failing with a ValidationError that names the flag and what is allowed. */
export function numberFlag(values: OptionValues, name: string, fallback: number, integer = false): number {
  const raw = stringFlag(values, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < 0) {
    const allowed = integer ? "a non-negative integer" : "a non-negative number";
    throw new ValidationError(`--${name}: expected ${allowed}, got ${JSON.stringify(raw)}`, [
      { path: [`--${name}`], message: allowed },
    ]);
  }
  return n;
}

/** Opens the store of `--store` (created only when `create`, as imports do), runs `fn`, and closes it. */
export async function withStore<T>(
  values: OptionValues,
  fn: (kg: KnowledgeGraph) => Promise<T>,
  create = false,
): Promise<T> {
  const kg = await openStore(stringFlag(values, "store"), { create });
  try {
    return await fn(kg);
  } finally {
    await kg.close();
  }
}

/**
 * Runs a registered importer with options from the command line against
 * `--store`, drawing the progress bar on stderr and printing the report as JSON.
 */
export async function runImportCommand(
  context: CommandContext,
  importer: string,
  options: Record<string, unknown>,
): Promise<number> {
  const configured = await createImporterRegistry().create(importer, {
    ...options,
    invalidLines: context.values["skip-invalid"] ? "skip" : "stop",
  });
  const bar = progressBar(context.stderr as NodeJS.WriteStream);
  let report: ImportReport;
  try {
    report = await withStore(context.values, (kg) => configured.run(kg, { onProgress: bar }), true);
  } finally {
    bar.done();
  }
  const { errors, ...summary } = report;
  context.stdout.write(`${JSON.stringify({ ...summary, errors: errors.map((e) => e.message) })}\n`);
  return 0;
}

/** Options shared by the import commands. */
export const importOptions: CommandOptions = {
  ...storeOption,
  source: { type: "string" },
  "skip-invalid": { type: "boolean" },
};

/** Help for {@link importOptions}. */
export const importHelp = {
  ...storeHelp,
  source: "source name recorded on every entity and relation",
  "skip-invalid": "skip and count malformed lines instead of stopping (stopping imports nothing)",
};
