import type { Document } from "./document.js";
import type { Link } from "./link.js";
import type { Token } from "./token.js";

/** A dense tensor as a flat Float32Array view with its shape (row-major). */
export interface TensorView {
  data: Float32Array;
  dims: number[];
}

/**
 * A document after the pipeline: its word-piece tokens with offsets, the links
 * used, the knowledge-enriched hidden states `[tokens, hidden]` and a pooled vector.
 */
export interface EnrichedDocument {
  document: Document;
  tokens: Token[];
  links: Link[];
  hidden?: TensorView;
  pooled?: Float32Array;
  /** Counters for this document (e.g. links without an embedding that fell back to text). */
  stats?: Record<string, number>;
}
