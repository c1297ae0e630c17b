// Linking against your own domain graph: import the UMLS semantic network
// (concept names, long descriptions and relations, as distributed with the
// KG-BERT benchmarks) into an in-memory SQLite store, or your own JSONL graph
// (one {"type":"entity",...} or {"type":"relation",...} per line), and link a
// sentence. No WordNet is involved: the linker works with any store.
//
//   node scripts/run-ts.mjs packages/examples/src/02-domain-graph.ts [graph.jsonl "sentence"]

import { datasetPath } from "@knowfuse/core";
import { createJsonlImporter, createTriplesImporter, openSqliteKnowledgeGraph } from "@knowfuse/kg";
import { GraphLinker } from "@knowfuse/linking";

const [jsonl, sentence] = process.argv.slice(2);
const kg = await openSqliteKnowledgeGraph({ path: ":memory:" });
const importer = jsonl
  ? createJsonlImporter({ file: jsonl })
  : createTriplesImporter({
      files: [datasetPath("umls", "train.tsv")],
      entityText: datasetPath("umls", "entity2text.txt"),
      entityDescription: datasetPath("umls", "entity2textlong.txt"),
      category: "domain",
      source: "umls",
      idPrefix: "umls:",
    });
const report = await importer.run(kg);
console.log(`imported ${report.entities} entities and ${report.relations} relations from ${report.source}`);

const linker = await GraphLinker.open({ store: kg, cacheDir: false });
const text =
  sentence ??
  "A virus can cause a disease or syndrome in a mammal; a pharmacologic substance or an antibiotic may treat the bacterium.";
const [doc] = await linker.link([{ id: "1", text }]);
console.log(`\n${text}\n`);
for (const l of doc!.links) {
  const target =
    l.entityId === null ? `NIL (${l.mention.entityType ?? "no candidate"})` : `${l.entityId} "${l.label}"`;
  const evidence = Object.entries(l.evidence)
    .map(([k, v]) => `${k}=${v.toFixed(2)}`)
    .join(" ");
  console.log(
    `  ${JSON.stringify(l.mention.surface).padEnd(26)} -> ${target}  score=${l.score.toFixed(2)}  ${evidence}`,
  );
}
await linker.close();
await kg.close();
