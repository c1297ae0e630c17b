import {
  type AlignedMention,
  checkGradients,
  type FusionInput,
  floatTensor,
  GraphRunner,
  type Parameter,
  Prng,
} from "@knowfuse/core";
import { describe, expect, it } from "vitest";
import { createTaskHead } from "../heads/task-head.js";
import { buildTrainingGraph, gradName } from "../training/build-training-graph.js";
import { createConcatFusion } from "./concat-fusion.js";
import { createErnieFusion } from "./ernie-fusion.js";
import type { FusionLayer } from "./fusion-layer.js";
import { createKarFusion } from "./kar-fusion.js";
import { createNoneFusion } from "./none-fusion.js";
import { OnnxFusionMethod } from "./onnx-fusion-method.js";
import { packFusionInput } from "./pack-fusion-input.js";
import { createFusionRegistry } from "./register-fusion-methods.js";

const H = 8;
const D = 8;
const B = 2;
const T = 6;

/** Layer-normalised random states, like a BERT layer's output. */
function states(rng: Prng): Float32Array {
  const x = rng.fillNormal(new Float32Array(B * T * H), 1);
  for (let r = 0; r < B * T; r++) {
    const row = x.subarray(r * H, (r + 1) * H);
    const mean = row.reduce((s, v) => s + v, 0) / H;
    const sd = Math.sqrt(row.reduce((s, v) => s + (v - mean) ** 2, 0) / H);
    for (let i = 0; i < H; i++) row[i] = (row[i]! - mean) / sd;
  }
  return x;
}

function batch(rng: Prng): FusionInput {
  const vec = () => rng.fillNormal(new Float32Array(D), 1);
  const mention = (row: number, tokenStart: number, tokenEnd: number, k: number): AlignedMention => {
    const candidates = Array.from({ length: k }, (_, i) => ({
      entityId: `e${i}`,
      prior: 1 / (i + 2),
      vector: vec(),
    }));
    return { row, tokenStart, tokenEnd, entityId: "e0", vector: candidates[0]!.vector, candidates };
  };
  return {
    hidden: { data: states(rng), dims: [B, T, H] },
    attentionMask: new Uint8Array(B * T).fill(1),
    // Row 0: a two-piece mention with 3 candidates and a one-piece one; row 1: one mention, 1 candidate.
    mentions: [mention(0, 1, 3, 3), mention(0, 4, 5, 2), mention(1, 2, 3, 1)],
  };
}

const layers: Record<string, (std?: number) => FusionLayer> = {
  none: () => createNoneFusion({ hiddenSize: H }),
  concat: () => createConcatFusion({ hiddenSize: H, entityDim: D }),
  ernie: (std = 0.02) =>
    createErnieFusion({ hiddenSize: H, entityDim: D, intermediateSize: 12, initStd: std }),
  kar: (std = 0.02) => createKarFusion({ hiddenSize: H, entityDim: D, heads: 2, initStd: std }),
};

describe.each(Object.keys(layers))("fusion %s", (name) => {
  it("keeps the [batch, seq, hidden] shape and starts near the identity", async () => {
    const input = batch(new Prng(3));
    const method = new OnnxFusionMethod(layers[name]!(), 1);
    const out = await method.fuse(input);
    expect(out.dims).toEqual([B, T, H]);
    let maxDiff = 0;
    for (let i = 0; i < out.data.length; i++)
      maxDiff = Math.max(maxDiff, Math.abs(out.data[i]! - input.hidden.data[i]!));
    // States have unit variance; an untrained layer moves them by a small fraction of that.
    expect(maxDiff).toBeLessThan(name === "none" || name === "concat" ? 1e-5 : 0.15);
    await method.close();
  });

  it("hand-written gradients match finite differences (layer + mention head)", async () => {
    const rng = new Prng(7);
    const layer = layers[name]!(0.3);
    const head = createTaskHead({ kind: "mention", hiddenSize: H, labels: ["a", "b", "c"], seed: 2 });
    const input = batch(rng);
    const packed = packFusionInput(input, layer.entityDim);
    // Pool: three mention rows averaging their pieces; one padding row with weight 0.
    const M = 4;
    const pool = new Float32Array(M * B * T);
    input.mentions.forEach((m, i) => {
      for (let t = m.tokenStart; t < m.tokenEnd; t++)
        pool[i * B * T + m.row * T + t] = 1 / (m.tokenEnd - m.tokenStart);
    });
    const onehot = new Float32Array(M * 3);
    [0, 2, 1].forEach((c, i) => {
      onehot[i * 3 + c] = 1;
    });
    const weight = Float32Array.from([1, 1, 1, 0]);
    const params: Parameter[] = [...head.params, ...layer.trainable];
    const feeds: Record<string, ReturnType<typeof floatTensor> | Parameter> = {
      pool: floatTensor(pool, [M, B * T]),
      onehot: floatTensor(onehot, [M, 3]),
      weight: floatTensor(weight, [M]),
    };
    for (const u of layer.uses) feeds[u] = packed.feeds[u];
    for (const p of [...head.params, ...layer.params]) feeds[p.name] = p;
    const runner = await GraphRunner.create(buildTrainingGraph(layer, head), { threads: 1 });
    await runner.run(feeds, Object.fromEntries(params.map((p) => [gradName(p), p.gradTensor])));
    for (const p of params)
      expect(
        p.grad.some((v) => v !== 0),
        p.name,
      ).toBe(true);
    const report = await checkGradients(() => runner.scalar(feeds, "loss"), params, {
      rng,
      samples: 6,
      eps: 1e-2,
    });
    expect(report.maxError).toBeLessThan(3e-2);
    await runner.release();
  });
});

