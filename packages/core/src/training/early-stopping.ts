/** Options of {@link EarlyStopping}. */
export interface EarlyStoppingOptions {
  /** Evaluations without improvement tolerated before stopping (default 5). */
  patience?: number;
  /** Smallest increase that counts as an improvement (default 0). */
  minDelta?: number;
  /** Whether larger ("max", default, e.g. MRR) or smaller ("min", e.g. loss) is better. */
  mode?: "max" | "min";
}

/**
 * Tracks a validation metric and says when to stop: after `patience`
 * evaluations in a row without an improvement of at least `minDelta`.
 *
 * @example
 * ```ts
 * const stopper = new EarlyStopping({ patience: 3 });
 * const { improved, stop } = stopper.update(validMrr, epoch);
 * if (improved) checkpoint.save();
 * if (stop) break;
 * ```
 */
export class EarlyStopping {
  readonly patience: number;
  readonly minDelta: number;
  readonly mode: "max" | "min";
  /** The best value seen so far (NaN before the first update). */
  best = Number.NaN;
  /** The step (epoch) at which `best` was seen (-1 before the first update). */
  bestStep = -1;
  #bad = 0;

  constructor(options: EarlyStoppingOptions = {}) {
    this.patience = options.patience ?? 5;
    this.minDelta = options.minDelta ?? 0;
    this.mode = options.mode ?? "max";
  }

  /** Records a new value; `improved` when it beats the best, `stop` when patience ran out. */
  update(value: number, step: number): { improved: boolean; stop: boolean } {
    const sign = this.mode === "max" ? 1 : -1;
    const improved = Number.isNaN(this.best)
      ? Number.isFinite(value)
      : sign * (value - this.best) > this.minDelta;
    if (improved) {
      this.best = value;
      this.bestStep = step;
      this.#bad = 0;
    } else {
      this.#bad++;
    }
    return { improved, stop: this.#bad >= this.patience };
  }
}
