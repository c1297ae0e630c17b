import type { Observable, OperatorFunction } from "rxjs";
import { type EnrichOptions, resolveEnrichOptions } from "./enrich-options.js";
import { PullableObservable, type PullSource } from "./pullable.js";
import { pushSource } from "./push-source.js";
import { runEnrichment } from "./run-enrichment.js";
import type { SourceRecord } from "./source-record.js";
import type { StreamPipeline } from "./stream-pipeline.js";
import type { StreamResult } from "./stream-result.js";

/**
 * Runs documents through a {@link StreamPipeline}: batches across documents
 * (by size and time), runs each stage with bounded concurrency, keeps input
 * order (unless `ordered: false`), and turns a failing document into an error
 * record while the stream goes on. Items may be plain documents or
 * {@link SourceRecord}s (line numbers, unreadable lines).
 *
 * Backpressure: when the source is {@link pullable}, at most `maxInFlight`
 * documents are pulled and not yet delivered, however fast the source is. A
 * plain push Observable is queued as it pushes.
 *
 * Unsubscribing cancels the run: pulling stops, stages get an aborted signal,
 * and (with `closeStages`, the default) the stages are closed once their
 * running calls have settled. Completion closes them the same way.
 *
 * @example
 * ```ts
 * const pipeline = createStreamPipeline(linkerStage(linker), embeddingStage(store, "transe"));
 * pullable(readJsonlDocuments("docs.jsonl"))
 *   .pipe(enrich(pipeline, { batchSize: 16 }))
 *   .subscribe((r) => console.log(r.ok ? r.value.links.length : r.error.message));
 * ```
 * @see enrichFrom
 * @see processAll
 */
export function enrich<I, O>(
  pipeline: StreamPipeline<I, O>,
  options: EnrichOptions<O> = {},
): OperatorFunction<I | SourceRecord<I>, StreamResult<O>> {
  const resolved = resolveEnrichOptions(options);
  return (source$) => {
    const source =
      source$ instanceof PullableObservable ? (source$.pullSource as PullSource<I>) : pushSource(source$);
    return runEnrichment(source, pipeline, resolved, "emit").results$;
  };
}

/**
 * The same as `pullable(source).pipe(enrich(pipeline, options))`: an
 * Observable of results that pulls from `source` at the pipeline's pace.
 *
 * @example
 * ```ts
 * enrichFrom(readJsonlDocuments(path), pipeline).subscribe(write);
 * ```
 * @see enrich
 */
export function enrichFrom<I, O>(
  source: PullSource<I | SourceRecord<I>>,
  pipeline: StreamPipeline<I, O>,
  options: EnrichOptions<O> = {},
): Observable<StreamResult<O>> {
  return runEnrichment(source, pipeline, resolveEnrichOptions(options), "emit").results$;
}
