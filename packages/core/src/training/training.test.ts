import { describe, expect, it } from "vitest";
import { TrainingDivergedError } from "../errors/specific-errors.js";
import { GraphBuilder } from "../onnx/graph-builder.js";
import { floatTensor } from "../onnx/session.js";
import { assertFiniteLoss } from "./assert-finite-loss.js";
import { Checkpoint } from "./checkpoint.js";
import { createOptimizer } from "./create-optimizer.js";
import { EarlyStopping } from "./early-stopping.js";
import { checkGradients } from "./gradient-check.js";
import { GraphRunner } from "./graph-runner.js";
import { Parameter } from "./parameter.js";
import { Prng } from "./prng.js";

/**
 * Softmax regression: loss = mean_i CE(softmax(x_i W + b), y_i), with its
 * hand-written backward graph: dZ = (softmax - onehot) / n, dW = xᵀ dZ, db = Σ dZ.
 */
function softmaxRegression(dIn: number, classes: number): GraphBuilder {
  const g = new GraphBuilder("softmax-regression");
  const x = g.input("x", "float", ["n", dIn]);
  const onehot = g.input("onehot", "float", ["n", classes]);
  const w = g.input("w", "float", [dIn, classes]);
  const b = g.input("b", "float", [classes]);
  const z = g.op("Add", [g.op("MatMul", [x, w]), b]);
  const logp = g.op("LogSoftmax", [z], { axis: 1 });
  const n = g.op("Cast", [g.op("Gather", [g.op("Shape", [x]), g.ints([0])], { axis: 0 })], { to: 1 });
  const nll = g.op("Neg", [g.op("ReduceSum", [g.op("Mul", [logp, onehot])], { keepdims: 0 })]);
  g.output(g.op("Div", [nll, g.op("Squeeze", [n])]), "float", [], "loss");
  const dz = g.op("Div", [g.op("Sub", [g.op("Exp", [logp]), onehot]), n]);
  g.output(g.op("MatMul", [g.op("Transpose", [x], { perm: [1, 0] }), dz]), "float", [dIn, classes], "grad_w");
  g.output(g.op("ReduceSum", [dz, g.ints([0])], { keepdims: 0 }), "float", [classes], "grad_b");
  return g;
}

function toyData(rng: Prng, n: number, dIn: number, classes: number) {
  const x = rng.fillNormal(new Float32Array(n * dIn), 1);
  const onehot = new Float32Array(n * classes);
  for (let i = 0; i < n; i++) {
    // The class is the arg-max of the first `classes` features: learnable.
    let best = 0;
    for (let c = 1; c < classes; c++) if (x[i * dIn + c]! > x[i * dIn + best]!) best = c;
    onehot[i * classes + best] = 1;
  }
  return { x: floatTensor(x, [n, dIn]), onehot: floatTensor(onehot, [n, classes]) };
}

