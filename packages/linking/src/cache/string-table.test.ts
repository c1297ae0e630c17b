import { describe, expect, it } from "vitest";
import { packStrings, stringAt } from "./string-table.js";

describe("string tables", () => {
  it("give back every string, empty ones and characters beyond one code unit included", () => {
    const strings = ["", "pet", "", "東京", "😀 x", ""];
    const table = packStrings(strings);
    expect(table.text).toBe(strings.join(""));
    expect(strings.map((_, k) => stringAt(table, k))).toEqual(strings);
    expect(packStrings([])).toEqual({ text: "", ends: new Int32Array(0) });
  });
});
