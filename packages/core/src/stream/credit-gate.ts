/**
 * Counts items in flight and makes the source wait while `limit` are out: an
 * item takes a credit when it is pulled and gives it back when its result is
 * delivered. This is what keeps a streaming run's memory bounded.
 */
export class CreditGate {
  #inFlight = 0;
  #peak = 0;
  #waiters: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`credit limit must be >= 1, got ${limit}`);
  }

  /** Items taken and not yet given back. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** The largest {@link inFlight} seen so far. */
  get peak(): number {
    return this.#peak;
  }

  /** Resolves once a credit is free and takes it. */
  async acquire(): Promise<void> {
    while (this.#inFlight >= this.limit) {
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
    this.#inFlight += 1;
    if (this.#inFlight > this.#peak) this.#peak = this.#inFlight;
  }

  /** Gives `count` credits back and wakes waiting pullers. */
  release(count = 1): void {
    this.#inFlight = Math.max(0, this.#inFlight - count);
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}