describe("Prng", () => {
  it("repeats its sequence for the same seed and differs for another", () => {
    const a = new Prng(7);
    const b = new Prng(7);
    const c = new Prng(8);
    const sa = Array.from({ length: 5 }, () => a.uint32());
    expect(Array.from({ length: 5 }, () => b.uint32())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.uint32())).not.toEqual(sa);
  });

  it("draws uniform floats with mean 1/2 and normals with unit variance", () => {
    const rng = new Prng(1);
    const u = rng.fillUniform(new Float32Array(20000), 0, 1);
    const z = rng.fillNormal(new Float32Array(20000), 1);
    const mean = (v: Float32Array) => v.reduce((s, x) => s + x, 0) / v.length;
    expect(mean(u)).toBeCloseTo(0.5, 1);
    expect(mean(z)).toBeCloseTo(0, 1);
    expect(z.reduce((s, x) => s + x * x, 0) / z.length).toBeCloseTo(1, 1);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
  });

  it("shuffles into a permutation", () => {
    const items = Int32Array.from({ length: 100 }, (_, i) => i);
    new Prng(3).shuffle(items);
    expect(Array.from(items).sort((p, q) => p - q)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(Array.from(items)).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});

describe("GraphRunner + Parameter + optimisers on a real ONNX session", () => {
  it("hand-written backward graph matches finite differences", async () => {
    const rng = new Prng(11);
    const w = new Parameter("w", [6, 3]).initNormal(rng, 0.5);
    const b = new Parameter("b", [3]).initNormal(rng, 0.5);
    const runner = await GraphRunner.create(softmaxRegression(6, 3), { threads: 1 });
    const data = toyData(rng, 16, 6, 3);
    await runner.run({ ...data, w, b }, { grad_w: w.gradTensor, grad_b: b.gradTensor });
    expect(w.grad.some((v) => v !== 0)).toBe(true);
    const report = await checkGradients(() => runner.scalar({ ...data, w, b }, "loss"), [w, b], {
      rng,
      samples: 10,
      eps: 1e-2,
    });
    expect(report.probes.length).toBe(13);
    expect(report.maxError).toBeLessThan(2e-2);
    await runner.release();
  });

  it("the gradient checker catches a wrong gradient", async () => {
    const rng = new Prng(12);
    const w = new Parameter("w", [6, 3]).initNormal(rng, 0.5);
    const b = new Parameter("b", [3]).initNormal(rng, 0.5);
    const runner = await GraphRunner.create(softmaxRegression(6, 3), { threads: 1 });
    const data = toyData(rng, 16, 6, 3);
    await runner.run({ ...data, w, b }, { grad_w: w.gradTensor, grad_b: b.gradTensor });
    for (let i = 0; i < w.grad.length; i++) w.grad[i] = w.grad[i]! * 1.5;
    const report = await checkGradients(() => runner.scalar({ ...data, w, b }, "loss"), [w], {
      rng,
      samples: 10,
    });
    expect(report.maxError).toBeGreaterThan(0.1);
    await runner.release();
  });

  for (const config of [
    { type: "sgd", lr: 0.5 },
    { type: "sgd", lr: 0.2, momentum: 0.9 },
    { type: "adagrad", lr: 0.3 },
    { type: "adam", lr: 0.05 },
  ] as const) {
    it(`${config.type}${"momentum" in config ? "+momentum" : ""} lowers the training loss, updating parameters in place`, async () => {
      const rng = new Prng(5);
      const w = new Parameter("w", [6, 3]).initNormal(rng, 0.1);
      const b = new Parameter("b", [3]);
      const runner = await GraphRunner.create(softmaxRegression(6, 3), { threads: 1 });
      const data = toyData(rng, 64, 6, 3);
      const optimizer = createOptimizer(config);
      const first = await runner.scalar({ ...data, w, b }, "loss");
      const tensorBefore = w.tensor;
      for (let step = 0; step < 60; step++) {
        await runner.run({ ...data, w, b }, { grad_w: w.gradTensor, grad_b: b.gradTensor });
        optimizer.step([w, b]);
      }
      expect(w.tensor).toBe(tensorBefore);
      const last = await runner.scalar({ ...data, w, b }, "loss");
      expect(last).toBeLessThan(first * 0.6);
      await runner.release();
    });
  }

  it("rejects a bad optimiser config naming the field", () => {
    expect(() => createOptimizer({ type: "adam", lr: -1 })).toThrow(/lr/);
  });
});

describe("EarlyStopping, Checkpoint, assertFiniteLoss", () => {
  it("stops after `patience` evaluations without improvement and remembers the best", () => {
    const stopper = new EarlyStopping({ patience: 2, minDelta: 0.01 });
    const seen = [0.1, 0.3, 0.305, 0.2, 0.5, 0.49, 0.48].map((v, i) => stopper.update(v, i));
    expect(seen.map((s) => s.improved)).toEqual([true, true, false, false, true, false, false]);
    expect(seen.map((s) => s.stop)).toEqual([false, false, false, true, false, false, true]);
    expect(stopper.best).toBe(0.5);
    expect(stopper.bestStep).toBe(4);
  });

  it("restores saved values", () => {
    const p = new Parameter("p", [3], Float32Array.from([1, 2, 3]));
    const cp = new Checkpoint([p]);
    cp.restore();
    expect(Array.from(p.data)).toEqual([1, 2, 3]);
    cp.save();
    p.data.fill(9);
    cp.restore();
    expect(Array.from(p.data)).toEqual([1, 2, 3]);
  });

  it("throws TrainingDivergedError on NaN and infinite losses only", () => {
    expect(() => assertFiniteLoss(0.5, 1)).not.toThrow();
    expect(() => assertFiniteLoss(Number.NaN, 3)).toThrow(TrainingDivergedError);
    expect(() => assertFiniteLoss(Number.POSITIVE_INFINITY, 3)).toThrow(/step 3/);
  });
});
