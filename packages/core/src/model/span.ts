import { z } from "zod";

/** Schema of a {@link Span}. */
export const SpanSchema = z
  .object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })
  .refine((s) => s.end >= s.start, { message: "end must be >= start" });

/** A half-open character range `[start, end)` in a document's text. */
export type Span = z.infer<typeof SpanSchema>;
