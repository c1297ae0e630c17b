import { ValidationError } from "@knowfuse/core";
import { defineCommand } from "../command.js";
import { importHelp, importOptions, runImportCommand, stringFlag } from "./kg-shared.js";

/** `knowfuse kg import conceptnet`: imports ConceptNet phrase triples into a store. */
export const kgImportConceptnetCommand = defineCommand({
  path: ["kg", "import", "conceptnet"],
  summary: "import ConceptNet phrase triples (e.g. conceptnet100k/train.txt) as commonsense knowledge",
  usage: "kg import conceptnet <file> [--store <s>] [--source <name>] [--id-prefix p] [--skip-invalid]",
  allowPositionals: true,
  options: { ...importOptions, "id-prefix": { type: "string" } },
  optionHelp: { ...importHelp, "id-prefix": "prefix of entity ids (default cn:)" },
  run: (context) => {
    if (context.positionals.length !== 1) {
      throw new ValidationError("kg import conceptnet: give exactly one file", [
        { path: ["<file>"], message: "one file" },
      ]);
    }
    return runImportCommand(context, "import.conceptnet.v1", {
      file: context.positionals[0],
      source: stringFlag(context.values, "source"),
      idPrefix: stringFlag(context.values, "id-prefix"),
    });
  },
});
