import { createSession, floatTensor, GraphBuilder, int64Tensor, isKnowfuseError, Prng } from "@knowfuse/core";
import { describe, expect, it } from "vitest";
import { splitGraph } from "./split-graph.js";

/**
 * A two-"layer" toy encoder with the generated encoder's naming: an additive
 * bias from the int64 mask is used by both layers, so part B must recompute it.
 */
function toyEncoder(): Uint8Array {
  const rng = new Prng(4);
  const g = new GraphBuilder("toy");
  const x = g.input("x", "float", ["batch", "seq", 4]);
  const mask = g.input("attention_mask", "int64", ["batch", "seq"]);
  const bias = g.op("Unsqueeze", [
    g.op("Mul", [g.op("Sub", [g.op("Cast", [mask], { to: 1 }), g.scalar(1)]), g.scalar(100)]),
    g.ints([2]),
  ]);
  let h = x;
  for (let i = 0; i < 2; i++) {
    const w = g.initializer(`w${i}`, rng.fillNormal(new Float32Array(16), 1), [4, 4]);
    const [out] = g.node(
      "Tanh",
      [g.op("Add", [g.op("MatMul", [h, w]), bias])],
      {},
      { outputs: [`encoder.layer.${i}.output`] },
    );
    h = out!;
  }
  g.output(h, "float", ["batch", "seq", 4], "last_hidden_state");
  return g.toBytes();
}

describe("splitGraph", () => {
  it("splits at a layer output so that part B after part A equals the whole model", async () => {
    const model = toyEncoder();
    const split = splitGraph(model, "encoder.layer.0.output");
    expect(split.inputsA.sort()).toEqual(["attention_mask", "x"]);
    expect(split.inputsB).toEqual(["encoder.layer.0.output", "attention_mask"]);
    const x = floatTensor(new Prng(5).fillNormal(new Float32Array(2 * 3 * 4), 1), [2, 3, 4]);
    const mask = int64Tensor([1, 1, 0, 1, 0, 0], [2, 3]);
    const whole = await createSession(model, { threads: 1 });
    const a = await createSession(split.partA, { threads: 1 });
    const b = await createSession(split.partB, { threads: 1 });
    const expected = (await whole.run({ x, attention_mask: mask })).last_hidden_state!.data as Float32Array;
    const mid = (await a.run({ x, attention_mask: mask }))["encoder.layer.0.output"]!;
    const got = (await b.run({ "encoder.layer.0.output": mid, attention_mask: mask })).last_hidden_state!
      .data as Float32Array;
    expect(Array.from(got)).toEqual(Array.from(expected));
    // Part B really starts from the split value: feeding other states changes the result.
    const other = floatTensor(new Float32Array(24), [2, 3, 4]);
    const changed = (await b.run({ "encoder.layer.0.output": other, attention_mask: mask }))
      .last_hidden_state!.data as Float32Array;
    expect(Array.from(changed)).not.toEqual(Array.from(expected));
    await Promise.all([whole.release(), a.release(), b.release()]);
  });

  it("names the layer outputs when asked for a value no node produces", () => {
    try {
      splitGraph(toyEncoder(), "encoder.layer.7.output");
      expect.unreachable();
    } catch (e) {
      expect(isKnowfuseError(e, "MODEL_LOAD_FAILED")).toBe(true);
      expect(String(e)).toMatch(/encoder\.layer\.0\.output, encoder\.layer\.1\.output/);
    }
  });
});
