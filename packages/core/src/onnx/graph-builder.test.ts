import { describe, expect, it } from "vitest";
import { float, GraphBuilder } from "./graph-builder.js";
import { createSession, floatTensor } from "./session.js";

describe("GraphBuilder", () => {
  it("builds a graph that onnxruntime runs: y = relu(x W + b) * alpha", async () => {
    const g = new GraphBuilder("t");
    const x = g.input("x", "float", ["n", 3]);
    const w = g.initializer("w", Float32Array.from([1, 0, -1, 2, 0.5, 1]), [3, 2]);
    const b = g.constant([0.5, -10]);
    const h = g.op("Relu", [g.op("Add", [g.op("MatMul", [x, w]), b])]);
    const y = g.op("Mul", [h, g.scalar(2)]);
    const z = g.op("LeakyRelu", [y], { alpha: float(1) });
    g.output(z, "float", ["n", 2], "y");
    const session = await createSession(g.toBytes(), { threads: 1 });
    const out = await session.run({ x: floatTensor(Float32Array.from([1, 2, 3, 0, 0, 0]), [2, 3]) });
    // W rows [1,0], [-1,2], [0.5,1]; row 1: [1 - 2 + 1.5, 0 + 4 + 3] + b = [1, -3] -> relu [1, 0] -> *2 = [2, 0]
    expect(Array.from(out.y!.data as Float32Array)).toEqual([2, 0, 1, 0]);
    await session.release();
  });

  it("rejects an initializer whose size does not match its dims", () => {
    const g = new GraphBuilder("t");
    expect(() => g.initializer("w", new Float32Array(5), [2, 3])).toThrow(/5 values/);
  });
});
