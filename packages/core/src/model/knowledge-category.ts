import { z } from "zod";

/** The four kinds of knowledge a graph can hold. */
export const KNOWLEDGE_CATEGORIES = ["linguistic", "commonsense", "factual", "domain"] as const;

/** Schema of a {@link KnowledgeCategory}. */
export const KnowledgeCategorySchema = z.enum(KNOWLEDGE_CATEGORIES);

/**
 * The kind of knowledge an entity belongs to: linguistic (WordNet), commonsense
 * (ConceptNet), factual (Freebase, Wikidata) or domain (a graph the user plugs in, e.g. UMLS).
 */
export type KnowledgeCategory = z.infer<typeof KnowledgeCategorySchema>;
