import { describe, expect, it } from "vitest";
import { shardOf, stableHash } from "./shard-of.js";

describe("shardOf", () => {
  it("matches the published FNV-1a 32-bit test vectors", () => {
    // Vectors from the FNV reference (http://www.isthe.com/chongo/tech/comp/fnv/).
    expect(stableHash("")).toBe(0x811c9dc5);
    expect(stableHash("a")).toBe(0xe40c292c);
    expect(stableHash("foobar")).toBe(0xbf9cf968);
  });

  it("puts every key in exactly one shard and spreads keys over all shards", () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) {
      const s = shardOf(`doc-${i}`, 4);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThan(4);
      counts[s]! += 1;
    }
    for (const c of counts) expect(c).toBeGreaterThan(800);
  });

  it("rejects a shard count below 1", () => {
    expect(() => shardOf("x", 0)).toThrow(RangeError);
  });
});
