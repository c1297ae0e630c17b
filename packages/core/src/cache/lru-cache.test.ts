import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors/validation-error.js";
import { LruCache } from "./lru-cache.js";

describe("LruCache", () => {
  it("evicts the least recently used entry and counts hits, misses and evictions", () => {
    const cache = new LruCache<string, number>({ maxEntries: 2 });
    cache.set("a", 1).set("b", 2);
    expect(cache.get("a")).toBe(1); // a is now the most recent
    cache.set("c", 3); // evicts b
    expect(cache.has("b")).toBe(false);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("c")).toBe(3);
    expect(cache.stats()).toEqual({ hits: 2, misses: 1, evictions: 1, size: 2, maxEntries: 2 });
  });

  it("treats a stored undefined-free falsy value as a hit", () => {
    const cache = new LruCache<string, number | null>({ maxEntries: 3 });
    cache.set("zero", 0).set("none", null);
    expect(cache.get("zero")).toBe(0);
    expect(cache.get("none")).toBeNull();
    expect(cache.stats().hits).toBe(2);
  });

  it("rejects a size below 1 with a ValidationError", () => {
    expect(() => new LruCache({ maxEntries: 0 })).toThrow(ValidationError);
  });
});
