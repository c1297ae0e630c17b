import type { KgeModel } from "../kge-model.js";
import { complexHalves, joinHalves } from "./complex-halves.js";

/**
 * RotatE (Sun et al. 2019): relations are rotations `r = e^{iθ}` in the
 * complex plane, `q = h ⊙ r`, scored by distance to t. Relation parameters are
 * the `dim/2` phases θ. Negative sampling uses the Euclidean distance
 * ‖q - t‖ over all complex components (the paper sums the moduli instead).
 */
export const rotate: KgeModel = {
  name: "kge.rotate.v1",
  scoring: "distance",
  complex: true,
  negativeSampling: true,
  phaseRelations: true,
  defaultInitScale: 0.1,
  relationWidth: (dim) => dim / 2,
  query(g, h, theta, dim) {
    const [hr, hi] = complexHalves(g, h, dim);
    const c = g.op("Cos", [theta]);
    const s = g.op("Sin", [theta]);
    const re = g.op("Sub", [g.op("Mul", [hr, c]), g.op("Mul", [hi, s])]);
    const im = g.op("Add", [g.op("Mul", [hr, s]), g.op("Mul", [hi, c])]);
    return joinHalves(g, re, im);
  },
  queryBackward(g, h, theta, dq, dim) {
    const [hr, hi] = complexHalves(g, h, dim);
    const [dre, dim_] = complexHalves(g, dq, dim);
    const c = g.op("Cos", [theta]);
    const s = g.op("Sin", [theta]);
    const qre = g.op("Sub", [g.op("Mul", [hr, c]), g.op("Mul", [hi, s])]);
    const qim = g.op("Add", [g.op("Mul", [hr, s]), g.op("Mul", [hi, c])]);
    const dhr = g.op("Add", [g.op("Mul", [dre, c]), g.op("Mul", [dim_, s])]);
    const dhi = g.op("Sub", [g.op("Mul", [dim_, c]), g.op("Mul", [dre, s])]);
    const dtheta = g.op("Sub", [g.op("Mul", [dim_, qre]), g.op("Mul", [dre, qim])]);
    return { dh: joinHalves(g, dhr, dhi), dr: dtheta };
  },
};
