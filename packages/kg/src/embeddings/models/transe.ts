import type { KgeModel } from "../kge-model.js";

/**
 * TransE (Bordes et al. 2013): `q = h + r`, scored by distance to the tail.
 * Negative sampling uses the Euclidean distance ‖q - e‖.
 */
export const transe: KgeModel = {
  name: "kge.transe.v1",
  scoring: "distance",
  complex: false,
  negativeSampling: true,
  phaseRelations: false,
  defaultInitScale: 0.1,
  relationWidth: (dim) => dim,
  query: (g, h, r) => g.op("Add", [h, r]),
  queryBackward: (_g, _h, _r, dq) => ({ dh: dq, dr: dq }),
};
