import { from, Observable } from "rxjs";

/** A source the stream can pull from: an async iterable (file lines, a queue) or a plain iterable. */
export type PullSource<T> = AsyncIterable<T> | Iterable<T>;

/**
 * An Observable that keeps its underlying iterable so that {@link enrich} can
 * pull from it at the pace of the pipeline instead of being pushed to.
 * Subscribed to directly, it behaves like `from(source)`.
 */
export class PullableObservable<T> extends Observable<T> {
  constructor(readonly pullSource: PullSource<T>) {
    super((subscriber) => from(pullSource).subscribe(subscriber));
  }
}

/**
 * Wraps an iterable as an Observable with true backpressure for {@link enrich}:
 * `pullable(readJsonlDocuments(path)).pipe(enrich(pipeline))` reads the next
 * line only when the pipeline has room. Put `enrich` directly after it: any
 * operator in between turns it back into a push source.
 *
 * @example
 * ```ts
 * pullable(readJsonlDocuments("docs.jsonl")).pipe(enrich(pipeline)).subscribe(write);
 * ```
 * @see enrich
 */
export function pullable<T>(source: PullSource<T>): PullableObservable<T> {
  return new PullableObservable(source);
}
