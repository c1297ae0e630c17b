import { describe, expect, it } from "vitest";
import { classificationScores } from "./task-examples.js";

describe("classificationScores", () => {
  it("computes accuracy and macro-F1 over the gold labels; unanswered counts as wrong", () => {
    const gold = ["a", "a", "b", "c"];
    const predicted = ["a", "b", "b", null];
    const s = classificationScores(gold, predicted);
    expect(s.n).toBe(4);
    expect(s.accuracy).toBe(0.5);
    // F1(a) = 2·1/(2·1+0+1) = 2/3; F1(b) = 2·1/(2·1+1+0) = 2/3; F1(c) = 0.
    expect(s.macroF1).toBeCloseTo((2 / 3 + 2 / 3 + 0) / 3, 10);
  });
});
