import { z } from "zod";

/** Options of {@link loadEncoder}, validated at the boundary. */
export const encoderOptionsSchema = z
  .object({
    /** onnxruntime intra-op threads (default: what onnxruntime picks, one per core). */
    threads: z.number().int().min(1).max(256).optional(),
    /** A window shorter than the model's (tokens, special tokens included). */
    maxLength: z.number().int().min(3).optional(),
    /** onnxruntime graph optimisation level (default "all"). */
    optimization: z.enum(["disabled", "basic", "extended", "all"]).optional(),
    /** Hub address for hub ids (default `HF_ENDPOINT` or https://huggingface.co). */
    hubEndpoint: z.string().url().optional(),
    /** How long to wait for the hub before failing with HUB_UNREACHABLE (default 10000 ms). */
    hubTimeoutMs: z.number().int().positive().max(600_000).optional(),
  })
  .strict();

/** Options accepted by {@link loadEncoder}. */
export type EncoderOptions = z.input<typeof encoderOptionsSchema>;
