import { Registry } from "@knowfuse/core";
import { concatFusionOptionsSchema, createConcatFusion } from "./concat-fusion.js";
import { createErnieFusion, ernieFusionOptionsSchema } from "./ernie-fusion.js";
import type { FusionLayer } from "./fusion-layer.js";
import { createKarFusion, karFusionOptionsSchema } from "./kar-fusion.js";
import { createNoneFusion, noneFusionOptionsSchema } from "./none-fusion.js";
import { OnnxFusionMethod } from "./onnx-fusion-method.js";

/**
 * Registers the built-in fusion methods: "fusion.ernie.v1" (alias "ernie"),
 * "fusion.kar.v1" ("kar", "knowbert"), "fusion.concat.v1" ("concat") and
 * "fusion.none.v1" ("none"). This is the one place they are registered.
 */
export function registerFusionMethods(registry: Registry<FusionLayer>): Registry<FusionLayer> {
  return registry
    .register({
      name: "fusion.ernie.v1",
      aliases: ["ernie"],
      description: "ERNIE information fusion: GELU(W_t w + W_e e + b), residual + LayerNorm per token",
      schema: ernieFusionOptionsSchema,
      create: createErnieFusion,
    })
    .register({
      name: "fusion.kar.v1",
      aliases: ["kar", "knowbert"],
      description: "KnowBERT knowledge attention and recontextualisation over mention spans",
      schema: karFusionOptionsSchema,
      create: createKarFusion,
    })
    .register({
      name: "fusion.concat.v1",
      aliases: ["concat"],
      description: "baseline: linear projection of [token; entity]",
      schema: concatFusionOptionsSchema,
      create: createConcatFusion,
    })
    .register({
      name: "fusion.none.v1",
      aliases: ["none"],
      description: "the bare encoder, no knowledge",
      schema: noneFusionOptionsSchema,
      create: createNoneFusion,
    });
}

/** A registry of fusion layers with the built-in methods registered. */
export function createFusionRegistry(): Registry<FusionLayer> {
  return registerFusionMethods(new Registry<FusionLayer>("fusion method"));
}

/**
 * Builds a registered fusion method by name (or alias) with options validated by
 * its schema; an unknown name lists the known ones.
 *
 * @example
 * ```ts
 * const fusion = await createFusionMethod("ernie", { hiddenSize: 768, entityDim: 100 });
 * const fused = await fusion.fuse({ hidden, attentionMask, mentions });
 * ```
 */
export async function createFusionMethod(
  name: string,
  options: unknown,
  registry: Registry<FusionLayer> = createFusionRegistry(),
): Promise<OnnxFusionMethod> {
  return new OnnxFusionMethod(await registry.create(name, options));
}
