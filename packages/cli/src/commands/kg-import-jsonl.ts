import { ValidationError } from "@knowfuse/core";
import { defineCommand } from "../command.js";
import { importHelp, importOptions, runImportCommand, stringFlag } from "./kg-shared.js";

/** `knowfuse kg import jsonl`: imports a user graph of JSONL entity and relation lines into a store. */
export const kgImportJsonlCommand = defineCommand({
  path: ["kg", "import", "jsonl"],
  summary: 'import your own graph: JSONL lines {"type":"entity",...} / {"type":"relation",...}',
  usage: "kg import jsonl <file> [--store <s>] [--source <name>] [--category c] [--skip-invalid]",
  allowPositionals: true,
  options: { ...importOptions, category: { type: "string" } },
  optionHelp: { ...importHelp, category: "category of entities that name none (default domain)" },
  run: (context) => {
    if (context.positionals.length !== 1) {
      throw new ValidationError("kg import jsonl: give exactly one file", [
        { path: ["<file>"], message: "one file" },
      ]);
    }
    return runImportCommand(context, "import.jsonl.v1", {
      file: context.positionals[0],
      source: stringFlag(context.values, "source"),
      category: stringFlag(context.values, "category"),
    });
  },
});
