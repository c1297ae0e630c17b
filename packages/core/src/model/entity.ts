import { z } from "zod";
import { KnowledgeCategorySchema } from "./knowledge-category.js";

/** Schema of an {@link Alias}. */
export const AliasSchema = z.object({
  text: z.string().min(1),
  /** p(entity | alias text), when known (e.g. from WordNet tag counts). */
  prior: z.number().min(0).max(1).optional(),
  /** Extra alias facts (e.g. a WordNet sense key). */
  key: z.string().optional(),
});

/** A name an entity goes by, with its optional prior. */
export type Alias = z.infer<typeof AliasSchema>;

/** JSON values allowed in entity properties. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Schema of a {@link JsonValue}. */
export const JsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(JsonValueSchema),
    z.record(z.string(), JsonValueSchema),
  ]),
);

/** Schema of an {@link Entity}. */
export const EntitySchema = z.object({
  id: z.string().min(1),
  label: z.string(),
  aliases: z.array(AliasSchema).default([]),
  description: z.string().optional(),
  types: z.array(z.string()).default([]),
  category: KnowledgeCategorySchema,
  /** Where it came from (e.g. "wordnet-3.1", "umls"); `deleteSource` removes by this. */
  source: z.string().min(1),
  properties: z.record(z.string(), JsonValueSchema).optional(),
});

/**
 * A node of a knowledge graph: id, label, aliases, description, types, its
 * knowledge category and the source it was imported from.
 */
export type Entity = z.infer<typeof EntitySchema>;
