// Graph embeddings: train ComplEx on the UMLS semantic network for a few
// seconds, check it on the held-out dev triples (filtered MRR), save and reload
// the model file, then list the nearest neighbours of a few concepts.
//
//   node scripts/run-ts.mjs packages/examples/src/03-graph-embeddings.ts

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { datasetPath, Prng, readLines } from "@knowfuse/core";
import {
  evaluateLinkPrediction,
  KgeEmbeddings,
  KgeTrainer,
  KgeVocabulary,
  loadKgeModel,
  readTripleFile,
  resolveKgeModel,
  saveKgeModel,
} from "@knowfuse/kg";
import { cosine } from "@knowfuse/linking";

const vocab = new KgeVocabulary();
const train = (await readTripleFile(datasetPath("umls", "train.tsv"), vocab, true)).triples;
const dev = (await readTripleFile(datasetPath("umls", "dev.tsv"), vocab, false)).triples;
console.log(
  `UMLS: ${vocab.entities.length} concepts, ${vocab.relations.length} relations, ${train.count} training triples`,
);

const embeddings = KgeEmbeddings.create(await resolveKgeModel("kge.complex.v1"), 64, vocab, new Prng(0));
const result = await new KgeTrainer(embeddings, {
  epochs: 10,
  batchSize: 256,
  optimizer: { type: "adagrad", lr: 0.3 },
  regularizer: "n3",
  regWeight: 0.005,
  dropout: 0.2,
  seed: 0,
}).fit(train, dev);
console.log(
  `trained ${result.history.length} epochs in ${result.seconds.toFixed(1)}s; best dev MRR ${result.bestValidMrr.toFixed(3)} (epoch ${result.bestEpoch})`,
);

const dir = await mkdtemp(join(tmpdir(), "knowfuse-example-"));
const file = join(dir, "umls-complex.kge");
await saveKgeModel(file, embeddings);
const reloaded = await loadKgeModel(file);
const check = await evaluateLinkPrediction(reloaded, dev, { filter: [train, dev] });
console.log(
  `reloaded ${file}: dev MRR ${check.mrr.toFixed(3)}, Hits@1 ${check.hits1.toFixed(3)}, Hits@10 ${check.hits10.toFixed(3)}`,
);
await rm(dir, { recursive: true, force: true });

const names = new Map<string, string>();
for await (const { text } of readLines(datasetPath("umls", "entity2text.txt"))) {
  const [id, name] = text.split("\t");
  if (id && name) names.set(id, name);
}

console.log("\nnearest neighbours by cosine similarity of the entity vectors:");
console.log(`${"concept".padEnd(28)} | neighbours (similarity)`);
console.log(`${"-".repeat(28)}-|-${"-".repeat(80)}`);
for (const concept of ["virus", "mammal", "pharmacologic_substance", "disease_or_syndrome", "cell"]) {
  const v = reloaded.entityVector(concept);
  if (!v) continue;
  const ranked = reloaded.vocab.entities
    .filter((e) => e !== concept)
    .map((e) => [e, cosine(v, reloaded.entityVector(e)!)] as const)
    .sort((x, y) => y[1] - x[1])
    .slice(0, 3)
    .map(([e, s]) => `${names.get(e) ?? e} (${s.toFixed(2)})`);
  console.log(`${(names.get(concept) ?? concept).padEnd(28)} | ${ranked.join(", ")}`);
}
