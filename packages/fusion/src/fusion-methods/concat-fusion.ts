import { type GraphBuilder, Parameter } from "@knowfuse/core";
import { z } from "zod";
import type { FusionGraphInputs, FusionLayer, FusionTrainForward, ParamRef } from "./fusion-layer.js";
import { biasGrad, flatten2d, linear, weightGrad } from "./graph-ops.js";

/** Options of "fusion.concat.v1". */
export const concatFusionOptionsSchema = z.object({
  hiddenSize: z.number().int().positive(),
  entityDim: z.number().int().positive(),
});

/** Options of "fusion.concat.v1" as written by users. */
export type ConcatFusionOptions = z.input<typeof concatFusionOptionsSchema>;

/**
 * The baseline: a linear projection of `[token; entity]` (the entity part is zero
 * for tokens without one). The projection starts as `[I; 0]`, so an untrained
 * layer is exactly the identity.
 */
export function createConcatFusion(options: ConcatFusionOptions): FusionLayer {
  const o = concatFusionOptionsSchema.parse(options);
  const H = o.hiddenSize;
  const D = o.entityDim;
  const init = new Float32Array((H + D) * H);
  for (let i = 0; i < H; i++) init[i * H + i] = 1;
  const w = new Parameter("concat.w", [H + D, H], init);
  const b = new Parameter("concat.b", [H]);
  const input = (g: GraphBuilder, h: string, e: string, m: string) =>
    g.op("Concat", [h, g.op("Mul", [e, m])], { axis: -1 });
  return {
    kind: "fusion.concat.v1",
    hiddenSize: H,
    entityDim: D,
    options: o,
    uses: ["hidden", "entity", "entity_mask"],
    params: [w, b],
    trainable: [w, b],
    forward(g: GraphBuilder, inputs: FusionGraphInputs, param: ParamRef): string {
      return linear(g, input(g, inputs.hidden, inputs.entity, inputs.entity_mask), param(w), param(b));
    },
    forwardTrain(g: GraphBuilder, inputs: FusionGraphInputs, param: ParamRef): FusionTrainForward {
      const x = flatten2d(g, input(g, inputs.hidden, inputs.entity, inputs.entity_mask), H + D);
      return {
        y: linear(g, x, param(w), param(b)),
        backward: (dy) =>
          new Map([
            [w, weightGrad(g, x, dy)],
            [b, biasGrad(g, dy)],
          ]),
      };
    },
  };
}
