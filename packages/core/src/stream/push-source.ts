import type { Observable } from "rxjs";

/**
 * Adapts a push Observable to an async iterable by queueing what it emits.
 * Used by {@link enrich} when its source is not {@link pullable}: the source
 * is not slowed down, so its items wait in this queue (memory is bounded only
 * by the source itself). Returning from the iterator unsubscribes.
 */
export function pushSource<T>(source$: Observable<T>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      const queue: T[] = [];
      let done = false;
      let failure: { error: unknown } | undefined;
      let wake: (() => void) | undefined;
      const notify = () => {
        const w = wake;
        wake = undefined;
        w?.();
      };
      const subscription = source$.subscribe({
        next(item) {
          queue.push(item);
          notify();
        },
        error(error: unknown) {
          failure = { error };
          notify();
        },
        complete() {
          done = true;
          notify();
        },
      });
      return {
        async next(): Promise<IteratorResult<T>> {
          for (;;) {
            if (queue.length > 0) return { done: false, value: queue.shift() as T };
            if (failure) throw failure.error;
            if (done) return { done: true, value: undefined };
            await new Promise<void>((resolve) => {
              wake = resolve;
            });
          }
        },
        async return(): Promise<IteratorResult<T>> {
          subscription.unsubscribe();
          queue.length = 0;
          done = true;
          return { done: true, value: undefined };
        },
      };
    },
  };
}
