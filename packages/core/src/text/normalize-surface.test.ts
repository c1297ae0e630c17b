import { describe, expect, it } from "vitest";
import { normalizeSurface } from "./normalize-surface.js";

describe("normalizeSurface", () => {
  it("lowercases, strips accents and collapses separators", () => {
    expect(normalizeSurface("  New_York \t City ")).toBe("new york city");
    expect(normalizeSurface("Café")).toBe("cafe");
    expect(normalizeSurface("Cafe\u0301")).toBe("cafe");
    expect(normalizeSurface("ﬁle")).toBe("file");
  });

  it("unifies quotes and dashes but keeps punctuation", () => {
    expect(normalizeSurface("Pokémon’s")).toBe("pokemon's");
    expect(normalizeSurface("co–sign")).toBe("co-sign");
    expect(normalizeSurface("co-sign")).not.toBe(normalizeSurface("cosign"));
  });

  it("is idempotent", () => {
    for (const s of ["ÅNGSTRÖM_unit", "  a  b ", "x—y", "bank"]) {
      expect(normalizeSurface(normalizeSurface(s))).toBe(normalizeSurface(s));
    }
  });

  it("returns an empty string for separators only", () => {
    expect(normalizeSurface(" _ ")).toBe("");
  });
});
