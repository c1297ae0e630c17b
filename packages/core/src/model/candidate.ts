import { z } from "zod";

/** Schema of a {@link Candidate}. */
export const CandidateSchema = z.object({
  entityId: z.string(),
  /** p(entity | surface) from the store's alias statistics, in [0, 1]. */
  prior: z.number().min(0).max(1),
  /** Score from the stage that produced or re-ranked it (lookup similarity, disambiguation). */
  score: z.number(),
  /** The alias that matched. */
  alias: z.string().optional(),
  /** True when found by fuzzy (character n-gram) rather than exact match. */
  fuzzy: z.boolean().optional(),
});

/** An entity that a surface form may refer to, with its prior and score. */
export type Candidate = z.infer<typeof CandidateSchema>;
