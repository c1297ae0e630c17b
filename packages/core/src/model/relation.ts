import { z } from "zod";

/** Schema of a {@link Relation}. */
export const RelationSchema = z.object({
  head: z.string().min(1),
  relation: z.string().min(1),
  tail: z.string().min(1),
  weight: z.number().finite().default(1),
  source: z.string().min(1),
});

/** A directed, typed and weighted edge `head -relation-> tail`, with its source. */
export type Relation = z.infer<typeof RelationSchema>;
