export type { EncodedBatch, Encoder, LengthPolicy, TokenizedBatch } from "./encoder.js";
export type {
  AlignedMention,
  FusionCandidate,
  FusionInput,
  FusionMethod,
  NamedTensor,
} from "./fusion-method.js";
export type {
  AliasEntry,
  CandidateLookupOptions,
  EmbeddingSpaceInfo,
  GraphStats,
  KnowledgeGraph,
  KnowledgeGraphWriter,
  NeighborEdge,
  NeighborOptions,
} from "./knowledge-graph.js";
export type { LinkedDocument, Linker } from "./linker.js";
export type { DocumentEncoder, PipelineStage, StageContext } from "./pipeline-stage.js";
