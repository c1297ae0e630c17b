import { z } from "zod";

/**
 * Options of the deterministic model generator. `size` picks a preset
 * (`tiny` for tests, `base` for the BERT-base shape); any explicit dimension
 * overrides the preset. Identical options give byte-identical files.
 */
export const modelGeneratorOptionsSchema = z
  .object({
    /** `bert` (WordPiece, token_type_ids) or `roberta` (byte-level BPE, no token_type_ids). */
    architecture: z.enum(["bert", "roberta"]).default("bert"),
    /** Preset: `tiny` (hidden 32, 2 layers) or `base` (hidden 768, 12 layers, vocab 30522). */
    size: z.enum(["tiny", "base"]).default("tiny"),
    /** Seed of the weight generator (32-bit unsigned). */
    seed: z.number().int().min(0).max(0xffffffff).default(42),
    hiddenSize: z.number().int().positive().max(4096).optional(),
    layers: z.number().int().positive().max(48).optional(),
    heads: z.number().int().positive().max(64).optional(),
    intermediateSize: z.number().int().positive().max(16384).optional(),
    vocabSize: z.number().int().min(300).max(100000).optional(),
    /** The model's window in tokens, special tokens included. */
    maxLength: z.number().int().min(4).max(4096).optional(),
    /** Emit onnxruntime contrib ops (Attention, SkipLayerNormalization); false: standard ONNX ops only. */
    contribOps: z.boolean().default(true),
  })
  .strict();

/** Options accepted by the generator (before defaults). */
export type ModelGeneratorOptions = z.input<typeof modelGeneratorOptionsSchema>;

/** The fully resolved shape of a generated model. */
export interface ModelShape {
  architecture: "bert" | "roberta";
  seed: number;
  hiddenSize: number;
  layers: number;
  heads: number;
  intermediateSize: number;
  vocabSize: number;
  /** Window in tokens, special tokens included. */
  maxLength: number;
  /** Rows of the position table (RoBERTa reserves two more, its positions start at 2). */
  positionRows: number;
  /** Rows of the token-type table (2 for BERT, 1 for RoBERTa). */
  typeRows: number;
  layerNormEps: number;
  /** Attention and residual LayerNorms as onnxruntime contrib ops (com.microsoft). */
  contribOps: boolean;
}

const PRESETS = {
  tiny: { hiddenSize: 32, layers: 2, heads: 4, intermediateSize: 64, maxLength: 64 },
  base: { hiddenSize: 768, layers: 12, heads: 12, intermediateSize: 3072, maxLength: 512 },
} as const;

/** Resolves validated options to a {@link ModelShape}; `hiddenSize` must divide by `heads`. */
export function resolveModelShape(options: z.output<typeof modelGeneratorOptionsSchema>): ModelShape {
  const preset = PRESETS[options.size];
  const roberta = options.architecture === "roberta";
  const defaultVocab = options.size === "base" ? (roberta ? 50265 : 30522) : roberta ? 1000 : 2000;
  const maxLength = options.maxLength ?? preset.maxLength;
  return {
    architecture: options.architecture,
    seed: options.seed,
    hiddenSize: options.hiddenSize ?? preset.hiddenSize,
    layers: options.layers ?? preset.layers,
    heads: options.heads ?? preset.heads,
    intermediateSize: options.intermediateSize ?? preset.intermediateSize,
    vocabSize: options.vocabSize ?? defaultVocab,
    maxLength,
    positionRows: roberta ? maxLength + 2 : maxLength,
    typeRows: roberta ? 1 : 2,
    layerNormEps: roberta ? 1e-5 : 1e-12,
    contribOps: options.contribOps,
  };
}
