import { describe, expect, it } from "vitest";
import { decodePackedFile, encodePackedFile, MalformedPackedFileError } from "./packed-file.js";

describe("packed files", () => {
  it("round-trip a header, arrays of every type (aligned, whatever their sizes) and a text", () => {
    const arrays = {
      bytes: Uint8Array.of(1, 2, 3),
      ints: Int32Array.of(-1, 2 ** 31 - 1, 7),
      floats: Float64Array.of(0.1, -2.5e300, Number.NaN),
      empty: new Int32Array(0),
    };
    for (const text of ["plain café", "東京 \ud800 mixed", ""]) {
      const file = encodePackedFile("KFTEST01", { n: 3, name: "x" }, arrays, text);
      const back = decodePackedFile(file, "KFTEST01");
      expect(back.header).toEqual({ n: 3, name: "x" });
      expect(back.text).toBe(text);
      expect(back.arrays).toEqual(arrays);
      expect(back.arrays.floats).toBeInstanceOf(Float64Array);
      expect(back.arrays.bytes).toBeInstanceOf(Uint8Array);
    }
    // A subarray view is written as its own elements only.
    const view = Int32Array.of(9, 8, 7, 6).subarray(1, 3);
    expect(
      decodePackedFile(encodePackedFile("KFTEST01", null, { view }, ""), "KFTEST01").arrays.view,
    ).toEqual(Int32Array.of(8, 7));
  });

  it("rejects another kind's file and damaged bytes", () => {
    const file = encodePackedFile("KFTEST01", {}, { ints: Int32Array.of(1, 2, 3) }, "text");
    expect(() => decodePackedFile(file, "KFOTHER1")).toThrow(MalformedPackedFileError);
    for (const bad of [file.subarray(0, file.length - 1), file.subarray(0, 30), Buffer.concat([file, file])])
      expect(() => decodePackedFile(bad, "KFTEST01")).toThrow(MalformedPackedFileError);
    expect(() => encodePackedFile("SHORT", {}, {}, "")).toThrow(RangeError);
  });
});
