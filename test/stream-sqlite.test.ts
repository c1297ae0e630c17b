// The stream operators and the graph cache against the real SQLite store, on
// the real UMLS slice (entity names as aliases, long descriptions as documents).
import { readFileSync } from "node:fs";
import {
  CachingKnowledgeGraph,
  createStreamPipeline,
  type Document,
  datasetPath,
  defineStage,
  type Entity,
  embeddingStage,
  enrichIterable,
  type KnowledgeGraph,
  type Link,
  processAll,
  StreamProgress,
} from "@knowfuse/core";
import { openSqliteKnowledgeGraph } from "@knowfuse/kg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

function readTsv(file: string): string[][] {
  return readFileSync(datasetPath("umls", file), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => l.split("\t"));
}

const names = readTsv("entity2text.txt");
const documents: Document[] = readTsv("entity2textlong.txt").map(([id, text]) => ({ id: id!, text: text! }));

/** A simple real linking stage: every word and word pair that is an alias of the store becomes a link. */
function lookupStage(graph: KnowledgeGraph) {
  return defineStage<Document, { id: string; tokens: string[]; links: Link[] }>(
    "lookup",
    async (batch) => {
      const perDoc = batch.map((doc) => {
        const words = [...doc.text.matchAll(/[A-Za-z]+/g)];
        const spans: { start: number; end: number; surface: string }[] = [];
        words.forEach((w, i) => {
          spans.push({ start: w.index, end: w.index + w[0].length, surface: w[0] });
          const next = words[i + 1];
          if (next)
            spans.push({ start: w.index, end: next.index + next[0].length, surface: `${w[0]} ${next[0]}` });
        });
        return { doc, words: words.map((w) => w[0]), spans };
      });
      const surfaces = perDoc.flatMap((d) => d.spans.map((s) => s.surface));
      const candidates = await graph.lookupCandidates(surfaces, { limit: 3 });
      let k = 0;
      return perDoc.map(({ doc, words, spans }) => {
        const links: Link[] = [];
        for (const span of spans) {
          const best = candidates[k++]?.[0];
          if (best) {
            links.push({
              mention: span,
              entityId: best.entityId,
              score: best.score,
              evidence: {},
              candidates: [],
            });
          }
        }
        return { id: doc.id, tokens: words, links };
      });
    },
    { concurrency: 2 },
  );
}

let store: KnowledgeGraph;

beforeEach(async () => {
  store = await openSqliteKnowledgeGraph({ path: ":memory:" });
  const entities: Entity[] = names.map(([id, label]) => ({
    id: id!,
    label: label!,
    aliases: [{ text: label! }],
    types: [],
    category: "domain",
    source: "umls",
  }));
  await store.upsertEntities(entities);
  const vectors = entities.map((e, i) => [e.id, Float32Array.from([i, i + 1, i + 2, i + 3])] as const);
  await store.putEmbeddings({ name: "toy", dim: 4 }, vectors);
});

afterEach(async () => {
  await store.close();
});

describe("streaming over the real SQLite store (UMLS)", () => {
  it("links real documents, fetches embeddings, and serves repeating surfaces from the cache", async () => {
    const cached = new CachingKnowledgeGraph(store);
    const progress = new StreamProgress();
    const pipeline = createStreamPipeline(lookupStage(cached), embeddingStage(cached, "toy"));
    const results = await processAll(documents, pipeline, { batchSize: 8, progress, closeStages: false });
    expect(results).toHaveLength(documents.length);
    expect(results.every((r) => r.ok)).toBe(true);
    const virus = results.find((r) => r.id === "virus");
    expect(virus?.ok).toBe(true);
    if (virus?.ok) {
      expect(virus.value.links.map((l) => l.entityId)).toContain("virus");
      const vector = virus.value.embeddings.get("virus");
      expect(vector).toBeDefined();
      expect(Array.from(vector!)).toEqual(
        Array.from((await store.getEmbeddings("toy", ["virus"])).get("virus")!),
      );
    }
    const stats = cached.cacheStats();
    // Every surface is asked once; words that repeat across documents ("the", "virus") are hits.
    const surfaces = documents.flatMap((d) => {
      const words = d.text.match(/[A-Za-z]+/g) ?? [];
      return [...words, ...words.slice(1).map((w, i) => `${words[i]} ${w}`)];
    });
    expect(stats.candidates.hits + stats.candidates.misses).toBe(surfaces.length);
    expect(stats.candidates.hits).toBeGreaterThan(surfaces.length / 4);
    expect(stats.candidates.size).toBeLessThanOrEqual(new Set(surfaces).size);
    expect(stats.embeddings.hits + stats.embeddings.misses).toBeGreaterThan(0);
    expect(progress.value.links).toBe(results.reduce((n, r) => n + (r.ok ? r.value.links.length : 0), 0));
    // The cache answers exactly as the store does.
    const direct = await store.lookupCandidates(["virus", "cell", "no such alias"], { limit: 3 });
    expect(await cached.lookupCandidates(["virus", "cell", "no such alias"], { limit: 3 })).toEqual(direct);
  });

  it("turns every document after the store disappears into a typed error record and ends cleanly", async () => {
    let batches = 0;
    const lookup = lookupStage(store);
    const closing = defineStage<Document, Document>("close-after-two-batches", async (batch) => {
      batches += 1;
      if (batches === 3) await store.close();
      return batch;
    });
    const results = await processAll(documents, createStreamPipeline(closing, lookup), {
      batchSize: 10,
      maxInFlight: 10,
      closeStages: false,
    });
    expect(results).toHaveLength(documents.length);
    const firstFailure = results.findIndex((r) => !r.ok);
    expect(firstFailure).toBeGreaterThanOrEqual(20);
    expect(results.slice(0, firstFailure).every((r) => r.ok)).toBe(true);
    for (const r of results.slice(firstFailure)) {
      expect(r).toMatchObject({ ok: false, stage: "lookup", error: { code: "STORE_UNAVAILABLE" } });
    }
  });

  it("closes the store behind a stage when the consumer stops early", async () => {
    const pipeline = createStreamPipeline(
      lookupStage(store),
      embeddingStage<{ id: string; tokens: string[]; links: Link[] }>(store, "toy", { closeGraph: true }),
    );
    let taken = 0;
    for await (const result of enrichIterable(documents, pipeline, { batchSize: 4 })) {
      expect(result.ok).toBe(true);
      taken += 1;
      if (taken === 3) break;
    }
    // The loop ends after the stages are closed: the connection is gone.
    await expect(store.lookupCandidates(["virus"])).rejects.toMatchObject({ code: "STORE_UNAVAILABLE" });
  });

  it("invalidates the cache on writes through it", async () => {
    const cached = new CachingKnowledgeGraph(store, { candidates: { maxEntries: 10 } });
    expect(await cached.lookupCandidates(["brand new term"])).toEqual([[]]);
    await cached.upsertEntities([
      {
        id: "new",
        label: "brand new term",
        aliases: [{ text: "brand new term" }],
        types: [],
        category: "domain",
        source: "t",
      },
    ]);
    const after = await cached.lookupCandidates(["brand new term"]);
    expect(after[0]?.map((c) => c.entityId)).toEqual(["new"]);
    expect((await cached.getEntities(["new", "missing"])).has("new")).toBe(true);
    await cached.getEntities(["new", "missing"]);
    expect(cached.cacheStats().entities).toMatchObject({ hits: 2, misses: 2 });
  });
});
