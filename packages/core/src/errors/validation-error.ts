import type { z } from "zod";
import { KnowfuseError, type KnowfuseErrorOptions } from "./knowfuse-error.js";

/** One problem found while validating input: where it is and what is wrong. */
export interface ValidationIssue {
  /** Path to the bad field, e.g. `["aliases", 2, "prior"]`. */
  path: (string | number)[];
  /** What is wrong and what is allowed. */
  message: string;
}

/**
 * Input from outside (a config file, a JSONL line, a CLI flag) did not match its
 * schema. `issues` lists every problem with its path; `source` names the file,
 * line or argument it came from.
 */
export class ValidationError extends KnowfuseError {
  /** Every problem found, each with its field path. */
  readonly issues: ValidationIssue[];

  constructor(
    message: string,
    issues: ValidationIssue[],
    options: KnowfuseErrorOptions & { code?: "INVALID_INPUT" | "INVALID_CONFIG" } = {},
  ) {
    super(options.code ?? "INVALID_INPUT", message, options);
    this.issues = issues;
  }

  /** Builds a ValidationError from a zod error, naming each bad field. */
  static fromZod(
    error: z.ZodError,
    where: string,
    options: KnowfuseErrorOptions & { code?: "INVALID_INPUT" | "INVALID_CONFIG" } = {},
  ): ValidationError {
    const issues = error.issues.map((issue) => ({
      path: issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
      message: issue.message,
    }));
    const text = issues.map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`).join("; ");
    return new ValidationError(`${where}: ${text}`, issues, {
      ...options,
      details: { ...options.details, where, issues },
    });
  }
}
