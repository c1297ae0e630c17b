import { z } from "zod";
import { parseWith } from "../registry/parse-with.js";
import type { StreamMeasure, StreamProgress } from "./stream-progress.js";

/** Schema of the numeric and flag options of a streaming run. */
export const EnrichOptionsSchema = z.strictObject({
  /** Most documents per batch (default 32). */
  batchSize: z.number().int().min(1).default(32),
  /** Longest a batch waits for more documents, in ms (default 10). */
  maxWaitMs: z.number().min(0).default(10),
  /** Most documents pulled and not yet delivered (default 4 × batchSize); bounds memory. */
  maxInFlight: z.number().int().min(1).optional(),
  /** Deliver results in input order (default true); false delivers each as soon as it is ready. */
  ordered: z.boolean().default(true),
  /** Concurrency per stage name, overriding the stage's own. */
  concurrency: z.record(z.string(), z.number().int().min(1)).default({}),
  /** Close the pipeline's stages when the run ends or is cancelled (default true). */
  closeStages: z.boolean().default(true),
});

/** Options of {@link enrich}, {@link enrichIterable} and {@link processAll}. */
export type EnrichOptions<O> = z.input<typeof EnrichOptionsSchema> & {
  /** Receives live counters (see {@link StreamProgress}). */
  progress?: StreamProgress;
  /** Counts tokens and links of a result for progress (default: lengths of `tokens` and `links`). */
  measure?: StreamMeasure<O>;
};

/** Validated options with defaults filled in. */
export type ResolvedEnrichOptions<O> = z.output<typeof EnrichOptionsSchema> & {
  maxInFlight: number;
  progress?: StreamProgress;
  measure?: StreamMeasure<O>;
};

/** Validates stream options (an {@link ValidationError} names the bad field) and fills defaults. */
export function resolveEnrichOptions<O>(options: EnrichOptions<O> = {}): ResolvedEnrichOptions<O> {
  const { progress, measure, ...rest } = options;
  const parsed = parseWith(EnrichOptionsSchema, rest, "stream options", "INVALID_CONFIG");
  return {
    ...parsed,
    maxInFlight: parsed.maxInFlight ?? 4 * parsed.batchSize,
    ...(progress ? { progress } : {}),
    ...(measure ? { measure } : {}),
  };
}
