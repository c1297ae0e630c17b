import { firstValueFrom, from, lastValueFrom, take, tap, toArray } from "rxjs";
import { describe, expect, it } from "vitest";
import { KnowfuseError } from "../errors/knowfuse-error.js";
import { ValidationError } from "../errors/validation-error.js";
import type { Document } from "../model/document.js";
import { defineStage } from "./define-stage.js";
import { enrich, enrichFrom } from "./enrich.js";
import { enrichIterable } from "./enrich-iterable.js";
import { processAll } from "./process-all.js";
import { pullable } from "./pullable.js";
import { sourceFailure, sourceValue } from "./source-record.js";
import { createStreamPipeline } from "./stream-pipeline.js";
import { StreamProgress } from "./stream-progress.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function docs(n: number): Document[] {
  return Array.from({ length: n }, (_, i) => ({ id: `d${i}`, text: `text number ${i}` }));
}

/** An infinite source that counts how many documents were pulled and whether it was stopped. */
function countingSource() {
  const state = { pulled: 0, returned: false };
  async function* generate(): AsyncGenerator<Document> {
    try {
      for (let i = 0; ; i++) {
        state.pulled += 1;
        yield { id: `d${i}`, text: `word ${i}` };
      }
    } finally {
      state.returned = true;
    }
  }
  return { state, source: generate() };
}

/** A stage that records its batch sizes, peak concurrency and close calls, with controllable latency. */
function recordingStage(name: string, latency: (batch: readonly Document[]) => number, concurrency = 1) {
  const record = { batches: [] as number[], running: 0, peak: 0, closed: 0, callsAfterClose: 0 };
  const stage = defineStage<Document, { id: string; tokens: string[]; links: string[] }>(
    name,
    async (batch) => {
      if (record.closed > 0) record.callsAfterClose += 1;
      record.batches.push(batch.length);
      record.running += 1;
      record.peak = Math.max(record.peak, record.running);
      await sleep(latency(batch));
      record.running -= 1;
      return batch.map((d) => ({ id: d.id, tokens: d.text.split(" "), links: [d.text] }));
    },
    {
      concurrency,
      close: () => {
        record.closed += 1;
      },
    },
  );
  return { stage, record };
}

