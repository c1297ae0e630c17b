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
    return atLeast(this.#floats, slot, n, (size) => new Float64Array(size));
  }

  /** Integer array number `slot`, at least `n` long. */
  int(slot: number, n: number): Int32Array {
    return atLeast(this.#ints, slot, n, (size) => new Int32Array(size));
  }
}

/** Array number `slot` of `arrays`, grown (doubling, contents kept, new entries zero) to at least `n` entries. */
function atLeast<T extends Float64Array | Int32Array>(
  arrays: T[],
  slot: number,
  n: number,
  make: (size: number) => T,
): T {
  const have = arrays[slot];
  if (have && have.length >= n) return have;
  const grown = make(Math.max(n, 2 * (have?.length ?? 1024)));
  if (have) grown.set(have);
  arrays[slot] = grown;
  return grown;
}
