import { type GraphBuilder, Parameter, Prng } from "@knowfuse/core";
import { z } from "zod";
import type { FusionGraphInputs, FusionLayer, FusionTrainForward, ParamRef } from "./fusion-layer.js";
import {
  biasGrad,
  flatten2d,
  inputGrad,
  layerNorm,
  layerNormBackward,
  layerNormTrain,
  linear,
  weightGrad,
} from "./graph-ops.js";

/** Options of "fusion.kar.v1". */
export const karFusionOptionsSchema = z
  .object({
    hiddenSize: z.number().int().positive(),
    entityDim: z.number().int().positive(),
    heads: z.number().int().positive().default(4),
    initStd: z.number().positive().default(0.02),
    layerNormEps: z.number().positive().default(1e-12),
    seed: z.number().int().default(1),
    /**
     * Score bonus for the spans a token belongs to (0 turns it off): tokens of a
     * mention then read its entity even when the mention spans many word pieces.
     */
    ownSpanBias: z.number().min(0).default(4),
    /** Apply between encoder layers `afterLayer` and `afterLayer + 1` (0-based) instead of after the last. */
    afterLayer: z.number().int().nonnegative().optional(),
  })
  .refine((o) => o.entityDim % o.heads === 0, {
    message: "entityDim must be a multiple of heads",
    path: ["heads"],
  });

/** Options of "fusion.kar.v1" as written by users. */
export type KarFusionOptions = z.input<typeof karFusionOptionsSchema>;

const NEG = 1e4;

/**
 * KnowBERT's knowledge attention and recontextualisation (Peters et al. 2019):
 * token states are projected into the entity space (`p = W_p w + b_p`); each
 * mention span is mean-pooled (`s`); its candidates are scored from the log prior
 * and the similarity `s·e/√d` and softmax-weighted into `ẽ`; the span
 * representation becomes `s + ẽ`; every token attends (multi-head) over the span
 * representations, with a fixed score bonus (`ownSpanBias`) for the spans it lies in; the result is projected back with a residual and LayerNorm:
 * `LayerNorm(w + W_o attn + b_o)`. Small initial output weights make an untrained
 * layer start near the identity. Query and key weights start near the identity, so a
 * token first attends to its own mention. Training updates the attention and
 * output weights and the LayerNorm (`W_q`, `W_k`, `W_v`, `W_o`, `b_o`, γ, β); the
 * entity-space projection and the candidate scorer keep their seeded values.
 */
