import { z } from "zod";

/** Schema of a {@link Token}. */
export const TokenSchema = z.object({
  text: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  lemma: z.string().optional(),
  pos: z.string().optional(),
});

/**
 * A token with its character offsets into the original text: `text === source.slice(start, end)`.
 * Lemma and part of speech are present when an analyser produced them.
 */
export type Token = z.infer<typeof TokenSchema>;
