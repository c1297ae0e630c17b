import { Observable } from "rxjs";
import type { CreditGate } from "./credit-gate.js";
import type { Envelope } from "./envelope.js";
import type { PullSource } from "./pullable.js";
import { isSourceRecord, type SourceRecord } from "./source-record.js";

function idOf(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || !("id" in value)) return undefined;
  const id = (value as { id: unknown }).id;
  return typeof id === "string" || typeof id === "number" ? String(id) : undefined;
}

/** Wraps the `index`-th source item (plain or {@link SourceRecord}) in an envelope. */
export function toEnvelope<T>(item: T | SourceRecord<T>, index: number): Envelope<T> {
  if (!isSourceRecord(item)) {
    const id = idOf(item);
    return id === undefined ? { index, ok: true, value: item } : { index, id, ok: true, value: item };
  }
  const origin = { index, ...(item.line === undefined ? {} : { line: item.line }) };
  if ("error" in item) return { ...origin, ok: false, error: item.error, stage: "source" };
  const id = idOf(item.value);
  return { ...origin, ...(id === undefined ? {} : { id }), ok: true, value: item.value };
}

/**
 * Pulls items from `source` one at a time, taking a credit from `gate` before
 * each pull, and emits them as numbered envelopes. The source is read only as
 * fast as credits come back; unsubscribing stops the pulling and calls the
 * iterator's `return()`. A source that throws errors the Observable (the run
 * itself failed), unlike a bad item, which becomes an error record.
 *
 * @example
 * ```ts
 * const gate = new CreditGate(64);
 * pullFrom(readJsonlDocuments(path), gate).pipe(tap(() => gate.release())).subscribe();
 * ```
 */
export function pullFrom<T>(
  source: PullSource<T | SourceRecord<T>>,
  gate: CreditGate,
): Observable<Envelope<T>> {
  return new Observable<Envelope<T>>((subscriber) => {
    let stopped = false;
    const iterator =
      Symbol.asyncIterator in source
        ? (source as AsyncIterable<T | SourceRecord<T>>)[Symbol.asyncIterator]()
        : (source as Iterable<T | SourceRecord<T>>)[Symbol.iterator]();
    (async () => {
      let index = 0;
      for (;;) {
        await gate.acquire();
        if (stopped) {
          gate.release();
          return;
        }
        const next = await iterator.next();
        if (stopped) return;
        if (next.done) {
          gate.release();
          subscriber.complete();
          return;
        }
        subscriber.next(toEnvelope(next.value, index));
        index += 1;
      }
    })().catch((err: unknown) => {
      if (!stopped) subscriber.error(err);
    });
    return () => {
      stopped = true;
      void Promise.resolve(iterator.return?.()).catch(() => {});
    };
  });
}
