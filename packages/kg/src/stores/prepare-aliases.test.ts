import { DimensionMismatchError, ValidationError } from "@knowfuse/core";
import { describe, expect, it } from "vitest";
import { checkEmbeddingVectors } from "./check-embedding-vectors.js";
import { prepareAliases } from "./prepare-aliases.js";

describe("prepareAliases", () => {
  it("normalises, drops repeated texts (first wins) and keeps prior and key", () => {
    expect(
      prepareAliases("e", [
        { text: "New_York City", prior: 0.5, key: "k" },
        { text: "New_York City", prior: 0.9 },
        { text: "NYC" },
      ]),
    ).toEqual([
      { text: "New_York City", normalized: "new york city", prior: 0.5, key: "k" },
      { text: "NYC", normalized: "nyc", prior: null, key: null },
    ]);
    expect(prepareAliases("e", undefined)).toEqual([]);
  });

  it("refuses an alias that is empty after normalisation, naming the entity", () => {
    expect(() => prepareAliases("e:1", [{ text: "ok" }, { text: " _ " }])).toThrow(ValidationError);
    expect(() => prepareAliases("e:1", [{ text: " _ " }])).toThrow(/entity "e:1"/);
  });
});

describe("checkEmbeddingVectors", () => {
  const v = (n: number) => new Float32Array(n);

  it("accepts vectors of the space's size, from a map or entries", () => {
    expect(checkEmbeddingVectors({ name: "s", dim: 2 }, 2, new Map([["a", v(2)]]))).toEqual([["a", v(2)]]);
    expect(checkEmbeddingVectors({ name: "s", dim: 2 }, undefined, [["b", v(2)]])).toEqual([["b", v(2)]]);
  });

  it("refuses a bad dim, a dim other than the stored one and a vector of another size", () => {
    expect(() => checkEmbeddingVectors({ name: "s", dim: 0 }, undefined, [])).toThrow(ValidationError);
    expect(() => checkEmbeddingVectors({ name: "s", dim: 2.5 }, undefined, [])).toThrow(ValidationError);
    expect(() => checkEmbeddingVectors({ name: "s", dim: 3 }, 2, [])).toThrow(DimensionMismatchError);
    expect(() => checkEmbeddingVectors({ name: "s", dim: 2 }, 2, [["a", v(3)]])).toThrow(/vector of "a"/);
  });
});
