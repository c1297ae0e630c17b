import { ValidationError } from "@knowfuse/core";
import { defineCommand } from "../command.js";
import { importHelp, importOptions, runImportCommand, stringFlag } from "./kg-shared.js";

/** `knowfuse kg import triples`: imports head<TAB>relation<TAB>tail files into a store. */
export const kgImportTriplesCommand = defineCommand({
  path: ["kg", "import", "triples"],
  summary: "import head<TAB>relation<TAB>tail files (WN18RR, FB15k-237, UMLS, ...)",
  usage:
    "kg import triples <file>... --source <name> [--store <s>] [--entity-text f] [--entity-text-format label|label-description] [--entity-description f] [--relation-text f] [--category c] [--id-prefix p] [--skip-invalid]",
  allowPositionals: true,
  options: {
    ...importOptions,
    "entity-text": { type: "string" },
    "entity-text-format": { type: "string" },
    "entity-description": { type: "string" },
    "relation-text": { type: "string" },
    category: { type: "string" },
    "id-prefix": { type: "string" },
  },
  optionHelp: {
    ...importHelp,
    "entity-text": "id<TAB>name file (names become labels and aliases)",
    "entity-text-format": 'label (default) or label-description ("lemma, definition" as in WN18RR)',
    "entity-description": "id<TAB>description file",
    "relation-text": "relation<TAB>words file",
    category: "linguistic | commonsense | factual | domain (default domain)",
    "id-prefix": "prefix for every entity id (e.g. umls:)",
  },
  run: (context) => {
    if (context.positionals.length === 0) {
      throw new ValidationError("kg import triples: give at least one triple file", [
        { path: ["<file>"], message: "required" },
      ]);
    }
    const v = context.values;
    return runImportCommand(context, "import.triples.v1", {
      files: context.positionals,
      entityText: stringFlag(v, "entity-text"),
      entityTextFormat: stringFlag(v, "entity-text-format"),
      entityDescription: stringFlag(v, "entity-description"),
      relationText: stringFlag(v, "relation-text"),
      category: stringFlag(v, "category"),
      source: stringFlag(v, "source"),
      idPrefix: stringFlag(v, "id-prefix"),
    });
  },
});
