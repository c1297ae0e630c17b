import type { KnowfuseError } from "../errors/knowfuse-error.js";

const SOURCE_RECORD: unique symbol = Symbol.for("knowfuse.source-record");

/**
 * An item of a stream source with its line number, or an input failure (a
 * malformed line) that must become an error record in its place. Plain items
 * need no wrapping; readers such as {@link readJsonlDocuments} yield these.
 */
export type SourceRecord<T> =
  | { readonly [SOURCE_RECORD]: true; readonly value: T; readonly line?: number }
  | { readonly [SOURCE_RECORD]: true; readonly error: KnowfuseError; readonly line?: number };

/** Wraps a good source item with its line number. */
export function sourceValue<T>(value: T, line?: number): SourceRecord<T> {
  return line === undefined ? { [SOURCE_RECORD]: true, value } : { [SOURCE_RECORD]: true, value, line };
}

/** A source item that could not be read; the stream emits it as an error record in order. */
export function sourceFailure<T = never>(error: KnowfuseError, line?: number): SourceRecord<T> {
  return line === undefined ? { [SOURCE_RECORD]: true, error } : { [SOURCE_RECORD]: true, error, line };
}

/** True when `item` was made by {@link sourceValue} or {@link sourceFailure}. */
export function isSourceRecord<T>(item: T | SourceRecord<T>): item is SourceRecord<T> {
  return typeof item === "object" && item !== null && SOURCE_RECORD in item;
}
