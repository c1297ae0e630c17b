/**
 * Strings kept as one text cut by end offsets (string `k` runs from
 * `ends[k-1]`, or 0, to `ends[k]`): one allocation for many strings, stored
 * in a packed file as a text and an array, and read back one string at a time.
 */
export interface StringTable {
  text: string;
  ends: Int32Array;
}

/**
 * The {@link StringTable} of `strings`, in order.
 *
 * @example
 * ```ts
 * const t = packStrings(["pet", "", "store"]); // { text: "petstore", ends: Int32Array [3, 3, 8] }
 * stringAt(t, 2); // "store"
 * ```
 */
export function packStrings(strings: readonly string[]): StringTable {
  const ends = new Int32Array(strings.length);
  let at = 0;
  for (let k = 0; k < strings.length; k++) {
    at += strings[k]!.length;
    ends[k] = at;
  }
  return { text: strings.join(""), ends };
}

/** String `k` of a {@link StringTable}. */
export function stringAt(table: StringTable, k: number): string {
  return table.text.slice(k === 0 ? 0 : table.ends[k - 1]!, table.ends[k]!);
}
