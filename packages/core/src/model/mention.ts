import { z } from "zod";

/** Schema of a {@link Mention}. */
export const MentionSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  surface: z.string(),
  /** Normalised form used for lookup (e.g. the lemma sequence). */
  key: z.string().optional(),
  /** Coarse part of speech of the head token, when known (noun, verb, adj, adv, propn). */
  pos: z.string().optional(),
  /** Named-entity type from the analyser, when the span came from NER. */
  entityType: z.string().optional(),
  /** Indices of the analyser tokens the mention covers, `[first, last]` inclusive. */
  tokenRange: z.tuple([z.number().int(), z.number().int()]).optional(),
});

/** A span of text that may refer to an entity or concept: its character range and surface. */
export type Mention = z.infer<typeof MentionSchema>;
