import { enrichIterable } from "./enrich-iterable.js";
import type { EnrichOptions } from "./enrich-options.js";
import type { PullSource } from "./pullable.js";
import type { SourceRecord } from "./source-record.js";
import type { StreamPipeline } from "./stream-pipeline.js";
import type { StreamResult } from "./stream-result.js";

/**
 * Runs every document of `source` through the pipeline and resolves to all
 * results, in input order unless `ordered: false`, once the stages are closed.
 * Failing documents are error records in the array; the promise rejects only
 * when the run itself fails (the source throws). For large inputs prefer
 * {@link enrichIterable}, which does not hold every result.
 *
 * @example
 * ```ts
 * const results = await processAll([{ id: "1", text: "Aspirin treats headache." }], pipeline);
 * ```
 * @see enrichIterable
 */
export async function processAll<I, O>(
  source: PullSource<I | SourceRecord<I>>,
  pipeline: StreamPipeline<I, O>,
  options: EnrichOptions<O> = {},
): Promise<StreamResult<O>[]> {
  const results: StreamResult<O>[] = [];
  for await (const result of enrichIterable(source, pipeline, options)) results.push(result);
  return results;
}
