import { Registry, type RegistryEntry } from "@knowfuse/core";
import { z } from "zod";
import type { KgeModel } from "./kge-model.js";
import { complex } from "./models/complex.js";
import { distmult } from "./models/distmult.js";
import { rotate } from "./models/rotate.js";
import { transe } from "./models/transe.js";

const noOptions = z.object({}).strict();

function entry(
  model: KgeModel,
  alias: string,
  description: string,
): RegistryEntry<KgeModel, typeof noOptions> {
  return { name: model.name, aliases: [alias], description, schema: noOptions, create: () => model };
}

/** Every built-in embedding model, in registration order. */
export const KGE_MODELS: readonly KgeModel[] = [transe, distmult, complex, rotate];

/**
 * A registry of the built-in knowledge graph embedding models ("kge.transe.v1",
 * "kge.distmult.v1", "kge.complex.v1", "kge.rotate.v1"; aliases "transe",
 * "distmult", "complex", "rotate"). Training settings are separate
 * (`KgeTrainingOptionsSchema`). This is the one place kg registers them.
 *
 * @example
 * ```ts
 * const model = createKgeModelRegistry().get("complex").create({});
 * ```
 */
export function createKgeModelRegistry(): Registry<KgeModel> {
  return new Registry<KgeModel>("embedding model")
    .register(entry(transe, "transe", "TransE: h + r ≈ t (Bordes et al. 2013)"))
    .register(entry(distmult, "distmult", "DistMult: trilinear product (Yang et al. 2015)"))
    .register(entry(complex, "complex", "ComplEx: complex trilinear product (Trouillon et al. 2016)"))
    .register(entry(rotate, "rotate", "RotatE: relations rotate in the complex plane (Sun et al. 2019)"));
}

/** Resolves a registered model name or alias (unknown names list the known ones). */
export async function resolveKgeModel(name: string): Promise<KgeModel> {
  return createKgeModelRegistry().create(name, {});
}
