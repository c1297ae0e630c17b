import { type Encoder, Registry } from "@knowfuse/core";
import { z } from "zod";
import { encoderOptionsSchema } from "./encoder-options.js";
import { loadEncoder } from "./onnx-encoder.js";

/** Options of "encoder.onnx.v1": the model directory or hub id plus {@link encoderOptionsSchema}. */
export const onnxEncoderEntryOptionsSchema = encoderOptionsSchema.extend({
  /** A Hugging Face-layout model directory or a hub id. */
  source: z.string().min(1),
});

/**
 * Registers the built-in encoders: "encoder.onnx.v1" (alias "onnx"), an ONNX
 * model in the Hugging Face layout with its transformers.js tokenizer. This is
 * the one place encoders are registered.
 */
export function registerEncoders(registry: Registry<Encoder>): Registry<Encoder> {
  return registry.register({
    name: "encoder.onnx.v1",
    aliases: ["onnx"],
    description: "Hugging Face-layout ONNX encoder (transformers.js tokenizer, onnxruntime-node session)",
    schema: onnxEncoderEntryOptionsSchema,
    create: ({ source, ...options }) => loadEncoder(source, options),
  });
}

/** A registry of encoders with the built-in ones registered. */
export function createEncoderRegistry(): Registry<Encoder> {
  return registerEncoders(new Registry<Encoder>("encoder"));
}
