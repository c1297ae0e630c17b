/**
 * A stable 32-bit FNV-1a hash of a string's UTF-16 code units: the same on
 * every machine, process and run (unlike object identity or Math.random).
 */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * The shard (0 ≤ shard < count) a key belongs to, by {@link stableHash}: run
 * `count` processes, each keeping the documents whose id falls in its shard,
 * and together they cover the input exactly once.
 *
 * @example
 * ```ts
 * const mine = documents.filter((d) => shardOf(d.id, 4) === 1);
 * ```
 */
export function shardOf(key: string, count: number): number {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`shard count must be >= 1, got ${count}`);
  return stableHash(key) % count;
}
