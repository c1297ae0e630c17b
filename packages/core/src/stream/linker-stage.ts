import type { LinkedDocument, Linker } from "../interfaces/linker.js";
import type { PipelineStage } from "../interfaces/pipeline-stage.js";
import type { Document } from "../model/document.js";

/**
 * The analysis + linking stage: documents in, {@link LinkedDocument}s out,
 * through any {@link Linker}. Closing the stage closes the linker.
 *
 * @example
 * ```ts
 * const pipeline = createStreamPipeline(linkerStage(linker, { concurrency: 2 }));
 * ```
 */
export function linkerStage(
  linker: Linker,
  options: { maxBatchSize?: number; concurrency?: number } = {},
): PipelineStage<Document, LinkedDocument> {
  return {
    name: "link",
    ...(options.maxBatchSize === undefined ? {} : { maxBatchSize: options.maxBatchSize }),
    concurrency: options.concurrency ?? 2,
    process: (documents) => linker.link(documents),
    close: () => linker.close(),
  };
}
