import { ValidationError } from "@knowfuse/core";
import { defineCommand } from "../command.js";
import { numberFlag, storeHelp, storeOption, withStore } from "./kg-shared.js";

/** `knowfuse kg lookup`: lists the candidate entities of surface forms with their priors. */
export const kgLookupCommand = defineCommand({
  path: ["kg", "lookup"],
  summary: "list the candidate entities of one or more surface forms, with their priors",
  usage: 'kg lookup "<surface>"... [--store <s>] [--fuzzy] [--min-similarity x] [--limit n] [--json]',
  allowPositionals: true,
  options: {
    ...storeOption,
    fuzzy: { type: "boolean" },
    "min-similarity": { type: "string" },
    limit: { type: "string" },
    json: { type: "boolean" },
  },
  optionHelp: {
    ...storeHelp,
    fuzzy: "also match misspellings by character trigrams",
    "min-similarity": "minimum trigram similarity of fuzzy hits (default 0.5)",
    limit: "candidates per surface (default 20)",
    json: "print one JSON object per surface",
  },
  async run({ values, positionals, stdout }) {
    if (positionals.length === 0) {
      throw new ValidationError("kg lookup: give at least one surface form", [
        { path: ["<surface>"], message: "required" },
      ]);
    }
    const limit = numberFlag(values, "limit", 20, true);
    const minSimilarity = numberFlag(values, "min-similarity", 0.5);
    await withStore(values, async (kg) => {
      const lists = await kg.lookupCandidates(positionals, {
        limit,
        fuzzy: Boolean(values.fuzzy),
        minSimilarity,
      });
      const entities = await kg.getEntities([...new Set(lists.flat().map((c) => c.entityId))]);
      positionals.forEach((surface, i) => {
        const candidates = lists[i] ?? [];
        if (values.json) {
          const rows = candidates.map((c) => ({ ...c, label: entities.get(c.entityId)?.label }));
          stdout.write(`${JSON.stringify({ surface, candidates: rows })}\n`);
          return;
        }
        stdout.write(`${surface}: ${candidates.length} candidate${candidates.length === 1 ? "" : "s"}\n`);
        for (const c of candidates) {
          const e = entities.get(c.entityId);
          const key = e?.aliases.find((a) => a.text === c.alias)?.key;
          const facts = [
            `prior=${c.prior.toFixed(4)}`,
            c.fuzzy ? `similarity=${c.score.toFixed(3)}` : "",
            key ? `key=${key}` : "",
          ];
          const gloss = e?.description
            ? `  ${e.description.length > 70 ? `${e.description.slice(0, 67)}...` : e.description}`
            : "";
          stdout.write(`  ${c.entityId}  ${e?.label ?? ""}  ${facts.filter(Boolean).join(" ")}${gloss}\n`);
        }
      });
    });
    return 0;
  },
});
