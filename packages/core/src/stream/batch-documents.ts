import { Observable, type OperatorFunction } from "rxjs";

/** Bounds of {@link batchDocuments}. */
export interface BatchBounds {
  /** Emit a batch as soon as it holds this many items. */
  maxSize: number;
  /** Emit a non-empty batch at the latest this many milliseconds after its first item arrived. */
  maxWaitMs: number;
}

/**
 * Groups items across documents into batches bounded by size and by time: a
 * batch is emitted when it is full or when its oldest item has waited
 * `maxWaitMs`, whichever comes first; the rest is emitted on completion.
 * Unlike `bufferTime`, no timer runs while the buffer is empty.
 *
 * @example
 * ```ts
 * docs$.pipe(batchDocuments({ maxSize: 32, maxWaitMs: 20 })).subscribe((batch) => console.log(batch.length));
 * ```
 * @see enrich
 */
export function batchDocuments<T>(bounds: BatchBounds): OperatorFunction<T, T[]> {
  const { maxSize, maxWaitMs } = bounds;
  if (!Number.isInteger(maxSize) || maxSize < 1) throw new RangeError(`maxSize must be >= 1, got ${maxSize}`);
  if (!(maxWaitMs >= 0)) throw new RangeError(`maxWaitMs must be >= 0, got ${maxWaitMs}`);
  return (source) =>
    new Observable<T[]>((subscriber) => {
      let buffer: T[] = [];
      let timer: ReturnType<typeof setTimeout> | undefined;
      const flush = () => {
        if (timer !== undefined) clearTimeout(timer);
        timer = undefined;
        if (buffer.length === 0) return;
        const batch = buffer;
        buffer = [];
        subscriber.next(batch);
      };
      const subscription = source.subscribe({
        next(item) {
          buffer.push(item);
          if (buffer.length >= maxSize) flush();
          else if (timer === undefined) timer = setTimeout(flush, maxWaitMs);
        },
        error(err) {
          if (timer !== undefined) clearTimeout(timer);
          subscriber.error(err);
        },
        complete() {
          flush();
          subscriber.complete();
        },
      });
      return () => {
        if (timer !== undefined) clearTimeout(timer);
        subscription.unsubscribe();
      };
    });
}
