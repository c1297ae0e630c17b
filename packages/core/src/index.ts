/**
 * @packageDocumentation
 * The shared vocabulary of knowfuse: the document model and its zod schemas,
 * typed errors, the registry of pluggable parts, the interfaces every stage
 * implements, progress events and line-oriented input helpers.
 */

export {
  CachingKnowledgeGraph,
  type CachingKnowledgeGraphOptions,
  CachingKnowledgeGraphOptionsSchema,
  type KnowledgeGraphCacheStats,
} from "./cache/caching-knowledge-graph.js";
export { type CacheStats, LruCache, type LruCacheOptions, LruCacheOptionsSchema } from "./cache/lru-cache.js";
export * from "./errors/index.js";
export * from "./interfaces/index.js";
export { cachePath, datasetPath, workspaceRoot } from "./io/paths.js";
export { readJsonlDocuments } from "./io/read-jsonl-documents.js";
export { type NumberedLine, readLines } from "./io/read-lines.js";
export * from "./model/index.js";
export * from "./onnx/index.js";
export { type ProgressEvent, type ProgressListener, ProgressReporter } from "./progress/progress.js";
export { parseWith } from "./registry/parse-with.js";
export { Registry, type RegistryEntry } from "./registry/registry.js";
export { type BatchBounds, batchDocuments } from "./stream/batch-documents.js";
export { CreditGate } from "./stream/credit-gate.js";
export { type DefineStageOptions, defineStage } from "./stream/define-stage.js";
export { embeddingStage, type WithEmbeddings } from "./stream/embedding-stage.js";
export { encoderStage } from "./stream/encoder-stage.js";
export { enrich, enrichFrom } from "./stream/enrich.js";
export { enrichIterable } from "./stream/enrich-iterable.js";
export { type EnrichOptions, EnrichOptionsSchema } from "./stream/enrich-options.js";
export { type Envelope, toStreamResult } from "./stream/envelope.js";
export { linkerStage } from "./stream/linker-stage.js";
export { processAll } from "./stream/process-all.js";
export { pullFrom } from "./stream/pull-from.js";
export { PullableObservable, type PullSource, pullable } from "./stream/pullable.js";
export { restoreOrder } from "./stream/restore-order.js";
export { type RunStageOptions, runStage } from "./stream/run-stage.js";
export { shardOf, stableHash } from "./stream/shard-of.js";
export { isSourceRecord, type SourceRecord, sourceFailure, sourceValue } from "./stream/source-record.js";
export { StageError } from "./stream/stage-error.js";
export { createStreamPipeline, type StreamPipeline } from "./stream/stream-pipeline.js";
export {
  measureTokensAndLinks,
  type StreamMeasure,
  StreamProgress,
  type StreamProgressSnapshot,
} from "./stream/stream-progress.js";
export type {
  KnowfuseErrorJson,
  StreamFailure,
  StreamOrigin,
  StreamResult,
  StreamSuccess,
} from "./stream/stream-result.js";
export { normalizeSurface } from "./text/normalize-surface.js";
export * from "./training/index.js";
