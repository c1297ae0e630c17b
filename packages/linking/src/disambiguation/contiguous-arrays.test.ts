import { describe, expect, it } from "vitest";
import { contiguousArrays } from "./contiguous-arrays.js";

describe("contiguousArrays", () => {
  it("copies arrays into aligned views of one buffer, under the same names", () => {
    const ints = Int32Array.of(1, 2, 3);
    const floats = Float64Array.of(0.5, -1.25);
    const empty = new Float64Array(0);
    const out = contiguousArrays({ ints, floats, empty });
    expect(Array.from(out.ints)).toEqual([1, 2, 3]);
    expect(Array.from(out.floats)).toEqual([0.5, -1.25]);
    expect(out.empty).toHaveLength(0);
    expect(out.ints.buffer).toBe(out.floats.buffer);
    expect(out.ints.buffer.byteLength).toBe(3 * 4 + 2 * 8);
    expect(out.floats.byteOffset % 8).toBe(0);
    // Copies: the sources stay apart.
    out.ints[0] = 9;
    expect(ints[0]).toBe(1);
  });
});