describe("enrich", () => {
  it("batches across documents up to the batch size", async () => {
    const { stage, record } = recordingStage("s", () => 1);
    const results = await processAll(docs(10), createStreamPipeline(stage), { batchSize: 4, maxWaitMs: 50 });
    expect(results.map((r) => r.index)).toEqual([...Array(10).keys()]);
    expect(Math.max(...record.batches)).toBeLessThanOrEqual(4);
    expect(record.batches.reduce((a, b) => a + b, 0)).toBe(10);
    expect(record.batches.length).toBeLessThan(10);
  });

  it("emits a partial batch after maxWaitMs when the source is slow", async () => {
    async function* slow(): AsyncGenerator<Document> {
      for (const d of docs(6)) {
        await sleep(30);
        yield d;
      }
    }
    const { stage, record } = recordingStage("s", () => 0);
    const results = await processAll(slow(), createStreamPipeline(stage), { batchSize: 100, maxWaitMs: 5 });
    expect(results).toHaveLength(6);
    // Each document waited alone past maxWaitMs, so no batch reached the size bound.
    expect(record.batches.length).toBeGreaterThan(1);
    expect(Math.max(...record.batches)).toBeLessThan(6);
  });

  it("keeps input order by default although batches finish out of order", async () => {
    // The first batch is the slowest: later batches finish first.
    const { stage, record } = recordingStage("s", (b) => (b[0]?.id === "d0" ? 60 : 2), 3);
    const results = await processAll(docs(12), createStreamPipeline(stage), { batchSize: 3, maxWaitMs: 1 });
    expect(results.map((r) => r.id)).toEqual(docs(12).map((d) => d.id));
    expect(record.peak).toBeGreaterThan(1);
  });

  it("delivers in completion order when ordered is false", async () => {
    const { stage } = recordingStage("s", (b) => (b[0]?.id === "d0" ? 60 : 2), 3);
    const results = await processAll(docs(12), createStreamPipeline(stage), {
      batchSize: 3,
      maxWaitMs: 1,
      ordered: false,
    });
    expect(new Set(results.map((r) => r.id))).toEqual(new Set(docs(12).map((d) => d.id)));
    expect(results[0]?.id).not.toBe("d0");
  });

  it("bounds concurrency per stage: one encoder batch at a time, a few store round trips", async () => {
    const store = recordingStage("store", () => 5, 3);
    const encoderStage = defineStage<{ id: string; tokens: string[]; links: string[] }, string>(
      "encode",
      async (batch) => {
        encoder.running += 1;
        encoder.peak = Math.max(encoder.peak, encoder.running);
        await sleep(5);
        encoder.running -= 1;
        return batch.map((b) => b.id);
      },
    );
    const encoder = { running: 0, peak: 0 };
    const results = await processAll(docs(60), createStreamPipeline(store.stage, encoderStage), {
      batchSize: 4,
      maxWaitMs: 1,
    });
    expect(results.every((r) => r.ok)).toBe(true);
    expect(encoder.peak).toBe(1);
    expect(store.record.peak).toBeGreaterThan(1);
    expect(store.record.peak).toBeLessThanOrEqual(3);
  });

  it("keeps the documents in flight bounded with a fast infinite source (backpressure)", async () => {
    const { state, source } = countingSource();
    const { stage, record } = recordingStage("slow", () => 3, 2);
    const progress = new StreamProgress();
    let delivered = 0;
    let worst = 0;
    progress.progress$.subscribe((p) => {
      worst = Math.max(worst, p.inFlight);
    });
    const results = await lastValueFrom(
      pullable(source).pipe(
        enrich(createStreamPipeline(stage), { batchSize: 8, maxInFlight: 24, maxWaitMs: 2, progress }),
        take(300),
        toArray(),
      ),
    );
    delivered = results.length;
    expect(delivered).toBe(300);
    await sleep(20);
    // Pulled but undelivered never exceeds the credit limit (+1 for a pull cancelled by take()).
    expect(state.pulled - delivered).toBeLessThanOrEqual(25);
    expect(worst).toBeLessThanOrEqual(24);
    expect(Math.max(...record.batches)).toBeLessThanOrEqual(8);
    expect(state.returned).toBe(true);
  });

  it("never has more than maxInFlight documents pulled and undelivered while stages run", async () => {
    const { state, source } = countingSource();
    let delivered = 0;
    const inFlightSeen: number[] = [];
    const stage = defineStage<Document, Document>(
      "probe",
      async (batch) => {
        inFlightSeen.push(state.pulled - delivered);
        await sleep(2);
        return batch;
      },
      { concurrency: 4 },
    );
    await lastValueFrom(
      enrichFrom(source, createStreamPipeline(stage), { batchSize: 5, maxInFlight: 20, maxWaitMs: 1 }).pipe(
        tap(() => {
          delivered += 1;
        }),
        take(200),
        toArray(),
      ),
    );
    expect(inFlightSeen.length).toBeGreaterThan(10);
    expect(Math.max(...inFlightSeen)).toBeLessThanOrEqual(20);
  });

  it("stops pulling, stops calling stages and closes them when unsubscribed", async () => {
    const { state, source } = countingSource();
    const { stage, record } = recordingStage("s", () => 5, 2);
    const pipeline = createStreamPipeline(stage);
    const first = await firstValueFrom(
      pullable(source).pipe(enrich(pipeline, { batchSize: 4, maxWaitMs: 1 })),
    );
    expect(first.ok).toBe(true);
    await pipeline.close(); // the same promise the run's finalizer uses: resolves once closed
    await sleep(50);
    const pulledAfter = state.pulled;
    const callsAfter = record.batches.length;
    await sleep(50);
    expect(record.closed).toBe(1);
    expect(state.returned).toBe(true);
    expect(state.pulled).toBe(pulledAfter);
    expect(record.batches.length).toBe(callsAfter);
    expect(record.callsAfterClose).toBe(0);
  });

  it("waits for running calls before closing a stage on cancellation", async () => {
    let running = 0;
    let closedWhileRunning = false;
    let closed = 0;
    const stage = defineStage<Document, Document>(
      "session",
      async (batch) => {
        running += 1;
        await sleep(40);
        running -= 1;
        return batch;
      },
      {
        close: () => {
          closed += 1;
          if (running > 0) closedWhileRunning = true;
        },
      },
    );
    const it = enrichIterable(docs(50), createStreamPipeline(stage), { batchSize: 2, maxWaitMs: 1 });
    await it.next();
    await it.return?.();
    expect(closed).toBe(1);
    expect(closedWhileRunning).toBe(false);
  });

  it("turns a failing document into an error record and goes on", async () => {
    const stage = defineStage<Document, string>("upper", async (batch) => {
      if (batch.some((d) => d.text.includes("bad"))) throw new Error("cannot handle bad text");
      return batch.map((d) => d.text.toUpperCase());
    });
    const input = docs(9).map((d, i) => (i === 4 ? { ...d, text: "bad text" } : d));
    const results = await processAll(input, createStreamPipeline(stage), { batchSize: 3, maxWaitMs: 1 });
    expect(results).toHaveLength(9);
    const failures = results.filter((r) => !r.ok);
    expect(failures).toHaveLength(1);
    const failure = failures[0]!;
    expect(failure).toMatchObject({ ok: false, index: 4, id: "d4", stage: "upper" });
    if (!failure.ok) {
      expect(failure.error.code).toBe("STAGE_FAILED");
      expect(failure.error.message).toContain("cannot handle bad text");
    }
    expect(results[3]).toMatchObject({ ok: true, value: "TEXT NUMBER 3" });
    expect(results[5]).toMatchObject({ ok: true, value: "TEXT NUMBER 5" });
  });

  it("keeps the code of a KnowfuseError thrown by a stage and skips later stages for failed documents", async () => {
    let secondSaw = 0;
    const first = defineStage<Document, Document>("first", async (batch) => {
      if (batch.some((d) => d.id === "d1")) throw new KnowfuseError("NOT_FOUND", "no such thing");
      return batch;
    });
    const second = defineStage<Document, string>("second", async (batch) => {
      secondSaw += batch.length;
      return batch.map((d) => d.id);
    });
    const results = await processAll(docs(4), createStreamPipeline(first, second), { batchSize: 4 });
    expect(results.map((r) => r.ok)).toEqual([true, false, true, true]);
    expect(results[1]).toMatchObject({ ok: false, stage: "first", error: { code: "NOT_FOUND" } });
    expect(secondSaw).toBe(3);
  });

  it("rejects a stage that returns the wrong number of results, per document", async () => {
    const stage = defineStage<Document, string>("short", async (batch) => batch.slice(1).map((d) => d.id));
    const results = await processAll(docs(3), createStreamPipeline(stage), { batchSize: 3 });
    expect(results.every((r) => !r.ok && r.error.code === "STAGE_FAILED")).toBe(true);
  });

  it("passes source failures through as error records in their place", async () => {
    const stage = defineStage<Document, string>("id", async (batch) => batch.map((d) => d.id));
    const source = [
      sourceValue({ id: "a", text: "x" }, 1),
      sourceFailure<Document>(new ValidationError("docs.jsonl:2: not valid JSON", []), 2),
      sourceValue({ id: "c", text: "y" }, 3),
    ];
    const results = await processAll(source, createStreamPipeline(stage));
    expect(results).toEqual([
      { index: 0, line: 1, id: "a", ok: true, value: "a" },
      {
        index: 1,
        line: 2,
        ok: false,
        stage: "source",
        error: expect.objectContaining({ code: "INVALID_INPUT", message: "docs.jsonl:2: not valid JSON" }),
      },
      { index: 2, line: 3, id: "c", ok: true, value: "c" },
    ]);
  });

  it("reports progress: documents, errors, tokens, links and rate", async () => {
    const { stage } = recordingStage("s", () => 1);
    const failing = defineStage<{ id: string; tokens: string[]; links: string[] }, typeof sample>(
      "maybe",
      async (batch) => {
        if (batch.some((b) => b.id === "d2")) throw new Error("no");
        return batch;
      },
    );
    const sample = { id: "", tokens: [] as string[], links: [] as string[] };
    const progress = new StreamProgress();
    const seen: number[] = [];
    progress.progress$.subscribe((p) => seen.push(p.documents));
    await processAll(docs(5), createStreamPipeline(stage, failing), { progress });
    const last = progress.value;
    expect(last.documents).toBe(5);
    expect(last.errors).toBe(1);
    // "text number i" has 3 tokens and 1 link; 4 documents succeeded.
    expect(last.tokens).toBe(12);
    expect(last.links).toBe(4);
    expect(last.rate).toBeGreaterThan(0);
    expect(seen.at(-1)).toBe(5);
  });

  it("accepts a push Observable", async () => {
    const stage = defineStage<Document, string>("id", async (batch) => batch.map((d) => d.id));
    const results = await lastValueFrom(from(docs(5)).pipe(enrich(createStreamPipeline(stage)), toArray()));
    expect(results.map((r) => (r.ok ? r.value : null))).toEqual(["d0", "d1", "d2", "d3", "d4"]);
  });

  it("lets a slow async-iterable consumer hold the source back", async () => {
    const { state, source } = countingSource();
    const stage = defineStage<Document, Document>("fast", async (batch) => batch);
    let taken = 0;
    for await (const result of enrichIterable(source, createStreamPipeline(stage), {
      batchSize: 4,
      maxInFlight: 10,
      maxWaitMs: 1,
    })) {
      expect(result.ok).toBe(true);
      taken += 1;
      await sleep(1);
      expect(state.pulled - taken).toBeLessThanOrEqual(11);
      if (taken === 40) break;
    }
    expect(state.returned).toBe(true);
  });

  it("fails the run (not a record) when the source itself throws", async () => {
    async function* broken(): AsyncGenerator<Document> {
      yield { id: "1", text: "ok" };
      throw new Error("disk gone");
    }
    const stage = defineStage<Document, Document>("x", async (b) => b);
    await expect(processAll(broken(), createStreamPipeline(stage))).rejects.toThrow("disk gone");
  });

  it("rejects invalid options with a ValidationError naming the field", () => {
    const stage = defineStage<Document, Document>("x", async (b) => b);
    expect(() => enrich(createStreamPipeline(stage), { batchSize: 0 })).toThrow(ValidationError);
    expect(() => enrich(createStreamPipeline(stage), { batchSize: 0 })).toThrow(/batchSize/);
  });
});
