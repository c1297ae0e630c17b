import type { GraphBuilder } from "@knowfuse/core";
import { z } from "zod";
import type { FusionGraphInputs, FusionLayer, FusionTrainForward } from "./fusion-layer.js";
import { flatten2d } from "./graph-ops.js";

/** Options of "fusion.none.v1". */
export const noneFusionOptionsSchema = z.object({
  hiddenSize: z.number().int().positive(),
  /** Accepted for symmetry with the other methods and ignored. */
  entityDim: z.number().int().nonnegative().optional(),
});

/** Options of "fusion.none.v1" as written by users. */
export type NoneFusionOptions = z.input<typeof noneFusionOptionsSchema>;

/** The bare encoder: token states pass through unchanged; no weights. */
export function createNoneFusion(options: NoneFusionOptions): FusionLayer {
  const o = noneFusionOptionsSchema.parse(options);
  return {
    kind: "fusion.none.v1",
    hiddenSize: o.hiddenSize,
    entityDim: 0,
    options: o,
    uses: ["hidden"],
    params: [],
    trainable: [],
    forward: (g: GraphBuilder, inputs: FusionGraphInputs) => g.op("Identity", [inputs.hidden]),
    forwardTrain: (g: GraphBuilder, inputs: FusionGraphInputs): FusionTrainForward => ({
      y: flatten2d(g, inputs.hidden, o.hiddenSize),
      backward: () => new Map(),
    }),
  };
}
