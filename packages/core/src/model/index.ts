export { type Candidate, CandidateSchema } from "./candidate.js";
export { type Document, DocumentSchema } from "./document.js";
export type { EnrichedDocument, TensorView } from "./enriched-document.js";
export {
  type Alias,
  AliasSchema,
  type Entity,
  EntitySchema,
  type JsonValue,
  JsonValueSchema,
} from "./entity.js";
export {
  KNOWLEDGE_CATEGORIES,
  type KnowledgeCategory,
  KnowledgeCategorySchema,
} from "./knowledge-category.js";
export { type Link, LinkSchema } from "./link.js";
export { type Mention, MentionSchema } from "./mention.js";
export { type Relation, RelationSchema } from "./relation.js";
export { type Span, SpanSchema } from "./span.js";
export { type Token, TokenSchema } from "./token.js";