describe("fusion registry", () => {
  it("every registered method runs the shape, identity and gradient checks above", async () => {
    const registry = createFusionRegistry();
    const tested = await Promise.all(Object.values(layers).map((make) => make().kind));
    expect(registry.names()).toEqual([...tested].sort());
    for (const alias of Object.keys(layers)) expect(registry.get(alias).name).toBe(`fusion.${alias}.v1`);
    await expect(registry.create("ernie", { hiddenSize: 8 })).rejects.toThrow(/entityDim/);
    await expect(registry.create("fusion.erine.v1", {})).rejects.toThrow(
      /known: fusion.concat.v1, fusion.ernie.v1/,
    );
  });
});

describe("packFusionInput", () => {
  it("counts mentions without a vector as text-only and averages overlapping entities", () => {
    const v1 = Float32Array.from([1, 0]);
    const v2 = Float32Array.from([0, 1]);
    const packed = packFusionInput(
      {
        hidden: { data: new Float32Array(1 * 3 * 2), dims: [1, 3, 2] },
        attentionMask: new Uint8Array(3).fill(1),
        mentions: [
          { row: 0, tokenStart: 0, tokenEnd: 2, entityId: "a", vector: v1, candidates: [] },
          { row: 0, tokenStart: 1, tokenEnd: 2, entityId: "b", vector: v2, candidates: [] },
          { row: 0, tokenStart: 2, tokenEnd: 3, entityId: "c", candidates: [] },
        ],
      },
      2,
    );
    expect(packed.stats).toEqual({ mentionsUsed: 2, mentionsWithoutVector: 1, tokensWithEntity: 2 });
    expect(Array.from(packed.feeds.entity.data as Float32Array)).toEqual([1, 0, 0.5, 0.5, 0, 0]);
    expect(Array.from(packed.feeds.entity_mask.data as Float32Array)).toEqual([1, 1, 0]);
    expect(packed.feeds.candidates.dims).toEqual([1, 2, 1, 2]);
  });

  it("rejects a mention outside the batch instead of skipping it", () => {
    expect(() =>
      packFusionInput(
        {
          hidden: { data: new Float32Array(4), dims: [1, 2, 2] },
          attentionMask: new Uint8Array(2),
          mentions: [{ row: 0, tokenStart: 1, tokenEnd: 3, entityId: "a", candidates: [] }],
        },
        2,
      ),
    ).toThrow(/tokens \[1, 3\) is outside the batch \[1, 2\]/);
  });

  it("rejects a vector of the wrong length with a DimensionMismatchError", () => {
    expect(() =>
      packFusionInput(
        {
          hidden: { data: new Float32Array(2), dims: [1, 1, 2] },
          attentionMask: new Uint8Array(1),
          mentions: [
            {
              row: 0,
              tokenStart: 0,
              tokenEnd: 1,
              entityId: "a",
              vector: new Float32Array(3),
              candidates: [],
            },
          ],
        },
        2,
      ),
    ).toThrow(/expected dimension 2, got 3/);
  });
});
