import { defineCommand } from "../command.js";
import { storeHelp, storeOption, withStore } from "./kg-shared.js";

/** `knowfuse kg stats`: prints a store's counts as JSON. */
export const kgStatsCommand = defineCommand({
  path: ["kg", "stats"],
  summary:
    "print a store's counts (entities, relations, aliases, by category, source and relation, embedding spaces)",
  usage: "kg stats [--store <s>]",
  options: storeOption,
  optionHelp: storeHelp,
  async run({ values, stdout }) {
    const stats = await withStore(values, (kg) => kg.stats());
    stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
    return 0;
  },
});
