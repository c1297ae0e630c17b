import type { Parameter } from "./parameter.js";

/**
 * An in-memory copy of a set of parameters' values, to go back to the best
 * (or last good) state: after early stopping, or when training diverges.
 *
 * @example
 * ```ts
 * const best = new Checkpoint(params);
 * if (improved) best.save();
 * best.restore();
 * ```
 */
export class Checkpoint {
  readonly #copies: Float32Array[];
  #saved = false;

  constructor(readonly params: readonly Parameter[]) {
    this.#copies = params.map((p) => new Float32Array(p.size));
  }

  /** True once {@link Checkpoint.save} has been called. */
  get saved(): boolean {
    return this.#saved;
  }

  /** Copies the parameters' current values into the checkpoint. */
  save(): void {
    this.params.forEach((p, i) => {
      this.#copies[i]!.set(p.data);
    });
    this.#saved = true;
  }

  /** Copies the saved values back into the parameters (no-op if nothing was saved). */
  restore(): void {
    if (!this.#saved) return;
    this.params.forEach((p, i) => {
      p.data.set(this.#copies[i]!);
    });
  }
}
