import type { Document } from "../model/document.js";
import type { Link } from "../model/link.js";
import type { Token } from "../model/token.js";

/** What a linker returns for one document. */
export interface LinkedDocument {
  document: Document;
  /** The analyser's tokens with character offsets. */
  tokens: Token[];
  /** Links, including NIL links (`entityId === null`). */
  links: Link[];
}

/**
 * Finds mentions in text and links them to entities of a knowledge graph.
 *
 * Contract every implementation keeps:
 * - one {@link LinkedDocument} per input document, in input order; any string is
 *   valid text (empty, punctuation only, any script, any length);
 * - every link's `mention.start`/`end` slice its `surface` out of the document text;
 * - mentions with no candidate above the linker's threshold (and named-entity
 *   spans with no alias) are kept as NIL links (`entityId === null`), not dropped;
 * - `score` is the linker's confidence in the chosen entity, and `evidence`
 *   breaks it down by source (e.g. "prior", "context", "coherence", "encoder");
 * - a store that cannot be reached surfaces as a `StoreError` with code
 *   `STORE_UNAVAILABLE`.
 *
 * The graph linker of `@knowfuse/linking` ("linker.graph.v1") is the reference implementation.
 */
export interface Linker {
  /** Registered name, e.g. "linker.graph.v1". */
  readonly kind: string;
  /** Links a batch of documents; the result is in input order. */
  link(documents: readonly Document[]): Promise<LinkedDocument[]>;
  /** Releases resources. Idempotent. */
  close(): Promise<void>;
}
