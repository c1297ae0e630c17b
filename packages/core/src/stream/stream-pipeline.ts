import type { PipelineStage } from "../interfaces/pipeline-stage.js";

/**
 * An ordered chain of {@link PipelineStage}s from `I` to `O` (e.g. documents →
 * linked documents → with embeddings → enriched documents), closed as a whole.
 */
export interface StreamPipeline<I, O> {
  /** The stages in order; each one's output is the next one's input. */
  readonly stages: readonly PipelineStage<unknown, unknown>[];
  /** Closes every stage (once; later calls return the same promise). */
  close(): Promise<void>;
  /** Phantom field carrying the input and output types. */
  readonly __types?: (input: I) => O;
}

/**
 * Chains stages into a {@link StreamPipeline}; the types check that each
 * stage accepts what the previous one returns.
 *
 * @example
 * ```ts
 * const pipeline = createStreamPipeline(linkerStage(linker), embeddingStage(store, "transe"));
 * ```
 * @see enrich
 */
export function createStreamPipeline<A, B>(s1: PipelineStage<A, B>): StreamPipeline<A, B>;
export function createStreamPipeline<A, B, C>(
  s1: PipelineStage<A, B>,
  s2: PipelineStage<B, C>,
): StreamPipeline<A, C>;
export function createStreamPipeline<A, B, C, D>(
  s1: PipelineStage<A, B>,
  s2: PipelineStage<B, C>,
  s3: PipelineStage<C, D>,
): StreamPipeline<A, D>;
export function createStreamPipeline<A, B, C, D, E>(
  s1: PipelineStage<A, B>,
  s2: PipelineStage<B, C>,
  s3: PipelineStage<C, D>,
  s4: PipelineStage<D, E>,
): StreamPipeline<A, E>;
export function createStreamPipeline(
  ...stages: PipelineStage<unknown, unknown>[]
): StreamPipeline<unknown, unknown> {
  if (stages.length === 0) throw new RangeError("a stream pipeline needs at least one stage");
  let closing: Promise<void> | undefined;
  return {
    stages,
    close() {
      closing ??= Promise.allSettled(stages.map((s) => s.close())).then((outcomes) => {
        const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected");
        if (failed) throw failed.reason;
      });
      return closing;
    },
  };
}
