import type { KnowfuseError } from "../errors/knowfuse-error.js";

/** The JSON form of a {@link KnowfuseError}, as carried by error records. */
export type KnowfuseErrorJson = ReturnType<KnowfuseError["toJSON"]>;

/** Where a result came from: its position in the source, and its line and document id when known. */
export interface StreamOrigin {
  /** 0-based position of the item in the source. */
  index: number;
  /** 1-based line number, when the item came from a line-oriented file. */
  line?: number;
  /** The document id, when the item had one. */
  id?: string;
}

/** A document that went through every stage. */
export interface StreamSuccess<T> extends StreamOrigin {
  ok: true;
  value: T;
}

/** A document that failed (bad input line, a stage error, cancellation): the stream goes on. */
export interface StreamFailure extends StreamOrigin {
  ok: false;
  error: KnowfuseErrorJson;
  /** The stage that failed, or "source" for input that could not be read. */
  stage: string;
}

/**
 * One output record of a streaming run: the enriched value, or an error record
 * carrying the typed error, the stage, and the document's id and line.
 */
export type StreamResult<T> = StreamSuccess<T> | StreamFailure;
