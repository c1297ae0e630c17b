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

/** Finds mentions in text and links them to entities of a knowledge graph. */
export interface Linker {
  /** Registered name, e.g. "linker.graph.v1". */
  readonly kind: string;
  /** Links a batch of documents; the result is in input order. */
  link(documents: readonly Document[]): Promise<LinkedDocument[]>;
  /** Releases resources. Idempotent. */
  close(): Promise<void>;
}
