/**
 * Work arrays indexed by interned node number, kept between calls and grown on
 * demand (new entries are zero). Whoever writes into them restores what the
 * next caller relies on (zeros, or stamps that only increase).
 */
export class NodeScratch {
  readonly #floats: Float64Array[] = [];
  readonly #ints: Int32Array[] = [];
  #stamp = 0;

  /** A number larger than any returned before, for marking entries as "set in this round". */
  nextStamp(): number {
    return ++this.#stamp;
  }

  /** Float array number `slot`, at least `n` long. */
  float(slot: number, n: number): Float64Array {
    const have = this.#floats[slot];
    if (have && have.length >= n) return have;
    const grown = new Float64Array(Math.max(n, 2 * (have?.length ?? 1024)));
    if (have) grown.set(have);
    this.#floats[slot] = grown;
    return grown;
  }

  /** Integer array number `slot`, at least `n` long. */
  int(slot: number, n: number): Int32Array {
    const have = this.#ints[slot];
    if (have && have.length >= n) return have;
    const grown = new Int32Array(Math.max(n, 2 * (have?.length ?? 1024)));
    if (have) grown.set(have);
    this.#ints[slot] = grown;
    return grown;
  }
}
