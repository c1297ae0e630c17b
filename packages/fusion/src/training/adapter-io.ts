import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  DimensionMismatchError,
  ModelLoadError,
  type NamedTensor,
  type Parameter,
  parseWith,
  type Registry,
} from "@knowfuse/core";
import { z } from "zod";
import type { FusionLayer } from "../fusion-methods/fusion-layer.js";
import { createFusionRegistry } from "../fusion-methods/register-fusion-methods.js";
import { createTaskHead, type TaskHead, taskHeadOptionsSchema } from "../heads/task-head.js";
import { readSafetensors, writeSafetensors } from "../safetensors/safetensors.js";

/** File names inside a saved adapter directory. */
export const ADAPTER_FILES = { weights: "adapter.safetensors", config: "adapter.json" } as const;

const adapterConfigSchema = z.object({
  format: z.literal("knowfuse.adapter.v1"),
  fusion: z.object({ kind: z.string(), options: z.record(z.string(), z.unknown()) }),
  head: taskHeadOptionsSchema,
});

/** A fusion layer and its head, trained together. */
export interface Adapter {
  layer: FusionLayer;
  head: TaskHead;
}

/**
 * Saves a trained fusion layer + head to `dir`: every weight in
 * `adapter.safetensors` (F32, little-endian) and the configuration in
 * `adapter.json`. Files are written to temporary names first, then renamed.
 */
export async function saveAdapter(dir: string, adapter: Adapter): Promise<void> {
  await mkdir(dir, { recursive: true });
  const tensors = new Map<string, NamedTensor>();
  for (const p of [...adapter.layer.params, ...adapter.head.params]) {
    tensors.set(p.name, { data: p.data, dims: [...p.shape] });
  }
  const config = {
    format: "knowfuse.adapter.v1",
    fusion: { kind: adapter.layer.kind, options: adapter.layer.options },
    head: adapter.head.options,
  };
  await writeSafetensors(join(dir, ADAPTER_FILES.weights), tensors, { format: "knowfuse.adapter.v1" });
  const tmp = join(dir, `${ADAPTER_FILES.config}.tmp-${process.pid}`);
  await writeFile(tmp, `${JSON.stringify(config, null, 2)}\n`);
  await rename(tmp, join(dir, ADAPTER_FILES.config));
}

/**
 * Loads an adapter saved by {@link saveAdapter}: rebuilds the layer from its
 * registered name and options, the head from its options, and copies the
 * weights in bit for bit. A missing weight is a ModelLoadError, a weight of
 * another shape a DimensionMismatchError.
 */
export async function loadAdapter(
  dir: string,
  registry: Registry<FusionLayer> = createFusionRegistry(),
): Promise<Adapter> {
  const configPath = join(dir, ADAPTER_FILES.config);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(configPath, "utf8"));
  } catch (cause) {
    throw new ModelLoadError(`cannot read adapter config ${configPath}`, {
      cause,
      details: { path: configPath },
    });
  }
  const config = parseWith(adapterConfigSchema, raw, configPath, "INVALID_CONFIG");
  const layer = await registry.create(config.fusion.kind, config.fusion.options);
  const head = createTaskHead(config.head);
  const weightsPath = join(dir, ADAPTER_FILES.weights);
  const { tensors } = await readSafetensors(weightsPath);
  const fill = (p: Parameter) => {
    const t = tensors.get(p.name);
    if (!t)
      throw new ModelLoadError(`${weightsPath}: missing tensor "${p.name}"`, {
        details: { path: weightsPath },
      });
    if (t.data.length !== p.size || t.dims.join() !== p.shape.join()) {
      throw new DimensionMismatchError(`${weightsPath}: tensor "${p.name}" size`, p.size, t.data.length, {
        details: { expectedShape: p.shape, actualShape: t.dims },
      });
    }
    p.data.set(t.data);
  };
  for (const p of [...layer.params, ...head.params]) fill(p);
  return { layer, head };
}
