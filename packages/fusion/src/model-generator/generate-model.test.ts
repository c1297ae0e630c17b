import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AutoTokenizer, env } from "@huggingface/transformers";
import { createSession, int64Tensor, isKnowfuseError, onnx } from "@knowfuse/core";
import { afterAll, describe, expect, it } from "vitest";
import { loadEncoder } from "../encoder/onnx-encoder.js";
import { ENCODER_GRAPH_NAMES } from "./bert-graph.js";
import { ensureFixtureModel, ensureGeneratedModel } from "./fixture-models.js";
import { generateModel, modelOptionsHash } from "./generate-model.js";

const scratch = mkdtempSync(join(tmpdir(), "knowfuse-generator-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function filesOf(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      out.set(path.slice(dir.length), readFileSync(path));
    }
  }
  return out;
}

// ---- An independent reference forward pass: plain loops over the weights read back from the ONNX file. ----

interface Config {
  model_type: string;
  hidden_size: number;
  num_hidden_layers: number;
  num_attention_heads: number;
  layer_norm_eps: number;
}

function readWeights(file: string): Map<string, Float32Array> {
  const model = onnx.ModelProto.decode(readFileSync(file));
  const out = new Map<string, Float32Array>();
  for (const t of model.graph!.initializer!) {
    if (t.dataType !== onnx.TensorProto.DataType.FLOAT) continue;
    const raw = t.rawData!;
    out.set(t.name!, new Float32Array(Uint8Array.from(raw).buffer));
  }
  return out;
}

function erf(x: number): number {
  // Abramowitz & Stegun 7.1.26 (absolute error < 1.5e-7).
  const s = Math.sign(x);
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-a * a);
  return s * y;
}

function referenceForward(
  dir: string,
  ids: number[],
  mask: number[],
): { last: number[][]; layers: number[][][] } {
  const cfg = JSON.parse(readFileSync(join(dir, "config.json"), "utf8")) as Config;
  const w = readWeights(join(dir, "onnx", "model.onnx"));
  const get = (name: string) => w.get(name)!;
  const h = cfg.hidden_size;
  const heads = cfg.num_attention_heads;
  const hd = h / heads;
  const n = ids.length;
  const first = cfg.model_type === "roberta" ? 2 : 0;
  const layerNorm = (x: number[], prefix: string): number[] => {
    const g = get(`${prefix}.weight`);
    const b = get(`${prefix}.bias`);
    let mean = 0;
    for (const v of x) mean += v;
    mean /= h;
    let variance = 0;
    for (const v of x) variance += (v - mean) ** 2;
    variance /= h;
    return x.map((v, i) => ((v - mean) / Math.sqrt(variance + cfg.layer_norm_eps)) * g[i]! + b[i]!);
  };
  const dense = (x: number[], prefix: string): number[] => {
    const W = get(`${prefix}.weight`);
    const b = get(`${prefix}.bias`);
    const outSize = b.length;
    const y = Array.from(b);
    for (let i = 0; i < x.length; i++) for (let o = 0; o < outSize; o++) y[o]! += x[i]! * W[i * outSize + o]!;
    return y;
  };
  const word = get("embeddings.word_embeddings.weight");
  const pos = get("embeddings.position_embeddings.weight");
  const type = get("embeddings.token_type_embeddings.weight");
  let x = ids.map((id, t) => {
    const v: number[] = [];
    for (let i = 0; i < h; i++) v.push(word[id * h + i]! + pos[(t + first) * h + i]! + type[i]!);
    return layerNorm(v, "embeddings.LayerNorm");
  });
  const layers: number[][][] = [];
  for (let l = 0; l < cfg.num_hidden_layers; l++) {
    const p = `encoder.layer.${l}`;
    const q = x.map((v) => dense(v, `${p}.attention.self.query`));
    const k = x.map((v) => dense(v, `${p}.attention.self.key`));
    const val = x.map((v) => dense(v, `${p}.attention.self.value`));
    const context = x.map(() => new Array<number>(h).fill(0));
    for (let head = 0; head < heads; head++) {
      for (let i = 0; i < n; i++) {
        const scores: number[] = [];
        for (let j = 0; j < n; j++) {
          let dot = 0;
          for (let d = 0; d < hd; d++) dot += q[i]![head * hd + d]! * k[j]![head * hd + d]!;
          scores.push(dot / Math.sqrt(hd) + (mask[j] ? 0 : -10000));
        }
        const max = Math.max(...scores);
        const e = scores.map((s) => Math.exp(s - max));
        const sum = e.reduce((a, b) => a + b, 0);
        for (let j = 0; j < n; j++) {
          for (let d = 0; d < hd; d++) context[i]![head * hd + d]! += (e[j]! / sum) * val[j]![head * hd + d]!;
        }
      }
    }
    const attended = x.map((v, i) =>
      layerNorm(
        dense(context[i]!, `${p}.attention.output.dense`).map((c, d) => c + v[d]!),
        `${p}.attention.output.LayerNorm`,
      ),
    );
    x = attended.map((a) => {
      const inner = dense(a, `${p}.intermediate.dense`).map((u) => 0.5 * u * (1 + erf(u / Math.SQRT2)));
      return layerNorm(
        dense(inner, `${p}.output.dense`).map((c, d) => c + a[d]!),
        `${p}.output.LayerNorm`,
      );
    });
    layers.push(x);
  }
  return { last: x, layers };
}

