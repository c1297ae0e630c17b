import { type EnrichOptions, resolveEnrichOptions } from "./enrich-options.js";
import type { PullSource } from "./pullable.js";
import { runEnrichment } from "./run-enrichment.js";
import type { SourceRecord } from "./source-record.js";
import type { StreamPipeline } from "./stream-pipeline.js";
import type { StreamResult } from "./stream-result.js";

/**
 * The streaming run as an async iterable, for code that does not use RxJS.
 * Backpressure reaches the consumer: a document's credit comes back only when
 * the consumer takes its result, so a slow `for await` loop slows the source
 * down instead of piling up results. Breaking out of the loop cancels the run
 * and closes the stages (when `closeStages`, the default).
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
  const queue: StreamResult<O>[] = [];
  let finished = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  let subscription: { unsubscribe(): void } | undefined;
  const start = () => {
    subscription ??= run.results$.subscribe({
      next(result) {
        queue.push(result);
        notify();
      },
      error(error: unknown) {
        failure = { error };
        notify();
      },
      complete() {
        finished = true;
        notify();
      },
    });
  };
  const iterator: AsyncIterableIterator<StreamResult<O>> = {
    async next(): Promise<IteratorResult<StreamResult<O>>> {
      start();
      for (;;) {
        const result = queue.shift();
        if (result !== undefined) {
          run.gate.release();
          return { done: false, value: result };
        }
        if (failure) {
          await run.closed.catch(() => {});
          throw failure.error;
        }
        if (finished) {
          await run.closed;
          return { done: true, value: undefined };
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
    async return(): Promise<IteratorResult<StreamResult<O>>> {
      subscription?.unsubscribe();
      finished = true;
      queue.length = 0;
      if (subscription !== undefined) await run.closed;
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
