/**
 * Runs a store's writes one at a time, in call order, as the
 * `KnowledgeGraph` interface promises: each starts when the one before has
 * settled, whether it succeeded or failed.
 */
export class WriteQueue {
  #tail: Promise<void> = Promise.resolve();

  /** Queues `fn` behind the writes already queued; resolves or rejects as it does. */
  enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(fn);
    this.#tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Settles once every write queued so far has settled (never rejects). */
  idle(): Promise<void> {
    return this.#tail;
  }
}
