/**
 * Every error code knowfuse raises. Callers switch on `code`, never on message text.
 */
export type KnowfuseErrorCode =
  | "INVALID_INPUT"
  | "INVALID_CONFIG"
  | "UNKNOWN_NAME"
  | "NOT_FOUND"
  | "MODEL_LOAD_FAILED"
  | "TOKENIZER_MISMATCH"
  | "INPUT_TOO_LONG"
  | "HUB_UNREACHABLE"
  | "STORE_UNAVAILABLE"
  | "STORE_FAILED"
  | "IMPORT_LINE_INVALID"
  | "DIMENSION_MISMATCH"
  | "TRAINING_DIVERGED"
  | "STAGE_FAILED"
  | "CANCELLED";

/** Options accepted by every {@link KnowfuseError}. */
export interface KnowfuseErrorOptions {
  /** The underlying error, kept for diagnosis. */
  cause?: unknown;
  /** Structured facts about the failure (file, line, field, allowed values...). */
  details?: Record<string, unknown>;
}

/**
 * Base class of every error knowfuse throws on purpose. It carries a stable
 * {@link KnowfuseErrorCode}, the original `cause`, and structured `details`;
 * its message names the bad field or value and what is allowed.
 *
 * @example
 * ```ts
 * try { await store.getEntities(ids) } catch (e) {
 *   if (e instanceof KnowfuseError && e.code === "STORE_UNAVAILABLE") retryLater();
 * }
 * ```
 */
export class KnowfuseError extends Error {
  /** Stable, machine-readable error code. */
  readonly code: KnowfuseErrorCode;
  /** Structured facts about the failure. */
  readonly details: Record<string, unknown>;

  constructor(code: KnowfuseErrorCode, message: string, options: KnowfuseErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options.details ?? {};
  }

  /** A plain JSON form, used for error records in streams and JSONL output. */
  toJSON(): { name: string; code: KnowfuseErrorCode; message: string; details: Record<string, unknown> } {
    return { name: this.name, code: this.code, message: this.message, details: this.details };
  }
}

/** True when `value` is a {@link KnowfuseError}, optionally with the given code. */
export function isKnowfuseError(value: unknown, code?: KnowfuseErrorCode): value is KnowfuseError {
  return value instanceof KnowfuseError && (code === undefined || value.code === code);
}
