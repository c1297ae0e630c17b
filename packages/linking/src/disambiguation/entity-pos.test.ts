import { describe, expect, it } from "vitest";
import { coarsePos } from "./entity-pos.js";

describe("coarsePos", () => {
  it("maps universal tags, WordNet letters and names to n, v, a, r", () => {
    const tags = [
      "NOUN",
      "PROPN",
      "NUM",
      "VERB",
      "AUX",
      "ADJ",
      "ADV",
      "noun",
      "Verb",
      "s",
      "adjective satellite",
      "r",
    ];
    expect(tags.map(coarsePos)).toEqual(["n", "n", "n", "v", "v", "a", "r", "n", "v", "a", "a", "r"]);
  });

  it("has no coarse POS for other tags or none", () => {
    expect(["DET", "PUNCT", "X", "", undefined].map(coarsePos)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
