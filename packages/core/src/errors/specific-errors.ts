import { KnowfuseError, type KnowfuseErrorOptions } from "./knowfuse-error.js";

/** A name given to a registry (store, fusion method, model...) is not registered. */
export class UnknownNameError extends KnowfuseError {
  constructor(kind: string, name: string, known: readonly string[], options: KnowfuseErrorOptions = {}) {
    super("UNKNOWN_NAME", `unknown ${kind} "${name}"; known: ${known.join(", ") || "(none registered)"}`, {
      ...options,
      details: { kind, name, known, ...options.details },
    });
  }
}

/** Something looked up by id or path does not exist. */
export class NotFoundError extends KnowfuseError {
  constructor(message: string, options: KnowfuseErrorOptions = {}) {
    super("NOT_FOUND", message, options);
  }
}

/** A model directory or hub id could not be loaded (missing file, corrupt graph, offline hub). */
export class ModelLoadError extends KnowfuseError {
  constructor(
    message: string,
    options: KnowfuseErrorOptions & { code?: "MODEL_LOAD_FAILED" | "HUB_UNREACHABLE" } = {},
  ) {
    super(options.code ?? "MODEL_LOAD_FAILED", message, options);
  }
}

/** A tokenizer does not fit its model (e.g. token ids beyond the embedding rows). */
export class TokenizerMismatchError extends KnowfuseError {
  constructor(message: string, options: KnowfuseErrorOptions = {}) {
    super("TOKENIZER_MISMATCH", message, options);
  }
}

/** A text is longer than the model's window and no truncation or windowing was asked for. */
export class InputTooLongError extends KnowfuseError {
  constructor(tokens: number, window: number, options: KnowfuseErrorOptions = {}) {
    super(
      "INPUT_TOO_LONG",
      `text needs ${tokens} tokens but the model's window is ${window}; pass { truncation: true } or { windowing: { stride } } to allow it`,
      { ...options, details: { tokens, window, ...options.details } },
    );
  }
}

/** A graph store failed; `code` says whether it could not be reached or an operation failed. */
export class StoreError extends KnowfuseError {
  constructor(
    message: string,
    options: KnowfuseErrorOptions & { code?: "STORE_UNAVAILABLE" | "STORE_FAILED" } = {},
  ) {
    super(options.code ?? "STORE_FAILED", message, options);
  }
}

/** A malformed line in an imported file, with its file name and line number. */
export class ImportLineError extends KnowfuseError {
  /** The file the line came from. */
  readonly file: string;
  /** 1-based line number. */
  readonly line: number;

  constructor(file: string, line: number, problem: string, options: KnowfuseErrorOptions = {}) {
    super("IMPORT_LINE_INVALID", `${file}:${line}: ${problem}`, {
      ...options,
      details: { file, line, problem, ...options.details },
    });
    this.file = file;
    this.line = line;
  }
}

/** Two vector sizes that must agree do not (embedding space vs. fusion layer, saved model vs. config...). */
export class DimensionMismatchError extends KnowfuseError {
  constructor(what: string, expected: number, actual: number, options: KnowfuseErrorOptions = {}) {
    super("DIMENSION_MISMATCH", `${what}: expected dimension ${expected}, got ${actual}`, {
      ...options,
      details: { what, expected, actual, ...options.details },
    });
  }
}

/** Training produced a non-finite loss; the last good checkpoint is kept. */
export class TrainingDivergedError extends KnowfuseError {
  constructor(message: string, options: KnowfuseErrorOptions = {}) {
    super("TRAINING_DIVERGED", message, options);
  }
}
