import type { TensorView } from "../model/enriched-document.js";

/**
 * How an encoder treats a text longer than its window. Without either option
 * a long text is an error (`INPUT_TOO_LONG`): nothing is ever cut silently.
 */
export interface LengthPolicy {
  /** Cut at the window (default false). */
  truncation?: boolean;
  /**
   * Split into windows of the model's length; consecutive windows share
   * `stride` text tokens (0 ≤ stride < window). Each window is its own row,
   * with {@link TokenizedBatch.textIndex} and {@link TokenizedBatch.windowStart}.
   */
  windowing?: { stride: number };
}

/**
 * A tokenised, padded batch: ids, mask, word pieces and their character
 * offsets. Rows are in text order (a windowed text gives consecutive rows).
 * Every row is `[prefix specials] text pieces [suffix specials] [pad...]`.
 */
export interface TokenizedBatch {
  /** `[batch, seq]` input ids, row-major. */
  inputIds: Int32Array;
  /** `[batch, seq]` 1 for real tokens (specials included), 0 for padding. */
  attentionMask: Uint8Array;
  /**
   * For each row, each token's `[start, end)` offsets in its text, in UTF-16
   * code units of the original (un-normalised) string; `[0, 0]` for special and pad tokens.
   */
  offsets: [number, number][][];
  /** For each row, the token strings (word pieces, specials and pads as in the vocabulary). */
  pieces: string[][];
  /** For each row, the index of the text it came from (differs from the row when windowing). */
  textIndex: number[];
  /** For each row, the index of its first text token among its text's tokens (0 unless windowing). */
  windowStart: number[];
  /** Number of rows. */
  batch: number;
  /** Padded row length (the longest row, specials included). */
  sequenceLength: number;
}

/** One encoded batch: a {@link TokenizedBatch} plus the per-token hidden states. */
export interface EncodedBatch extends TokenizedBatch {
  /** `[batch, seq, hidden]` hidden states of the last layer (padding rows hold values to ignore). */
  hidden: TensorView;
  hiddenSize: number;
}

/**
 * A Transformer encoder that turns texts into per-token hidden states.
 * Implementations hold a session: call {@link Encoder.close} when done.
 */
export interface Encoder {
  /** Where it came from (directory or hub id). */
  readonly source: string;
  readonly hiddenSize: number;
  /** The window in tokens, special tokens included. */
  readonly maxLength: number;
  /**
   * Tokenises a batch without running the model (an empty text gives just
   * the special tokens). Throws `INPUT_TOO_LONG` for a text over the window
   * unless `policy` asks for truncation or windowing.
   */
  tokenize(texts: readonly string[], policy?: LengthPolicy): TokenizedBatch;
  /** Tokenises and encodes a batch of texts (same policy rules as {@link Encoder.tokenize}). */
  encode(texts: readonly string[], policy?: LengthPolicy): Promise<EncodedBatch>;
  /** Releases the session. Idempotent. */
  close(): Promise<void>;
}
