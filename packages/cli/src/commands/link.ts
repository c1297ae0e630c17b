import { ValidationError } from "@knowfuse/core";
import { GraphLinker } from "@knowfuse/linking";
import { defineCommand } from "../command.js";
import { progressBar } from "../progress-bar.js";
import { numberFlag, storeHelp, storeOption, withStore } from "./kg-shared.js";

/** `knowfuse link "<text>"`: finds the mentions in a text and links them to the store's entities. */
export const linkCommand = defineCommand({
  path: ["link"],
  summary: "find the mentions in a text and link them to the graph's entities (score and evidence per link)",
  usage: 'link "<text>"... [--store <s>] [--max-candidates n] [--threshold x] [--json]',
  allowPositionals: true,
  options: {
    ...storeOption,
    "max-candidates": { type: "string" },
    threshold: { type: "string" },
    json: { type: "boolean" },
  },
  optionHelp: {
    ...storeHelp,
    "max-candidates": "candidates kept per mention (default 10)",
    threshold: "a link whose probability is below this is NIL (default 0)",
    json: "print one JSON object (core Link) per link",
  },
  async run({ values, positionals, stdout, stderr }) {
    if (positionals.length === 0) {
      throw new ValidationError('link: give the text to link, e.g. link "The pet store sold a dog."', [
        { path: ["<text>"], message: "required" },
      ]);
    }
    const maxCandidates = numberFlag(values, "max-candidates", 10, true);
    const threshold = numberFlag(values, "threshold", 0);
    await withStore(values, async (store) => {
      const bar = progressBar(stderr as NodeJS.WriteStream);
      const linker = await GraphLinker.open({ store, maxCandidates, threshold, onProgress: bar });
      bar.done();
      try {
        const docs = await linker.link(positionals.map((text, i) => ({ id: String(i + 1), text })));
        for (const doc of docs) {
          if (values.json) {
            for (const link of doc.links)
              stdout.write(`${JSON.stringify({ document: doc.document.id, ...link })}\n`);
            continue;
          }
          if (docs.length > 1) stdout.write(`[${doc.document.id}] ${doc.document.text}\n`);
          if (doc.links.length === 0) stdout.write("  (no mentions)\n");
          for (const l of doc.links) {
            const where = `${l.mention.start}-${l.mention.end}`.padEnd(9);
            const surface = JSON.stringify(l.mention.surface).padEnd(22);
            const target =
              l.entityId === null
                ? `NIL${l.mention.entityType ? ` (${l.mention.entityType})` : ""}`
                : `${l.entityId} ${l.label ?? ""}`;
            const evidence = Object.entries(l.evidence)
              .filter(([k]) => k !== "probability")
              .map(([k, v]) => `${k}=${v.toFixed(2)}`)
              .join(" ");
            stdout.write(`  ${where} ${surface} ${target}  score=${l.score.toFixed(3)} ${evidence}\n`);
          }
        }
      } finally {
        await linker.close();
      }
    });
    return 0;
  },
});
