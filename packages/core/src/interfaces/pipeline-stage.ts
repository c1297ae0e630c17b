import type { Document } from "../model/document.js";
import type { EnrichedDocument } from "../model/enriched-document.js";
import type { Link } from "../model/link.js";

/** What a stage receives with each batch. */
export interface StageContext {
  /** Aborted when the stream is cancelled (unsubscribed); long work should stop early. */
  readonly signal: AbortSignal;
}

/**
 * One batch stage of a streaming pipeline: it turns a batch of items into a
 * batch of results of the same length and order. Analysis + linking (a
 * {@link Linker}), the embedding fetch ({@link KnowledgeGraph.getEmbeddings}) and
 * the encoder + fusion step are all stages.
 *
 * A stage throws when it cannot process a batch; the stream then retries the
 * batch item by item, so only the documents that really fail become error
 * records. `close()` releases sessions and connections; the stream calls it
 * after the last batch has settled (or on cancellation). It must be idempotent.
 *
 * @example
 * ```ts
 * const upper: PipelineStage<Document, string> = {
 *   name: "upper",
 *   async process(docs) { return docs.map((d) => d.text.toUpperCase()); },
 *   async close() {},
 * };
 * ```
 */
export interface PipelineStage<I, O> {
  /** A short name used in error records and progress ("link", "embeddings", "encode"). */
  readonly name: string;
  /** Most items per call; larger stream batches are split (default: the stream's batch size). */
  readonly maxBatchSize?: number;
  /**
   * How many calls may run at once (default 1). An encoder session runs one
   * batch at a time, so it keeps 1; store round trips may allow a few.
   */
  readonly concurrency?: number;
  /** Processes a batch; resolves to one result per item, in input order. */
  process(items: readonly I[], context: StageContext): Promise<readonly O[]>;
  /** Releases what the stage holds. Idempotent. */
  close(): Promise<void>;
}

/**
 * The encoder + fusion step as a stream needs it (the "enriched encoder" of
 * `@knowfuse/fusion` fits): given documents and their links, it returns one
 * knowledge-enriched document per input, in order.
 */
export interface DocumentEncoder {
  /** Encodes and fuses documents whose links are already known (one link list per document). */
  encode(
    documents: readonly Document[],
    options: { links: readonly (readonly Link[])[] },
  ): Promise<EnrichedDocument[]>;
  /** Releases sessions. Idempotent. */
  close(): Promise<void>;
}
