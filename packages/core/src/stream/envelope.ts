import type { KnowfuseError } from "../errors/knowfuse-error.js";
import type { StreamOrigin, StreamResult } from "./stream-result.js";

/**
 * An item travelling through the stream operators: its origin, and either the
 * current value or the typed error that stopped it (failed items pass through
 * later stages untouched, so output stays aligned with input).
 */
export type Envelope<T> =
  | (StreamOrigin & { ok: true; value: T })
  | (StreamOrigin & { ok: false; error: KnowfuseError; stage: string });

/** Copies the origin fields of an envelope (without `undefined` members). */
export function originOf(envelope: StreamOrigin): StreamOrigin {
  const origin: StreamOrigin = { index: envelope.index };
  if (envelope.line !== undefined) origin.line = envelope.line;
  if (envelope.id !== undefined) origin.id = envelope.id;
  return origin;
}

/** Turns an envelope into the public {@link StreamResult} (errors as JSON). */
export function toStreamResult<T>(envelope: Envelope<T>): StreamResult<T> {
  if (envelope.ok) return { ...originOf(envelope), ok: true, value: envelope.value };
  return { ...originOf(envelope), ok: false, error: envelope.error.toJSON(), stage: envelope.stage };
}
