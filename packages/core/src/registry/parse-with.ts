import type { z } from "zod";
import { ValidationError } from "../errors/validation-error.js";

/**
 * Validates external input at a boundary and returns the typed value, or
 * throws a {@link ValidationError} that names `where` (a file, line or flag) and each bad field.
 */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  where: string,
  code: "INVALID_INPUT" | "INVALID_CONFIG" = "INVALID_INPUT",
): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw ValidationError.fromZod(result.error, where, { code });
  return result.data;
}
