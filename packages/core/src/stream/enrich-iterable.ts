import { type EnrichOptions, resolveEnrichOptions } from "./enrich-options.js";
import type { PullSource } from "./pullable.js";
import { pushSource } from "./push-source.js";
import { runEnrichment } from "./run-enrichment.js";
import type { SourceRecord } from "./source-record.js";
import type { StreamPipeline } from "./stream-pipeline.js";
import type { StreamResult } from "./stream-result.js";

/**
 * The streaming run as an async iterable, for code that does not use RxJS.
 * Backpressure reaches the consumer: a document's credit comes back only when
 * the consumer takes its result, so a slow `for await` loop slows the source
 * down instead of piling up results. Breaking out of the loop cancels the run
 * and closes the stages (when `closeStages`, the default); the loop ends only
 * after the stages are closed.
 *
 * @example
 * ```ts
 * for await (const result of enrichIterable(readJsonlDocuments("docs.jsonl"), pipeline)) {
 *   if (!result.ok) console.error(result.line, result.error.message);
 * }
 * ```
 * @see processAll
 * @see enrich
 */
export function enrichIterable<I, O>(
  source: PullSource<I | SourceRecord<I>>,
  pipeline: StreamPipeline<I, O>,
  options: EnrichOptions<O> = {},
): AsyncIterableIterator<StreamResult<O>> {
  const run = runEnrichment(source, pipeline, resolveEnrichOptions(options), "manual");
  return pushSource(run.results$, { taken: () => run.gate.release(), settled: () => run.closed });
}
