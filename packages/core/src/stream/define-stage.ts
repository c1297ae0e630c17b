import type { PipelineStage, StageContext } from "../interfaces/pipeline-stage.js";

/** Options of {@link defineStage}. */
export interface DefineStageOptions {
  /** Most items per call. */
  maxBatchSize?: number;
  /** Calls at once (default 1). */
  concurrency?: number;
  /** Releases what the function holds; called once. */
  close?: () => Promise<void> | void;
}

/**
 * Makes a {@link PipelineStage} from a batch function: the quickest way to plug
 * your own step into a stream.
 *
 * @example
 * ```ts
 * const lower = defineStage("lower", async (docs: Document[]) => docs.map((d) => ({ ...d, text: d.text.toLowerCase() })));
 * ```
 */
export function defineStage<I, O>(
  name: string,
  process: (items: readonly I[], context: StageContext) => Promise<readonly O[]>,
  options: DefineStageOptions = {},
): PipelineStage<I, O> {
  let closing: Promise<void> | undefined;
  return {
    name,
    ...(options.maxBatchSize === undefined ? {} : { maxBatchSize: options.maxBatchSize }),
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    process,
    close() {
      closing ??= Promise.resolve().then(() => options.close?.());
      return closing;
    },
  };
}
