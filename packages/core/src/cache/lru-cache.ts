import { z } from "zod";
import { parseWith } from "../registry/parse-with.js";

/** Schema of {@link LruCache} options. */
export const LruCacheOptionsSchema = z.strictObject({
  /** Most entries kept; the least recently used goes first (default 10 000). */
  maxEntries: z.number().int().min(1).default(10_000),
});

/** Options of {@link LruCache}. */
export type LruCacheOptions = z.input<typeof LruCacheOptionsSchema>;

/** Hit and miss counts of a cache. */
export interface CacheStats {
  hits: number;
  misses: number;
  /** Entries dropped to stay within the size. */
  evictions: number;
  size: number;
  maxEntries: number;
}

/**
 * A least-recently-used cache bounded by entry count. `get` counts hits and
 * misses; reading or writing an entry makes it the most recent.
 *
 * @example
 * ```ts
 * const cache = new LruCache<string, Float32Array>({ maxEntries: 50_000 });
 * cache.set("Q42", vector);
 * cache.get("Q42"); // vector, counted as a hit
 * ```
 */
export class LruCache<K, V> {
  readonly maxEntries: number;
  readonly #map = new Map<K, V>();
  #hits = 0;
  #misses = 0;
  #evictions = 0;

  constructor(options: LruCacheOptions = {}) {
    this.maxEntries = parseWith(LruCacheOptionsSchema, options, "cache options", "INVALID_CONFIG").maxEntries;
  }

  /** Entries held. */
  get size(): number {
    return this.#map.size;
  }

  /** The value for `key` (made most recent), or undefined; counts a hit or a miss. */
  get(key: K): V | undefined {
    if (!this.#map.has(key)) {
      this.#misses += 1;
      return undefined;
    }
    const value = this.#map.get(key) as V;
    this.#map.delete(key);
    this.#map.set(key, value);
    this.#hits += 1;
    return value;
  }

  /** True when `key` is held (no effect on recency or counts). */
  has(key: K): boolean {
    return this.#map.has(key);
  }

  /** Stores `value` as the most recent entry, evicting the least recent past `maxEntries`. */
  set(key: K, value: V): this {
    this.#map.delete(key);
    this.#map.set(key, value);
    while (this.#map.size > this.maxEntries) {
      const oldest = this.#map.keys().next().value as K;
      this.#map.delete(oldest);
      this.#evictions += 1;
    }
    return this;
  }

  /** Removes one entry. */
  delete(key: K): boolean {
    return this.#map.delete(key);
  }

  /** Removes every entry (counts are kept). */
  clear(): void {
    this.#map.clear();
  }

  /** Hit, miss and eviction counts and the current size. */
  stats(): CacheStats {
    return {
      hits: this.#hits,
      misses: this.#misses,
      evictions: this.#evictions,
      size: this.#map.size,
      maxEntries: this.maxEntries,
    };
  }
}
