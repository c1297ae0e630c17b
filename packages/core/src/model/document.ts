import { z } from "zod";

/** Schema of a {@link Document}: what a JSONL input line must hold. Extra fields are kept. */
export const DocumentSchema = z.looseObject({
  id: z.union([z.string().min(1), z.number().transform(String)]),
  text: z.string(),
});

/** A document to enrich: an id, its text, and any other fields the user carries along. */
export type Document = z.infer<typeof DocumentSchema>;
