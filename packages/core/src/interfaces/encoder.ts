import type { TensorView } from "../model/enriched-document.js";

/** How an encoder treats a text longer than its window. */
export interface LengthPolicy {
  /** Cut at the window (default false: a long text is an error). */
  truncation?: boolean;
  /** Split into overlapping windows of the model's length; `stride` tokens overlap. */
  windowing?: { stride: number };
}

/** One encoded batch: per-token hidden states, the attention mask and the offset map. */
export interface EncodedBatch {
  /** `[batch, seq, hidden]` hidden states of the last layer. */
  hidden: TensorView;
  /** `[batch, seq]` input ids (int). */
  inputIds: Int32Array;
  /** `[batch, seq]` 1 for real tokens, 0 for padding. */
  attentionMask: Uint8Array;
  /** For each row, each token's `[start, end)` character offsets in its text (`[0, 0]` for special and pad). */
  offsets: [number, number][][];
  /** For each row, the word-piece strings. */
  pieces: string[][];
  /** For each row, the index of the text it came from (differs from the row when windowing). */
  textIndex: number[];
  /** For each row, the token offset of the window in its text (0 unless windowing). */
  windowStart: number[];
  batch: number;
  sequenceLength: number;
  hiddenSize: number;
}

/** A Transformer encoder that turns texts into per-token hidden states. */
export interface Encoder {
  /** Where it came from (directory or hub id). */
  readonly source: string;
  readonly hiddenSize: number;
  readonly maxLength: number;
  /** Encodes a batch of texts. */
  encode(texts: readonly string[], policy?: LengthPolicy): Promise<EncodedBatch>;
  /** Releases the session. Idempotent. */
  close(): Promise<void>;
}
