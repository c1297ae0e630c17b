import type { KgeModel } from "../kge-model.js";
import { complexHalves, joinHalves } from "./complex-halves.js";

/**
 * ComplEx (Trouillon et al. 2016): `score = Re(Σ h ⊙ r ⊙ conj(t))`. Vectors are
 * complex with `dim/2` components, stored as [real half, imaginary half];
 * `q = h ⊙ r` (complex product) is scored by the real dot product with t.
 */
export const complex: KgeModel = {
  name: "kge.complex.v1",
  scoring: "dot",
  complex: true,
  negativeSampling: false,
  phaseRelations: false,
  defaultInitScale: 1e-3,
  relationWidth: (dim) => dim,
  query(g, h, r, dim) {
    const [hr, hi] = complexHalves(g, h, dim);
    const [rr, ri] = complexHalves(g, r, dim);
    const re = g.op("Sub", [g.op("Mul", [hr, rr]), g.op("Mul", [hi, ri])]);
    const im = g.op("Add", [g.op("Mul", [hr, ri]), g.op("Mul", [hi, rr])]);
    return joinHalves(g, re, im);
  },
  queryBackward(g, h, r, dq, dim) {
    const [hr, hi] = complexHalves(g, h, dim);
    const [rr, ri] = complexHalves(g, r, dim);
    const [dre, dim_] = complexHalves(g, dq, dim);
    const dhr = g.op("Add", [g.op("Mul", [dre, rr]), g.op("Mul", [dim_, ri])]);
    const dhi = g.op("Sub", [g.op("Mul", [dim_, rr]), g.op("Mul", [dre, ri])]);
    const drr = g.op("Add", [g.op("Mul", [dre, hr]), g.op("Mul", [dim_, hi])]);
    const dri = g.op("Sub", [g.op("Mul", [dim_, hr]), g.op("Mul", [dre, hi])]);
    return { dh: joinHalves(g, dhr, dhi), dr: joinHalves(g, drr, dri) };
  },
};
