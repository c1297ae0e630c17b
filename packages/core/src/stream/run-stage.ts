import { defer, mergeMap, type OperatorFunction } from "rxjs";
import { KnowfuseError } from "../errors/knowfuse-error.js";
import type { PipelineStage } from "../interfaces/pipeline-stage.js";
import { type Envelope, originOf } from "./envelope.js";
import { StageError, toStageError } from "./stage-error.js";

/** Options of {@link runStage}. */
export interface RunStageOptions {
  /** Aborted when the stream is cancelled; passed on to the stage. */
  signal: AbortSignal;
  /** Batches in flight at once (default: the stage's own `concurrency`, else 1). */
  concurrency?: number;
  /** Receives the promise of every stage call, so the owner can wait for them before closing. */
  track?: (call: Promise<unknown>) => void;
}

function cancelled(stage: string): KnowfuseError {
  return new KnowfuseError("CANCELLED", `stage "${stage}" did not run: the stream was cancelled`, {
    details: { stage },
  });
}

/**
 * Runs one {@link PipelineStage} over batches of envelopes with bounded
 * concurrency. Good items go to the stage (split to its `maxBatchSize`);
 * failed ones pass through untouched. When a call throws, the items of that
 * call are retried one by one so that only the failing documents become error
 * records. Output batches keep their items in order, but batches themselves
 * may complete out of order when `concurrency > 1`.
 *
 * @example
 * ```ts
 * batches$.pipe(runStage(linkerStage(linker), { signal: controller.signal, concurrency: 4 }));
 * ```
 * @see enrich
 */
export function runStage<I, O>(
  stage: PipelineStage<I, O>,
  options: RunStageOptions,
): OperatorFunction<Envelope<I>[], Envelope<O>[]> {
  const { signal, track } = options;
  const concurrency = options.concurrency ?? stage.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`stage "${stage.name}": concurrency must be >= 1, got ${concurrency}`);
  }

  const call = async (values: readonly I[]): Promise<readonly O[]> => {
    const pending = stage.process(values, { signal });
    track?.(pending);
    const results = await pending;
    if (!Array.isArray(results) || results.length !== values.length) {
      throw new StageError(
        stage.name,
        `returned ${Array.isArray(results) ? results.length : typeof results} results for ${values.length} items; a stage must return one result per item`,
      );
    }
    return results;
  };

  const processBatch = async (batch: Envelope<I>[]): Promise<Envelope<O>[]> => {
    const out: Envelope<O>[] = batch.map((e) => (e.ok ? (undefined as unknown as Envelope<O>) : e));
    const live: number[] = [];
    batch.forEach((e, i) => {
      if (e.ok) live.push(i);
    });
    const size = stage.maxBatchSize ?? Math.max(1, live.length);
    const fail = (i: number, error: KnowfuseError) => {
      out[i] = { ...originOf(batch[i]!), ok: false, error, stage: stage.name };
    };
    const succeed = (i: number, value: O) => {
      out[i] = { ...originOf(batch[i]!), ok: true, value };
    };
    const valueAt = (i: number) => (batch[i] as Envelope<I> & { ok: true }).value;
    for (let start = 0; start < live.length; start += size) {
      const chunk = live.slice(start, start + size);
      if (signal.aborted) {
        for (const i of chunk) fail(i, cancelled(stage.name));
        continue;
      }
      try {
        const results = await call(chunk.map(valueAt));
        chunk.forEach((i, k) => {
          succeed(i, results[k] as O);
        });
      } catch (err) {
        if (chunk.length === 1) {
          fail(chunk[0]!, toStageError(stage.name, err));
          continue;
        }
        // Isolate the failing documents: retry the chunk item by item.
        for (const i of chunk) {
          if (signal.aborted) {
            fail(i, cancelled(stage.name));
            continue;
          }
          try {
            const [result] = await call([valueAt(i)]);
            succeed(i, result as O);
          } catch (single) {
            fail(i, toStageError(stage.name, single));
          }
        }
      }
    }
    return out;
  };

  return mergeMap((batch: Envelope<I>[]) => defer(() => processBatch(batch)), concurrency);
}
