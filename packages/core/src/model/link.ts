import { z } from "zod";
import { CandidateSchema } from "./candidate.js";
import { MentionSchema } from "./mention.js";

/** Schema of a {@link Link}. */
export const LinkSchema = z.object({
  mention: MentionSchema,
  /** The chosen entity, or null for a NIL mention (no candidate cleared the threshold). */
  entityId: z.string().nullable(),
  label: z.string().optional(),
  score: z.number(),
  /** Evidence behind the score, by name (prior, context, coherence, ...). */
  evidence: z.record(z.string(), z.number()).default({}),
  /** The ranked candidates considered. */
  candidates: z.array(CandidateSchema).default([]),
});

/** A mention resolved to an entity (or NIL), with its score and the evidence behind it. */
export type Link = z.infer<typeof LinkSchema>;
