import type { Optimizer } from "./optimizer.js";
import type { Parameter } from "./parameter.js";

/** Adam (Kingma and Ba 2015) with bias correction and optional decoupled weight decay (AdamW). */
export class Adam implements Optimizer {
  readonly #m = new Map<Parameter, Float32Array>();
  readonly #v = new Map<Parameter, Float32Array>();
  #t = 0;

  constructor(
    public lr: number,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly eps = 1e-8,
    readonly weightDecay = 0,
  ) {}

  step(params: readonly Parameter[]): void {
    this.#t++;
    const { lr, beta1, beta2, eps, weightDecay } = this;
    const c1 = 1 - beta1 ** this.#t;
    const c2 = 1 - beta2 ** this.#t;
    const stepSize = (lr * Math.sqrt(c2)) / c1;
    const epsHat = eps * Math.sqrt(c2);
    for (const p of params) {
      const w = p.data;
      const g = p.grad;
      let m = this.#m.get(p);
      let v = this.#v.get(p);
      if (!m || !v) {
        m = new Float32Array(w.length);
        v = new Float32Array(w.length);
        this.#m.set(p, m);
        this.#v.set(p, v);
      }
      for (let i = 0; i < w.length; i++) {
        const gi = g[i]!;
        const mi = beta1 * m[i]! + (1 - beta1) * gi;
        const vi = beta2 * v[i]! + (1 - beta2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        let wi = w[i]!;
        if (weightDecay !== 0) wi -= lr * weightDecay * wi;
        w[i] = wi - (stepSize * mi) / (Math.sqrt(vi) + epsHat);
      }
    }
  }
}
