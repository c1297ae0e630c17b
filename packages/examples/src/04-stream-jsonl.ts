// Example 04: a JSONL stream of documents through linking, the encoder and
// fusion, with the RxJS operators of @knowfuse/core.
//
// It builds a small store from the UMLS concept names, writes 200 UMLS concept
// descriptions as a JSONL file (plus one broken line), then streams it:
// `pullable(readJsonlDocuments(file)).pipe(enrich(pipeline))` reads the file
// only as fast as the encoder frees room, keeps input order, turns the broken
// line into an error record, and reports progress on `progress$`. A second run
// stops after 10 documents to show cancellation closing the stages.
//
//   node scripts/run-ts.mjs packages/examples/src/04-stream-jsonl.ts

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CachingKnowledgeGraph,
  createStreamPipeline,
  datasetPath,
  type EnrichedDocument,
  encoderStage,
  enrich,
  linkerStage,
  pullable,
  readJsonlDocuments,
  readLines,
  StreamProgress,
  type StreamResult,
} from "@knowfuse/core";
import { createEnrichedEncoder, createFusionMethod, ensureFixtureModel, loadEncoder } from "@knowfuse/fusion";
import { createJsonlImporter, openSqliteKnowledgeGraph } from "@knowfuse/kg";
import { GraphLinker } from "@knowfuse/linking";

const dir = await mkdtemp(join(tmpdir(), "knowfuse-example-04-"));
try {
  // 1. A store with the UMLS concept names as entities.
  const names: string[] = [];
  for await (const { text } of readLines(datasetPath("umls", "entity2text.txt"))) {
    const [id, label] = text.split("\t");
    if (id && label) names.push(JSON.stringify({ type: "entity", id, label }));
  }
  await writeFile(join(dir, "entities.jsonl"), names.join("\n"));
  const store = await openSqliteKnowledgeGraph({ path: join(dir, "kg.db") });
  await createJsonlImporter({ file: join(dir, "entities.jsonl"), source: "umls" }).run(store);

  // 2. The documents: concept descriptions, one JSON object per line, and one broken line.
  const docs: string[] = [];
  for await (const { text } of readLines(datasetPath("umls", "entity2textlong.txt"))) {
    const [id, description] = text.split("\t");
    if (id && description) docs.push(JSON.stringify({ id, text: description.slice(0, 400) }));
  }
  docs.splice(3, 0, '{"id": "broken", "text": ');
  const input = join(dir, "docs.jsonl");
  await writeFile(input, `${docs.join("\n")}\n`);

  // 3. The stages: link (through an LRU cache over the store), then encode + fuse.
  //    Each run closes its linker; the encoder and fusion are shared and closed at the end.
  const graph = new CachingKnowledgeGraph(store);
  const encoder = await loadEncoder(await ensureFixtureModel("tiny-bert"));
  const fusion = await createFusionMethod("none", { hiddenSize: encoder.hiddenSize });
  const enriched = await createEnrichedEncoder({ encoder, graph, fusion, embeddingSpace: "" });
  const makePipeline = async () =>
    createStreamPipeline(
      linkerStage(await GraphLinker.open({ store: graph })),
      encoderStage(enriched, { closeEncoder: false }),
    );

  // 4. Stream it: ordered results, error records in place, progress on progress$.
  const progress = new StreamProgress();
  let shown = 0;
  progress.progress$.subscribe((p) => {
    if (p.documents > 0 && p.documents % 50 === 0 && p.documents !== shown) {
      shown = p.documents;
      console.log(`  progress: ${p.documents} documents, ${p.links} links, ${p.inFlight} in flight`);
    }
  });
  const results = await new Promise<StreamResult<EnrichedDocument>[]>((resolve, reject) => {
    const all: StreamResult<EnrichedDocument>[] = [];
    makePipeline().then((pipeline) =>
      pullable(readJsonlDocuments(input))
        .pipe(enrich(pipeline, { batchSize: 16, maxInFlight: 64, progress }))
        .subscribe({ next: (r) => all.push(r), error: reject, complete: () => resolve(all) }),
    );
  });
  const p = progress.value;
  console.log(
    `streamed ${p.documents} documents (${p.errors} error record) with ${p.links} links in ${p.elapsed.toFixed(1)}s`,
  );
  for (const r of results.slice(0, 5)) {
    if (!r.ok) console.log(`  line ${r.line}: error ${r.error.code}: ${r.error.message}`);
    else {
      const linked = r.value.links
        .filter((l) => l.entityId !== null)
        .map((l) => `${l.mention.surface}→${l.entityId}`);
      console.log(
        `  line ${r.line} ${r.id}: ${r.value.tokens.length} word pieces; ${linked.slice(0, 4).join(", ")}`,
      );
    }
  }
  const cache = graph.cacheStats();
  console.log(`graph cache: entities ${cache.entities.hits} hits / ${cache.entities.misses} misses`);

  // 5. Cancellation: unsubscribing after 10 results stops reading and closes the stages.
  let received = 0;
  await new Promise<void>((resolve) => {
    makePipeline().then((pipeline) => {
      const subscription = pullable(readJsonlDocuments(input))
        .pipe(enrich(pipeline, { batchSize: 4 }))
        .subscribe(() => {
          received += 1;
          if (received === 10) {
            subscription.unsubscribe();
            pipeline.close().then(resolve);
          }
        });
    });
  });
  console.log(`cancelled after ${received} results; stages closed`);
  await enriched.close();
  await encoder.close();
  await store.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}
