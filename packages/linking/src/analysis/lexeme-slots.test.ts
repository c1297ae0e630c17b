import { describe, expect, it } from "vitest";
import { Analyzer } from "./analyzer.js";
import { LexemeSlots } from "./lexeme-slots.js";

describe("LexemeSlots", () => {
  it("answers only for the text and lemma a slot was made for", () => {
    const slots = new LexemeSlots<number>();
    slots.set(5, "saw", "see", 1);
    expect(slots.get(5, "saw", "see")).toBe(1);
    expect(slots.get(5, "saw", "saw")).toBeUndefined();
    expect(slots.get(4, "saw", "see")).toBeUndefined();
    slots.set(5, "saw", "saw", 2);
    expect(slots.get(5, "saw", "saw")).toBe(2);
    expect(slots.get(5, "saw", "see")).toBeUndefined();
    slots.set(-1, "x", "x", 3);
    expect(slots.get(-1, "x", "x")).toBeUndefined();
    slots.clear();
    expect(slots.get(5, "saw", "saw")).toBeUndefined();
  });

  it("keys on the analyser's lexeme ids: one per token, the same for the same word", () => {
    const a = new Analyzer().analyze("The dog saw the dog. They can't.");
    expect(a.lexemes).toHaveLength(a.tokens.length);
    const dogs = a.tokens.flatMap((t, i) => (t.text === "dog" ? [a.lexemes![i]] : []));
    expect(dogs).toHaveLength(2);
    expect(dogs[0]).toBe(dogs[1]);
    expect(dogs[0]).toBeGreaterThanOrEqual(0);
    // Parts of a contraction have no lexeme of their own.
    expect(a.lexemes![a.tokens.findIndex((t) => t.text === "ca")]).toBe(-1);
  });
});