export function createKarFusion(options: KarFusionOptions): FusionLayer {
  const o = karFusionOptionsSchema.parse(options);
  const H = o.hiddenSize;
  const D = o.entityDim;
  const nh = o.heads;
  const dh = D / nh;
  const rng = new Prng(o.seed);
  const std = o.initStd;
  const wp = new Parameter("kar.w_p", [H, D]).initNormal(rng, 1 / Math.sqrt(H));
  const bp = new Parameter("kar.b_p", [D]);
  // Candidate score = w_sim * sim + w_prior * log(prior) + bias, so that with unit
  // weights α ∝ prior · exp(sim).
  const score = new Parameter("kar.score", [3], Float32Array.from([1, 1, 0]));
  // Query and key start near the identity: a token's projection is most similar
  // to the pooled projection of its own span, so tokens first attend to their own mention.
  const nearIdentity = (name: string) => {
    const p = new Parameter(name, [D, D]).initNormal(rng, std);
    for (let i = 0; i < D; i++) p.data[i * D + i] = p.data[i * D + i]! + 1;
    return p;
  };
  const wq = nearIdentity("kar.w_q");
  const wk = nearIdentity("kar.w_k");
  const wv = new Parameter("kar.w_v", [D, D]).initNormal(rng, 1 / Math.sqrt(D));
  const wo = new Parameter("kar.w_o", [D, H]).initNormal(rng, std);
  const bo = new Parameter("kar.b_o", [H]);
  const lnG = new Parameter("kar.ln_gamma", [H], new Float32Array(H).fill(1));
  const lnB = new Parameter("kar.ln_beta", [H]);
  const trainable = [wq, wk, wv, wo, bo, lnG, lnB];

  /** Everything up to the attention context; returns the values the backward needs. */
  const attend = (g: GraphBuilder, x: FusionGraphInputs, param: ParamRef) => {
    const p = linear(g, x.hidden, param(wp), param(bp)); // [B,T,D]
    const s = g.op("MatMul", [x.span_pool, p]); // [B,M,D]
    const sim = g.op("Squeeze", [
      g.op("MatMul", [x.candidates, g.op("Unsqueeze", [s, g.ints([3])])]),
      g.ints([3]),
    ]);
    const sc = param(score);
    const part = (i: number) => g.op("Gather", [sc, g.ints([i])], { axis: 0 });
    const logits = g.op("Add", [
      g.op("Add", [
        g.op("Mul", [g.op("Mul", [sim, g.scalar(1 / Math.sqrt(D))]), part(0)]),
        g.op("Mul", [g.op("Log", [g.op("Add", [x.prior, g.scalar(1e-6)])]), part(1)]),
      ]),
      g.op("Add", [part(2), g.op("Mul", [g.op("Sub", [x.candidate_mask, g.scalar(1)]), g.scalar(NEG)])]),
    ]);
    const alpha = g.op("Softmax", [logits], { axis: -1 }); // [B,M,K]
    const weighted = g.op("Squeeze", [
      g.op("MatMul", [g.op("Unsqueeze", [alpha, g.ints([2])]), x.candidates]),
      g.ints([2]),
    ]); // [B,M,D]
    const spans = g.op("Add", [s, weighted]);
    const heads = (v: string, perm: number[]) =>
      g.op("Transpose", [g.op("Reshape", [v, g.ints([0, 0, nh, dh])])], { perm });
    const q = heads(g.op("MatMul", [p, param(wq)]), [0, 2, 1, 3]); // [B,nh,T,dh]
    const k = heads(g.op("MatMul", [spans, param(wk)]), [0, 2, 3, 1]); // [B,nh,dh,M]
    const v = heads(g.op("MatMul", [spans, param(wv)]), [0, 2, 1, 3]); // [B,nh,M,dh]
    const maskBias = g.op("Mul", [
      g.op("Sub", [g.op("Unsqueeze", [x.mention_mask, g.ints([1, 2])]), g.scalar(1)]),
      g.scalar(NEG),
    ]);
    // [B,1,T,M]: 1 where the token lies inside the span.
    const own = g.op("Unsqueeze", [
      g.op("Cast", [g.op("Greater", [g.op("Transpose", [x.span_pool], { perm: [0, 2, 1] }), g.scalar(0)])], {
        to: 1,
      }),
      g.ints([1]),
    ]);
    const bias = g.op("Add", [maskBias, g.op("Mul", [own, g.scalar(o.ownSpanBias)])]);
    const att = g.op(
      "Softmax",
      [g.op("Add", [g.op("Mul", [g.op("MatMul", [q, k]), g.scalar(1 / Math.sqrt(dh))]), bias])],
      { axis: -1 },
    ); // [B,nh,T,M]
    const ctx4 = g.op("Transpose", [g.op("MatMul", [att, v])], { perm: [0, 2, 1, 3] }); // [B,T,nh,dh]
    const ctx = g.op("Reshape", [ctx4, g.ints([0, 0, D])]);
    return { p, spans, q, k, v, att, ctx, ctx4 };
  };

  return {
    kind: "fusion.kar.v1",
    hiddenSize: H,
    entityDim: D,
    options: o,
    uses: ["hidden", "span_pool", "candidates", "prior", "candidate_mask", "mention_mask"],
    params: [wp, bp, score, ...trainable],
    trainable,
    forward(g: GraphBuilder, inputs: FusionGraphInputs, param: ParamRef): string {
      const { ctx } = attend(g, inputs, param);
      const out = linear(g, ctx, param(wo), param(bo));
      return layerNorm(g, g.op("Add", [inputs.hidden, out]), param(lnG), param(lnB), o.layerNormEps);
    },
    forwardTrain(g: GraphBuilder, inputs: FusionGraphInputs, param: ParamRef): FusionTrainForward {
      const { p, spans, q, k, v, att, ctx, ctx4 } = attend(g, inputs, param);
      const ctx2 = flatten2d(g, ctx, D);
      const r = g.op("Add", [flatten2d(g, inputs.hidden, H), linear(g, ctx2, param(wo), param(bo))]);
      const ln = layerNormTrain(g, r, param(lnG), param(lnB), o.layerNormEps);
      return {
        y: ln.y,
        backward(dy: string) {
          const { dx: dr, dGamma, dBeta } = layerNormBackward(g, dy, ln, param(lnG));
          const dctx = g.op("Reshape", [inputGrad(g, dr, param(wo)), g.op("Shape", [ctx4])]); // [B,T,nh,dh]
          const dctxHeads = g.op("Transpose", [dctx], { perm: [0, 2, 1, 3] }); // [B,nh,T,dh]
          const dv = g.op("MatMul", [g.op("Transpose", [att], { perm: [0, 1, 3, 2] }), dctxHeads]); // [B,nh,M,dh]
          const dv2 = flatten2d(g, g.op("Transpose", [dv], { perm: [0, 2, 1, 3] }), D);
          // Softmax backward: dS = A ⊙ (dA − Σ_m dA ⊙ A), then through the scaled q·k.
          const dAtt = g.op("MatMul", [dctxHeads, g.op("Transpose", [v], { perm: [0, 1, 3, 2] })]);
          const rowDot = g.op("ReduceSum", [g.op("Mul", [dAtt, att]), g.ints([-1])], { keepdims: 1 });
          const dScores = g.op("Mul", [
            g.op("Mul", [att, g.op("Sub", [dAtt, rowDot])]),
            g.scalar(1 / Math.sqrt(dh)),
          ]); // [B,nh,T,M]
          const dq = g.op("MatMul", [dScores, g.op("Transpose", [k], { perm: [0, 1, 3, 2] })]); // [B,nh,T,dh]
          const dkT = g.op("MatMul", [g.op("Transpose", [q], { perm: [0, 1, 3, 2] }), dScores]); // [B,nh,dh,M]
          const dq2 = flatten2d(g, g.op("Transpose", [dq], { perm: [0, 2, 1, 3] }), D);
          const dk2 = flatten2d(g, g.op("Transpose", [dkT], { perm: [0, 3, 1, 2] }), D);
          return new Map([
            [wo, weightGrad(g, ctx2, dr)],
            [bo, biasGrad(g, dr)],
            [lnG, dGamma],
            [lnB, dBeta],
            [wv, weightGrad(g, flatten2d(g, spans, D), dv2)],
            [wq, weightGrad(g, flatten2d(g, p, D), dq2)],
            [wk, weightGrad(g, flatten2d(g, spans, D), dk2)],
          ]);
        },
      };
    },
  };
}
