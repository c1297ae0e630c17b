/**
 * A progress report from a long job (import, training, streaming). `done` and
 * `total` count units of `unit`; `total` is absent when unknown. Extra numbers
 * (loss, MRR, rate...) go in `metrics`.
 */
export interface ProgressEvent {
  /** Which job, e.g. "import:wordnet", "train:complex", "enrich". */
  job: string;
  /** What is counted ("lines", "entities", "epochs", "documents"). */
  unit: string;
  done: number;
  total?: number;
  /** Free-form phase name ("entities", "relations", "epoch 3"). */
  phase?: string;
  metrics?: Record<string, number>;
  /** Seconds since the job started. */
  elapsed: number;
}

/** A callback that receives progress events. */
export type ProgressListener = (event: ProgressEvent) => void;

/**
 * Emits throttled progress for one job: at most one event per `intervalMs`,
 * plus a final one from {@link ProgressReporter.finish}.
 */
export class ProgressReporter {
  readonly #started = performance.now();
  #lastEmit = Number.NEGATIVE_INFINITY;

  constructor(
    readonly job: string,
    readonly unit: string,
    private readonly listener: ProgressListener | undefined,
    private readonly intervalMs = 200,
  ) {}

  /** Seconds since the reporter was created. */
  get elapsed(): number {
    return (performance.now() - this.#started) / 1000;
  }

  /** Reports progress if the interval has passed (or `force`). */
  report(
    done: number,
    extra: Partial<Omit<ProgressEvent, "job" | "unit" | "done" | "elapsed">> = {},
    force = false,
  ): void {
    if (!this.listener) return;
    const now = performance.now();
    if (!force && now - this.#lastEmit < this.intervalMs) return;
    this.#lastEmit = now;
    this.listener({ job: this.job, unit: this.unit, done, elapsed: this.elapsed, ...extra });
  }

  /** Reports the final state unconditionally. */
  finish(done: number, extra: Partial<Omit<ProgressEvent, "job" | "unit" | "done" | "elapsed">> = {}): void {
    this.report(done, extra, true);
  }
}