describe("generateModel", () => {
  it("writes identical bytes for identical options and different weights for another seed", async () => {
    const a = await generateModel({ architecture: "bert", size: "tiny", seed: 7 }, join(scratch, "a"));
    const b = await generateModel({ architecture: "bert", size: "tiny", seed: 7 }, join(scratch, "b"));
    const c = await generateModel({ architecture: "bert", size: "tiny", seed: 8 }, join(scratch, "c"));
    const fa = filesOf(a.directory);
    const fb = filesOf(b.directory);
    expect([...fa.keys()].sort()).toEqual(
      [
        "/config.json",
        "/knowfuse-generator.json",
        "/onnx/model.onnx",
        "/tokenizer.json",
        "/tokenizer_config.json",
      ].sort(),
    );
    for (const [name, bytes] of fa) expect(bytes.equals(fb.get(name)!), name).toBe(true);
    const fc = filesOf(c.directory);
    expect(fc.get("/onnx/model.onnx")!.equals(fa.get("/onnx/model.onnx")!)).toBe(false);
    expect(fc.get("/tokenizer.json")!.equals(fa.get("/tokenizer.json")!)).toBe(true);
    expect(a.optionsHash).toBe(modelOptionsHash({ seed: 7 }));
    expect(a.optionsHash).not.toBe(c.optionsHash);
  });

  it("names the inputs, each layer's output and last_hidden_state predictably", async () => {
    for (const name of ["tiny-bert", "tiny-roberta"] as const) {
      const dir = await ensureFixtureModel(name);
      const graph = onnx.ModelProto.decode(readFileSync(join(dir, "onnx", "model.onnx"))).graph!;
      const produced = new Set(graph.node!.flatMap((node) => node.output!));
      expect(produced.has(ENCODER_GRAPH_NAMES.layerOutput(0))).toBe(true);
      expect(produced.has(ENCODER_GRAPH_NAMES.layerOutput(1))).toBe(true);
      expect(produced.has(ENCODER_GRAPH_NAMES.embeddingOutput)).toBe(true);
      expect(graph.output!.map((o) => o.name)).toEqual(["last_hidden_state"]);
      expect(graph.input!.map((i) => i.name)).toEqual(
        name === "tiny-bert"
          ? ["input_ids", "attention_mask", "token_type_ids"]
          : ["input_ids", "attention_mask"],
      );
      const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8")) as { vocab_size: number };
      const word = graph.initializer!.find((t) => t.name === "embeddings.word_embeddings.weight")!;
      expect(Number(word.dims![0])).toBe(config.vocab_size);
    }
  });

  it("rejects bad options with a typed error naming the field", async () => {
    const bad = [
      [{ size: "huge" }, /size/],
      [{ layers: 0 }, /layers/],
      [{ hiddenSize: 30, heads: 4 }, /hiddenSize/],
      [{ colour: "blue" }, /colour/],
    ] as const;
    for (const [options, field] of bad) {
      const error = await generateModel(options as never, join(scratch, "bad")).catch((e: unknown) => e);
      expect(isKnowfuseError(error, "INVALID_CONFIG"), String(error)).toBe(true);
      expect(String((error as Error).message)).toMatch(field);
    }
  });

  const variants = [
    ["tiny-bert (contrib ops)", () => ensureFixtureModel("tiny-bert")],
    ["tiny-roberta (contrib ops)", () => ensureFixtureModel("tiny-roberta")],
    [
      "tiny-bert (standard ops)",
      () => ensureGeneratedModel({ contribOps: false }, join(scratch, "plain-bert")),
    ],
    [
      "tiny-roberta (standard ops)",
      () =>
        ensureGeneratedModel({ architecture: "roberta", contribOps: false }, join(scratch, "plain-roberta")),
    ],
  ] as const;
  for (const [name, model] of variants) {
    it(`${name}: the graph matches an independent reference forward pass to 1e-4, padded keys masked`, async () => {
      const dir = await model();
      const session = await createSession(join(dir, "onnx", "model.onnx"), { threads: 1 });
      // Row 0 is padded after 5 tokens; row 1 is full. The padded ids are arbitrary real ids.
      const rows = [
        [5, 120, 300, 17, 8, 44, 44, 44],
        [5, 600, 9, 250, 250, 31, 77, 8],
      ];
      const masks = [
        [1, 1, 1, 1, 1, 0, 0, 0],
        [1, 1, 1, 1, 1, 1, 1, 1],
      ];
      const feeds: Record<string, ReturnType<typeof int64Tensor>> = {
        input_ids: int64Tensor(rows.flat(), [2, 8]),
        attention_mask: int64Tensor(masks.flat(), [2, 8]),
      };
      if (session.inputNames.includes("token_type_ids"))
        feeds.token_type_ids = int64Tensor(new Array(16).fill(0), [2, 8]);
      const out = await session.run(feeds);
      const got = out.last_hidden_state!.data as Float32Array;
      const h = out.last_hidden_state!.dims[2]!;
      let worst = 0;
      rows.forEach((ids, r) => {
        const ref = referenceForward(dir, ids, masks[r]!).last;
        for (let t = 0; t < ids.length; t++) {
          if (!masks[r]![t]) continue;
          for (let d = 0; d < h; d++)
            worst = Math.max(worst, Math.abs(ref[t]![d]! - got[(r * 8 + t) * h + d]!));
        }
      });
      expect(worst).toBeLessThan(1e-4);
      await session.release();
    });
  }

  it("generated tokenizers load in transformers.js offline and give the ids our encoder gives", async () => {
    env.allowRemoteModels = false;
    const texts = [
      "The Café's  cats, naïve ☃ Élan RUNNING quickly!",
      "İstanbul 𝔘 e-mail: x@y.org (1999) — “quoted”\ttab\nnew line",
      "",
    ];
    for (const name of ["tiny-bert", "tiny-roberta"] as const) {
      const dir = await ensureFixtureModel(name);
      const tokenizer = await AutoTokenizer.from_pretrained(dir, { local_files_only: true });
      const encoder = await loadEncoder(dir, { threads: 1 });
      const batch = encoder.tokenize(texts);
      texts.forEach((text, r) => {
        const theirs = tokenizer.encode(text);
        const ours = Array.from(
          batch.inputIds.slice(r * batch.sequenceLength, (r + 1) * batch.sequenceLength),
        ).slice(0, theirs.length);
        expect(ours, `${name}: ${text}`).toEqual(theirs);
        expect(
          batch.attentionMask.slice(r * batch.sequenceLength, (r + 1) * batch.sequenceLength).indexOf(0),
        ).toBe(theirs.length === batch.sequenceLength ? -1 : theirs.length);
      });
      await encoder.close();
    }
  });
});
