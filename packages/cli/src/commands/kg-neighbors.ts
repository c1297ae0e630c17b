import { ValidationError } from "@knowfuse/core";
import { defineCommand } from "../command.js";
import { numberFlag, storeHelp, storeOption, withStore } from "./kg-shared.js";

/** `knowfuse kg neighbors`: prints the edges around entity ids. */
export const kgNeighborsCommand = defineCommand({
  path: ["kg", "neighbors"],
  summary: "print the edges around one or more entity ids",
  usage: "kg neighbors <id>... [--store <s>] [--hops n] [--relation r]... [--limit n] [--json]",
  allowPositionals: true,
  options: {
    ...storeOption,
    hops: { type: "string" },
    relation: { type: "string", multiple: true },
    limit: { type: "string" },
    json: { type: "boolean" },
  },
  optionHelp: {
    ...storeHelp,
    hops: "how many hops to expand (default 1)",
    relation: "keep only this relation (repeatable)",
    limit: "at most this many edges (default 100)",
    json: "print one JSON object per edge",
  },
  async run({ values, positionals, stdout }) {
    if (positionals.length === 0) {
      throw new ValidationError("kg neighbors: give at least one entity id", [
        { path: ["<id>"], message: "required" },
      ]);
    }
    const hops = numberFlag(values, "hops", 1, true);
    const limit = numberFlag(values, "limit", 100, true);
    const relations = values.relation as string[] | undefined;
    await withStore(values, async (kg) => {
      const edges = await kg.neighbors(positionals, relations ? { hops, limit, relations } : { hops, limit });
      const labels = await kg.getEntities([...new Set(edges.flatMap((e) => [e.head, e.tail]))]);
      const name = (id: string) => (labels.get(id) ? `${id} (${labels.get(id)?.label})` : id);
      for (const e of edges) {
        stdout.write(
          values.json
            ? `${JSON.stringify(e)}\n`
            : `${name(e.head)} -${e.relation}-> ${name(e.tail)}  hop=${e.hop} weight=${e.weight}\n`,
        );
      }
      if (edges.length === 0 && !values.json) stdout.write("(no edges)\n");
    });
    return 0;
  },
});
