/** A record of typed arrays. */
type TypedArrays = Record<string, Float64Array | Int32Array>;

/**
 * Copies typed arrays into views of one buffer, side by side (the 8-byte ones
 * first, so every view is aligned): data read together then sits together in
 * memory, rather than in as many allocations as there are arrays. The views
 * come back under the same names.
 *
 * @example
 * ```ts
 * const { a, b } = contiguousArrays({ a: Float64Array.of(1, 2), b: Int32Array.of(3) });
 * a.buffer === b.buffer; // true
 * ```
 */
export function contiguousArrays<T extends TypedArrays>(arrays: T): T {
  const names = Object.keys(arrays).sort(
    (x, y) => arrays[y]!.BYTES_PER_ELEMENT - arrays[x]!.BYTES_PER_ELEMENT,
  );
  let bytes = 0;
  for (const name of names) bytes += arrays[name]!.byteLength;
  const buffer = new ArrayBuffer(bytes);
  const out: TypedArrays = {};
  let at = 0;
  for (const name of names) {
    const source = arrays[name]!;
    const view =
      source instanceof Float64Array
        ? new Float64Array(buffer, at, source.length)
        : new Int32Array(buffer, at, source.length);
    view.set(source);
    out[name] = view;
    at += source.byteLength;
  }
  return out as T;
}
