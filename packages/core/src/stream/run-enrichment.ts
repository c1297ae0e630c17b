import { defer, finalize, map, mergeMap, type Observable, tap } from "rxjs";
import type { PipelineStage } from "../interfaces/pipeline-stage.js";
import { batchDocuments } from "./batch-documents.js";
import { CreditGate } from "./credit-gate.js";
import type { ResolvedEnrichOptions } from "./enrich-options.js";
import { type Envelope, toStreamResult } from "./envelope.js";
import { pullFrom } from "./pull-from.js";
import type { PullSource } from "./pullable.js";
import { restoreOrder } from "./restore-order.js";
import { runStage } from "./run-stage.js";
import type { SourceRecord } from "./source-record.js";
import type { StreamPipeline } from "./stream-pipeline.js";
import { measureTokensAndLinks, type StreamMeasure } from "./stream-progress.js";
import type { StreamResult } from "./stream-result.js";

/** A run set up by {@link runEnrichment}. */
export interface EnrichmentRun<O> {
  /** The results; subscribing starts the run, unsubscribing cancels it. */
  results$: Observable<StreamResult<O>>;
  /** The credits: give one back per delivered result when `release` is "manual". */
  gate: CreditGate;
  /** Settles once the stages are closed after the run ended (rejects if a stage's close failed). */
  closed: Promise<void>;
}

/**
 * The engine behind {@link enrich}, {@link enrichIterable} and {@link processAll}:
 * pull (credit-bounded) → batch (size/time) → each stage (bounded concurrency,
 * failure isolation) → restore order → results. With `release: "emit"` a credit
 * comes back when a result is emitted; with "manual" the caller gives it back.
 */
export function runEnrichment<I, O>(
  source: PullSource<I | SourceRecord<I>>,
  pipeline: StreamPipeline<I, O>,
  options: ResolvedEnrichOptions<O>,
  release: "emit" | "manual",
): EnrichmentRun<O> {
  const gate = new CreditGate(options.maxInFlight);
  let markClosed!: () => void;
  let closeFailed!: (err: unknown) => void;
  const closed = new Promise<void>((resolve, reject) => {
    markClosed = resolve;
    closeFailed = reject;
  });
  // Operator users may never look at `closed`; a close failure must not become an unhandled rejection.
  closed.catch(() => {});
  const measure = (options.measure ?? measureTokensAndLinks) as StreamMeasure<O>;
  const results$ = defer(() => {
    const controller = new AbortController();
    const calls = new Set<Promise<unknown>>();
    const track = (call: Promise<unknown>) => {
      calls.add(call);
      call.then(
        () => calls.delete(call),
        () => calls.delete(call),
      );
    };
    options.progress?.start(() => gate.inFlight);
    let stream: Observable<Envelope<unknown>[]> = pullFrom<I>(source, gate).pipe(
      batchDocuments<Envelope<I>>({ maxSize: options.batchSize, maxWaitMs: options.maxWaitMs }),
    );
    for (const stage of pipeline.stages as PipelineStage<unknown, unknown>[]) {
      const concurrency = options.concurrency[stage.name];
      stream = stream.pipe(
        runStage(stage, {
          signal: controller.signal,
          track,
          ...(concurrency === undefined ? {} : { concurrency }),
        }),
      );
    }
    const flat = stream.pipe(mergeMap((batch) => batch as Envelope<O>[]));
    return (options.ordered ? flat.pipe(restoreOrder()) : flat).pipe(
      map((envelope) => toStreamResult(envelope)),
      tap((result) => {
        options.progress?.record(result, measure);
        if (release === "emit") gate.release();
      }),
      finalize(() => {
        controller.abort();
        options.progress?.complete();
        const pending = [...calls];
        void Promise.allSettled(pending)
          .then(() => (options.closeStages ? pipeline.close() : undefined))
          .then(markClosed, closeFailed);
      }),
    );
  });
  return { results$, gate, closed };
}
