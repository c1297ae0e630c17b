import type { Optimizer } from "./optimizer.js";
import type { Parameter } from "./parameter.js";

/**
 * Adagrad (Duchi et al. 2011): per-coordinate learning rates from the running
 * sum of squared gradients. Coordinates whose gradient is exactly zero are
 * left untouched, so sparse (row-gathered) gradients cost only their reads.
 */
export class Adagrad implements Optimizer {
  readonly #sum = new Map<Parameter, Float32Array>();

  constructor(
    public lr: number,
    readonly eps = 1e-10,
    readonly initialAccumulator = 0,
    readonly weightDecay = 0,
  ) {}

  step(params: readonly Parameter[]): void {
    const { lr, eps, weightDecay } = this;
    for (const p of params) {
      const w = p.data;
      const g = p.grad;
      let s = this.#sum.get(p);
      if (!s) {
        s = new Float32Array(w.length).fill(this.initialAccumulator);
        this.#sum.set(p, s);
      }
      for (let i = 0; i < w.length; i++) {
        let gi = g[i]!;
        if (weightDecay !== 0) gi += weightDecay * w[i]!;
        if (gi === 0) continue;
        const si = s[i]! + gi * gi;
        s[i] = si;
        w[i] = w[i]! - (lr * gi) / (Math.sqrt(si) + eps);
      }
    }
  }
}
