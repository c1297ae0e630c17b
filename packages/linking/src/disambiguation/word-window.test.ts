import { describe, expect, it } from "vitest";
import { WordWindow } from "./word-window.js";

describe("WordWindow", () => {
  it("counts words in the window and in its central sentence, through growth and clearing", () => {
    const w = new WordWindow();
    // 1,000 distinct ids (the table starts with 256 slots), some twice, some in the sentence.
    for (let id = 0; id < 1000; id++) w.add(id * 7919, id % 3 === 0);
    for (let id = 0; id < 1000; id += 2) w.add(id * 7919, false);
    for (let id = 0; id < 1000; id++) {
      const slot = w.find(id * 7919);
      expect(slot).toBeGreaterThanOrEqual(0);
      expect(w.wide(slot)).toBe(id % 2 === 0 ? 2 : 1);
      expect(w.narrow(slot)).toBe(id % 3 === 0 ? 1 : 0);
    }
    expect(w.find(5)).toBe(-1);
    // The bit test never misses a word of the window and rules out others (also beyond the ids seen).
    for (let id = 0; id < 1000; id++) expect(w.mayHold(id * 7919)).toBe(true);
    expect(w.mayHold(5)).toBe(false);
    expect(w.mayHold(1 << 30)).toBe(false);
    w.clear();
    expect(w.find(0)).toBe(-1);
    expect(w.find(7919)).toBe(-1);
    expect(w.mayHold(7919)).toBe(false);
    w.add(7919, true);
    expect(w.wide(w.find(7919))).toBe(1);
    expect(w.narrow(w.find(7919))).toBe(1);
  });
});
