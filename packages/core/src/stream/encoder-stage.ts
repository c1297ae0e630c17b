import type { LinkedDocument } from "../interfaces/linker.js";
import type { DocumentEncoder, PipelineStage } from "../interfaces/pipeline-stage.js";
import type { EnrichedDocument } from "../model/enriched-document.js";

/**
 * The encoder + fusion stage: linked documents in, enriched documents out,
 * through a {@link DocumentEncoder} (e.g. `createEnrichedEncoder` of
 * `@knowfuse/fusion`). It runs one batch at a time, as one encoder session
 * should. The encoder is closed with the stage unless `closeEncoder` is false.
 *
 * @example
 * ```ts
 * const pipeline = createStreamPipeline(linkerStage(linker), encoderStage(enriched));
 * ```
 */
export function encoderStage(
  encoder: DocumentEncoder,
  options: { maxBatchSize?: number; closeEncoder?: boolean } = {},
): PipelineStage<LinkedDocument, EnrichedDocument> {
  return {
    name: "encode",
    ...(options.maxBatchSize === undefined ? {} : { maxBatchSize: options.maxBatchSize }),
    concurrency: 1,
    process: (docs) =>
      encoder.encode(
        docs.map((d) => d.document),
        { links: docs.map((d) => d.links) },
      ),
    close: async () => {
      if (options.closeEncoder !== false) await encoder.close();
    },
  };
}
