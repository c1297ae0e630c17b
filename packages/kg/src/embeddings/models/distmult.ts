import type { KgeModel } from "../kge-model.js";

/** DistMult (Yang et al. 2015): `score = Σ h ⊙ r ⊙ t`, i.e. `q = h ⊙ r` scored by dot product. */
export const distmult: KgeModel = {
  name: "kge.distmult.v1",
  scoring: "dot",
  complex: false,
  negativeSampling: false,
  phaseRelations: false,
  defaultInitScale: 1e-3,
  relationWidth: (dim) => dim,
  query: (g, h, r) => g.op("Mul", [h, r]),
  queryBackward: (g, h, r, dq) => ({ dh: g.op("Mul", [dq, r]), dr: g.op("Mul", [dq, h]) }),
};
