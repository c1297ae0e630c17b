import { isKnowfuseError, KnowfuseError, type KnowfuseErrorOptions } from "../errors/knowfuse-error.js";

/**
 * A pipeline stage failed on a document with an error that was not already a
 * {@link KnowfuseError}; the original error is kept as `cause`.
 */
export class StageError extends KnowfuseError {
  constructor(stage: string, message: string, options: KnowfuseErrorOptions = {}) {
    super("STAGE_FAILED", `stage "${stage}" failed: ${message}`, {
      ...options,
      details: { stage, ...options.details },
    });
  }
}

/**
 * Returns `error` itself when it is a {@link KnowfuseError}, else wraps it in a
 * {@link StageError} naming the stage.
 */
export function toStageError(stage: string, error: unknown): KnowfuseError {
  if (isKnowfuseError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StageError(stage, message, { cause: error });
}
