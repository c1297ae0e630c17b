import type { TensorView } from "../model/enriched-document.js";

/** One candidate entity of an aligned mention, with its graph embedding. */
export interface FusionCandidate {
  entityId: string;
  /** p(entity | surface), in [0, 1]. */
  prior: number;
  /** The entity's vector in the embedding space (length = the method's `entityDim`). */
  vector: Float32Array;
}

/**
 * A mention placed on the encoder's word pieces: tokens `[tokenStart, tokenEnd)`
 * of one batch row, with the chosen entity's vector (absent when the entity has
 * none, so the text branch is used) and the candidates to weigh.
 */
export interface AlignedMention {
  /** Row of the encoded batch. */
  row: number;
  /** First word piece covered (inclusive). */
  tokenStart: number;
  /** One past the last word piece covered. */
  tokenEnd: number;
  /** The linked entity, or null for a NIL link. */
  entityId: string | null;
  /** The linked entity's vector; absent when it has no embedding. */
  vector?: Float32Array;
  /** Candidates with vectors, best first (used by KnowBERT-style attention). */
  candidates: FusionCandidate[];
}

/** What a fusion method receives: the encoder's states of one batch and its aligned mentions. */
export interface FusionInput {
  /** `[batch, seq, hidden]` token states. */
  hidden: TensorView;
  /** `[batch, seq]` 1 for real tokens, 0 for padding. */
  attentionMask: Uint8Array;
  /** Every aligned mention of the batch (any row order). */
  mentions: readonly AlignedMention[];
}

/** A named float tensor of a fusion method (weights) in row-major order. */
export interface NamedTensor {
  data: Float32Array;
  dims: number[];
}

/**
 * A knowledge fusion layer: it takes token states and the entity embeddings of
 * the aligned mentions and returns new token states of the same shape.
 * Implementations are registered by versioned name ("fusion.ernie.v1", ...).
 */
export interface FusionMethod {
  /** Registered name, e.g. "fusion.ernie.v1". */
  readonly kind: string;
  /** Token state size it expects. */
  readonly hiddenSize: number;
  /** Entity embedding size it expects (0 for "fusion.none.v1"). */
  readonly entityDim: number;
  /** Fuses one batch; the output has the shape of `input.hidden`. */
  fuse(input: FusionInput): Promise<TensorView>;
  /** The layer's weights by name (shared, not copied). */
  parameters(): Map<string, NamedTensor>;
  /** Releases the ONNX session. Idempotent. */
  close(): Promise<void>;
}
