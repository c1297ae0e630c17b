import type { Optimizer } from "./optimizer.js";
import type { Parameter } from "./parameter.js";

/** Plain stochastic gradient descent with optional momentum and L2 weight decay. */
export class Sgd implements Optimizer {
  readonly #velocity = new Map<Parameter, Float32Array>();

  constructor(
    public lr: number,
    readonly momentum = 0,
    readonly weightDecay = 0,
  ) {}

  step(params: readonly Parameter[]): void {
    const { lr, momentum, weightDecay } = this;
    for (const p of params) {
      const w = p.data;
      const g = p.grad;
      if (momentum === 0) {
        for (let i = 0; i < w.length; i++) w[i] = w[i]! - lr * (g[i]! + weightDecay * w[i]!);
        continue;
      }
      let v = this.#velocity.get(p);
      if (!v) {
        v = new Float32Array(w.length);
        this.#velocity.set(p, v);
      }
      for (let i = 0; i < w.length; i++) {
        const vi = momentum * v[i]! + g[i]! + weightDecay * w[i]!;
        v[i] = vi;
        w[i] = w[i]! - lr * vi;
      }
    }
  }
}
