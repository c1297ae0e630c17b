import { type GraphBuilder, Parameter, Prng } from "@knowfuse/core";
import { z } from "zod";
import type { FusionGraphInputs, FusionLayer, FusionTrainForward, ParamRef } from "./fusion-layer.js";
import {
  biasGrad,
  flatten2d,
  gelu,
  geluGrad,
  inputGrad,
  layerNorm,
  layerNormBackward,
  layerNormTrain,
  linear,
  weightGrad,
} from "./graph-ops.js";

/** Options of "fusion.ernie.v1". */
export const ernieFusionOptionsSchema = z.object({
  hiddenSize: z.number().int().positive(),
  entityDim: z.number().int().positive(),
  /** Width of the fused state h (default: hiddenSize). */
  intermediateSize: z.number().int().positive().optional(),
  /** Standard deviation of the initial weights. */
  initStd: z.number().positive().default(0.02),
  layerNormEps: z.number().positive().default(1e-12),
  seed: z.number().int().default(1),
});

/** Options of "fusion.ernie.v1" as written by users. */
export type ErnieFusionOptions = z.input<typeof ernieFusionOptionsSchema>;

/**
 * ERNIE's information-fusion layer (Zhang et al. 2019). For a token aligned to an
 * entity, `h = GELU(W_t w + W_e e + b)`; tokens without one use `GELU(W_t w + b)`.
 * The new token state is `LayerNorm(w + W_o h + b_o)` and the new entity state
 * `LayerNorm(e + W_eo h + b_eo)`. With small initial output weights the layer
 * starts near the identity on layer-normalised encoder states. Training updates
 * the token path (W_t, W_e, b, W_o, b_o and the LayerNorm); the entity state is
 * computed for inspection and not trained (no task loss reaches it).
 */
export function createErnieFusion(options: ErnieFusionOptions): FusionLayer {
  const o = ernieFusionOptionsSchema.parse(options);
  const H = o.hiddenSize;
  const D = o.entityDim;
  const I = o.intermediateSize ?? H;
  const rng = new Prng(o.seed);
  const wt = new Parameter("ernie.w_t", [H, I]).initNormal(rng, o.initStd);
  const bt = new Parameter("ernie.b_t", [I]);
  const we = new Parameter("ernie.w_e", [D, I]).initNormal(rng, o.initStd);
  const wo = new Parameter("ernie.w_o", [I, H]).initNormal(rng, o.initStd);
  const bo = new Parameter("ernie.b_o", [H]);
  const lnG = new Parameter("ernie.ln_gamma", [H], new Float32Array(H).fill(1));
  const lnB = new Parameter("ernie.ln_beta", [H]);
  const weo = new Parameter("ernie.w_eo", [I, D]).initNormal(rng, o.initStd);
  const beo = new Parameter("ernie.b_eo", [D]);
  const lneG = new Parameter("ernie.entity_ln_gamma", [D], new Float32Array(D).fill(1));
  const lneB = new Parameter("ernie.entity_ln_beta", [D]);
  const trainable = [wt, bt, we, wo, bo, lnG, lnB];

  const fused = (g: GraphBuilder, h: string, e: string, mask: string, param: ParamRef) => {
    const em = g.op("Mul", [e, mask]);
    const a = g.op("Add", [linear(g, h, param(wt), param(bt)), g.op("MatMul", [em, param(we)])]);
    return { em, a, act: gelu(g, a) };
  };

  return {
    kind: "fusion.ernie.v1",
    hiddenSize: H,
    entityDim: D,
    options: o,
    uses: ["hidden", "entity", "entity_mask"],
    params: [...trainable, weo, beo, lneG, lneB],
    trainable,
    forward(g: GraphBuilder, inputs: FusionGraphInputs, param: ParamRef): string {
      const { em, act } = fused(g, inputs.hidden, inputs.entity, inputs.entity_mask, param);
      const t = linear(g, act, param(wo), param(bo));
      const y = layerNorm(g, g.op("Add", [inputs.hidden, t]), param(lnG), param(lnB), o.layerNormEps);
      const entityOut = layerNorm(
        g,
        g.op("Add", [em, linear(g, act, param(weo), param(beo))]),
        param(lneG),
        param(lneB),
        o.layerNormEps,
      );
      g.output(g.op("Mul", [entityOut, inputs.entity_mask]), "float", ["batch", "seq", D], "entity_hidden");
      return y;
    },
    forwardTrain(g: GraphBuilder, inputs: FusionGraphInputs, param: ParamRef): FusionTrainForward {
      const h = flatten2d(g, inputs.hidden, H);
      const e = flatten2d(g, inputs.entity, D);
      const m = flatten2d(g, inputs.entity_mask, 1);
      const { em, a, act } = fused(g, h, e, m, param);
      const t = linear(g, act, param(wo), param(bo));
      const ln = layerNormTrain(g, g.op("Add", [h, t]), param(lnG), param(lnB), o.layerNormEps);
      return {
        y: ln.y,
        backward(dy: string) {
          const { dx: dt, dGamma, dBeta } = layerNormBackward(g, dy, ln, param(lnG));
          const da = g.op("Mul", [inputGrad(g, dt, param(wo)), geluGrad(g, a)]);
          return new Map([
            [wo, weightGrad(g, act, dt)],
            [bo, biasGrad(g, dt)],
            [lnG, dGamma],
            [lnB, dBeta],
            [wt, weightGrad(g, h, da)],
            [bt, biasGrad(g, da)],
            [we, weightGrad(g, em, da)],
          ]);
        },
      };
    },
  };
}
