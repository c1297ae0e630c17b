import { checkGradients, floatTensor, GraphRunner, int64Tensor, Parameter, Prng } from "@knowfuse/core";
import { describe, expect, it } from "vitest";
import type { KgeModel } from "./kge-model.js";
import { createKgeModelRegistry, KGE_MODELS } from "./kge-model-registry.js";
import { buildNegativeSamplingGraph } from "./negative-sampling-graph.js";
import { buildOneVsAllGraph } from "./one-vs-all-graph.js";
import type { KgeRegularizer } from "./regularize.js";

const N = 7;
const RELS = 3;
const DIM = 6;
const B = 5;

function parameters(model: KgeModel, rng: Prng) {
  const E = new Parameter("E", [N, DIM]).initNormal(rng, 0.5);
  const R = new Parameter("R", [RELS, model.relationWidth(DIM)]);
  if (model.phaseRelations) R.initUniform(rng, Math.PI);
  else R.initNormal(rng, 0.5);
  return { E, R };
}

// Repeated indices on purpose: gradients of rows used twice must accumulate.
const h = int64Tensor([0, 1, 2, 0, 6], [B]);
const r = int64Tensor([0, 2, 1, 0, 2], [B]);
const t = int64Tensor([3, 0, 5, 4, 0], [B]);

describe("hand-written KGE gradients match finite differences", () => {
  it("covers every registered model", () => {
    expect(KGE_MODELS.map((m) => m.name).sort()).toEqual(createKgeModelRegistry().names());
  });

  for (const model of KGE_MODELS) {
    for (const reg of ["none", "n3", "l2"] as KgeRegularizer[]) {
      it(`${model.name} 1-vs-all, regulariser ${reg}, with dropout mask`, async () => {
        const rng = new Prng(21);
        const { E, R } = parameters(model, rng);
        const mask = new Float32Array(B * DIM).map(() => (rng.float() < 0.3 ? 0 : 1 / 0.7));
        const g = buildOneVsAllGraph({
          model,
          dim: DIM,
          numEntities: N,
          numRelations: RELS,
          regularizer: reg,
          regWeight: 0.3,
        });
        const runner = await GraphRunner.create(g, { threads: 1 });
        const feeds = { E, R, h, r, t, mask: floatTensor(mask, [B, DIM]) };
        await runner.run(feeds, { grad_E: E.gradTensor, grad_R: R.gradTensor, loss: null });
        const report = await checkGradients(() => runner.scalar(feeds, "loss"), [E, R], {
          rng,
          samples: 15,
          eps: 5e-3,
        });
        expect(report.maxError, JSON.stringify(report.probes.filter((p) => p.error > 0.02))).toBeLessThan(
          0.02,
        );
        await runner.release();
      });
    }
    if (model.negativeSampling) {
      it(`${model.name} negative sampling with self-adversarial weights and N3`, async () => {
        const rng = new Prng(22);
        const { E, R } = parameters(model, rng);
        const options = {
          model,
          dim: DIM,
          numEntities: N,
          numRelations: RELS,
          gamma: 2,
          adversarialTemperature: 1,
          regularizer: "n3",
          regWeight: 0.1,
        } as const;
        const cand = int64Tensor([3, 1, 2, 1, 0, 6, 5, 2, 3, 1, 5, 5, 4, 0, 2, 0, 4, 3, 4, 1], [B, 4]);
        const runner = await GraphRunner.create(buildNegativeSamplingGraph(options), { threads: 1 });
        const out = await runner.run(
          { E, R, h, r, cand },
          { grad_E: E.gradTensor, grad_R: R.gradTensor, weights: null },
        );
        // The self-adversarial weights are constants of the gradient (as in Sun et al.): differentiate
        // the loss with the weights frozen at their current values.
        const weights = out.weights!;
        expect(Array.from(weights.data as Float32Array).some((v) => Math.abs(v - 1 / 3) > 1e-3)).toBe(true);
        const frozen = await GraphRunner.create(
          buildNegativeSamplingGraph({ ...options, weightsInput: true }),
          {
            threads: 1,
          },
        );
        const feeds = { E, R, h, r, cand, weights };
        const report = await checkGradients(() => frozen.scalar(feeds, "loss"), [E, R], {
          rng,
          samples: 15,
          eps: 5e-3,
        });
        await frozen.release();
        expect(report.maxError, JSON.stringify(report.probes.filter((p) => p.error > 0.02))).toBeLessThan(
          0.02,
        );
        await runner.release();
      });
    }
  }
});
