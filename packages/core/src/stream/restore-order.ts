import { Observable, type OperatorFunction } from "rxjs";
import type { StreamOrigin } from "./stream-result.js";

/**
 * Re-emits items in the order of their `index` (0, 1, 2, ...), holding early
 * arrivals until the gap before them is filled. With a credit-bounded source
 * the held items are bounded by the credits in flight.
 *
 * @example
 * ```ts
 * of({ index: 1 }, { index: 0 }).pipe(restoreOrder()).subscribe((x) => console.log(x.index)); // 0, 1
 * ```
 * @see enrich
 */
export function restoreOrder<T extends StreamOrigin>(firstIndex = 0): OperatorFunction<T, T> {
  return (source) =>
    new Observable<T>((subscriber) => {
      const held = new Map<number, T>();
      let nextIndex = firstIndex;
      const subscription = source.subscribe({
        next(item) {
          held.set(item.index, item);
          for (let ready = held.get(nextIndex); ready !== undefined; ready = held.get(nextIndex)) {
            held.delete(nextIndex);
            nextIndex += 1;
            subscriber.next(ready);
          }
        },
        error: (err) => subscriber.error(err),
        complete() {
          // Items missing from the sequence never arrive; emit what is held, in order.
          for (const index of [...held.keys()].sort((a, b) => a - b)) subscriber.next(held.get(index)!);
          held.clear();
          subscriber.complete();
        },
      });
      return () => subscription.unsubscribe();
    });
}
