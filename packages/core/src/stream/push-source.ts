import type { Observable, Subscription } from "rxjs";

/** Hooks of {@link pushSource}. */
export interface PushSourceHooks {
  /** Called each time the consumer takes an item (e.g. to give back a credit). */
  taken?: () => void;
  /** Awaited before the iterator reports its end or error, and on `return()` (e.g. until stages are closed). */
  settled?: () => Promise<void>;
}

/**
 * Adapts a push Observable to an async iterator by queueing what it emits;
 * it subscribes on the first `next()`, and `return()` unsubscribes. Used by
 * {@link enrich} when its source is not {@link pullable} (the source is not
 * slowed down, so its items wait here) and by {@link enrichIterable}, whose
 * queue stays bounded because credits come back only through `taken`.
 */
export function pushSource<T>(source$: Observable<T>, hooks: PushSourceHooks = {}): AsyncIterableIterator<T> {
  const queue: T[] = [];
  let done = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  let subscription: Subscription | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const settle = async () => {
    if (subscription && hooks.settled) await hooks.settled();
  };
  const iterator: AsyncIterableIterator<T> = {
    async next(): Promise<IteratorResult<T>> {
      subscription ??= source$.subscribe({
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
      for (;;) {
        if (queue.length > 0) {
          const item = queue.shift() as T;
          hooks.taken?.();
          return { done: false, value: item };
        }
        if (failure) {
          await settle().catch(() => {});
          throw failure.error;
        }
        if (done) {
          await settle();
          return { done: true, value: undefined };
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
    async return(): Promise<IteratorResult<T>> {
      subscription?.unsubscribe();
      queue.length = 0;
      done = true;
      await settle();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
