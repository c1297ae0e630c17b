// Fusion adapters: with the encoder frozen (the generated tiny BERT, random
// weights), train each fusion method's adapter plus a mention-typing head on
// WordNet supersense tagging (Senseval-2 instances, label = the lexicographer
// file of the gold sense), evaluate on SemEval-2015, and compare with the bare
// encoder. Entity vectors come from the store's embedding space (by default
// deterministic WordNet hypernym features, computed on first use). Then save the
// ERNIE adapter and reload it bit for bit.
//
//   node scripts/run-ts.mjs packages/examples/src/05-fusion-adapter.ts [store.db]
//
// The store defaults to .cache/kg.db; WordNet 3.1 is imported into it first if it is empty (about a minute).

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { evaluateSupersense } from "@knowfuse/cli";
import { cachePath, datasetPath } from "@knowfuse/core";
import { loadAdapter } from "@knowfuse/fusion";
import { createWordnetImporter, openSqliteKnowledgeGraph } from "@knowfuse/kg";
import { readGoldKeys } from "@knowfuse/linking";

const storePath = process.argv[2] ?? process.env.KNOWFUSE_STORE ?? cachePath("kg.db");
const kg = await openSqliteKnowledgeGraph({ path: storePath });
if ((await kg.stats()).entities === 0) {
  console.log(`importing WordNet 3.1 into ${storePath} ...`);
  await createWordnetImporter().run(kg);
}

const corpus = (name: string) => ({
  xml: datasetPath("wsd", `${name}.data.xml`),
  gold: readGoldKeys(datasetPath("wsd", `${name}.gold.key.txt`)),
});
const train = corpus("senseval2");
const test = corpus("semeval2015");

console.log("supersense tagging, train Senseval-2, test SemEval-2015 (frozen random-weight tiny BERT)\n");
console.log("fusion            accuracy  macro-F1  best epoch");
const dir = await mkdtemp(join(tmpdir(), "knowfuse-adapter-"));
for (const fusion of ["none", "concat", "ernie", "kar"]) {
  const save = fusion === "ernie" ? join(dir, "ernie") : undefined;
  const r = await evaluateSupersense({ kg, train, test, fusion, epochs: 30, ...(save ? { save } : {}) });
  console.log(
    `${r.fusion.padEnd(17)} ${(100 * r.accuracy).toFixed(1).padStart(7)}%  ${(100 * r.macro_f1).toFixed(1).padStart(7)}%  ${String(r.best_epoch).padStart(10)}`,
  );
}

const adapter = await loadAdapter(join(dir, "ernie"));
const weights = [...adapter.layer.params, ...adapter.head.params].reduce((n, p) => n + p.size, 0);
console.log(
  `\nreloaded ${adapter.layer.kind} + ${adapter.head.kind} head (${adapter.head.labels.length} labels, ${weights} weights) from ${join(dir, "ernie")}`,
);
await rm(dir, { recursive: true, force: true });
await kg.close();
