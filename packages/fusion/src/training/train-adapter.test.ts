import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AlignedMention, isKnowfuseError, Prng } from "@knowfuse/core";
import { describe, expect, it } from "vitest";
import { createFusionRegistry } from "../fusion-methods/register-fusion-methods.js";
import type { LabelledTarget } from "../heads/pooling-matrix.js";
import { createTaskHead } from "../heads/task-head.js";
import { ADAPTER_FILES, loadAdapter, saveAdapter } from "./adapter-io.js";
import { predictBatches, trainAdapter } from "./train-adapter.js";
import { makeTrainingBatch } from "./training-batch.js";

const H = 16;
const D = 8;
const T = 6;
const CLASSES = 4;

/**
 * A task only knowledge can solve: token states are noise, each mention's
 * label is the class of its entity, and entities of a class share a direction.
 */
function dataset(seed: number, batches: number) {
  const rng = new Prng(seed);
  const base = new Prng(99);
  const classCenters = Array.from({ length: CLASSES }, () => base.fillNormal(new Float32Array(D), 1));
  return Array.from({ length: batches }, () => {
    const B = 4;
    const hidden = rng.fillNormal(new Float32Array(B * T * H), 1);
    const mentions: AlignedMention[] = [];
    const targets: LabelledTarget[] = [];
    for (let row = 0; row < B; row++) {
      for (const start of [1, 3]) {
        const label = rng.int(CLASSES);
        const vector = Float32Array.from(classCenters[label]!, (v) => v + 0.3 * rng.normal());
        mentions.push({
          row,
          tokenStart: start,
          tokenEnd: start + 1,
          entityId: `c${label}`,
          vector,
          candidates: [],
        });
        targets.push({ row, tokenStart: start, tokenEnd: start + 1, label });
      }
    }
    return {
      input: {
        hidden: { data: hidden, dims: [B, T, H] },
        attentionMask: new Uint8Array(B * T).fill(1),
        mentions,
      },
      targets,
    };
  });
}

describe("trainAdapter (frozen encoder, real ONNX sessions)", () => {
  it("learns a knowledge-only task with ERNIE fusion while the bare encoder cannot", async () => {
    const registry = createFusionRegistry();
    const labels = ["a", "b", "c", "d"];
    const scores: Record<string, number> = {};
    for (const name of ["none", "ernie"]) {
      const layer = await registry.create(name, { hiddenSize: H, entityDim: D });
      const head = createTaskHead({ kind: "mention", hiddenSize: H, labels });
      const train = dataset(1, 12).map((d) => makeTrainingBatch(layer, head, d.input, d.targets));
      const dev = dataset(2, 4).map((d) => makeTrainingBatch(layer, head, d.input, d.targets));
      const result = await trainAdapter({
        layer,
        head,
        train,
        dev,
        epochs: 25,
        lr: 1e-2,
        patience: 5,
        threads: 1,
      });
      expect(result.history.length).toBeGreaterThan(0);
      scores[name] = result.bestDevAccuracy;
    }
    // Chance is 1/4; the entity vectors carry the label.
    expect(scores.ernie).toBeGreaterThan(0.9);
    expect(scores.none).toBeLessThan(0.5);
  });

  it("saves and reloads a trained adapter bit-identically, with identical predictions", async () => {
    const registry = createFusionRegistry();
    const layer = await registry.create("kar", { hiddenSize: H, entityDim: D, heads: 2 });
    const head = createTaskHead({ kind: "mention", hiddenSize: H, labels: ["a", "b", "c", "d"] });
    const data = dataset(3, 3);
    const batches = data.map((d) => makeTrainingBatch(layer, head, d.input, d.targets));
    await trainAdapter({ layer, head, train: batches, epochs: 2, lr: 1e-2, threads: 1 });
    const dir = await mkdtemp(join(tmpdir(), "adapter-"));
    await saveAdapter(dir, { layer, head });
    const back = await loadAdapter(dir, registry);
    expect(back.layer.kind).toBe("fusion.kar.v1");
    const before = [...layer.params, ...head.params];
    const after = [...back.layer.params, ...back.head.params];
    expect(after.map((p) => p.name)).toEqual(before.map((p) => p.name));
    before.forEach((p, i) => {
      expect(Buffer.from(after[i]!.data.buffer).equals(Buffer.from(p.data.buffer)), p.name).toBe(true);
    });
    const rebatched = data.map((d) => makeTrainingBatch(back.layer, back.head, d.input, d.targets));
    expect(await predictBatches(back.layer, back.head, rebatched, 1)).toEqual(
      await predictBatches(layer, head, batches, 1),
    );

    // A weight of the wrong shape is a typed error, not a silent partial load.
    const config = JSON.parse(await readFile(join(dir, ADAPTER_FILES.config), "utf8"));
    config.fusion.options.entityDim = 4;
    config.fusion.options.heads = 2;
    await writeFile(join(dir, ADAPTER_FILES.config), JSON.stringify(config));
    await expect(loadAdapter(dir, registry)).rejects.toSatisfy((e: unknown) =>
      isKnowfuseError(e, "DIMENSION_MISMATCH"),
    );
    await rm(dir, { recursive: true });
  });
});
