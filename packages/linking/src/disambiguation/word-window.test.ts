import { describe, expect, it } from "vitest";
import { Vocabulary } from "./context-words.js";
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

  it("sums the weights of a bag's words found in the window and in its sentence, leaving out the mention's own", () => {
    const vocabulary = new Vocabulary();
    const [sun, sea, sky, own] = ["sun", "sea", "sky", "own"].map((w) => vocabulary.id(w)) as number[];
    const w = new WordWindow();
    w.add(sun!, true);
    w.add(sea!, false);
    w.add(own!, true);
    const into = new Float64Array(2);
    const bag = Int32Array.of(sky!, sun!, sea!, own!, 1 << 20);
    w.overlap(bag, 0, bag.length, Int32Array.of(own!), 1, vocabulary, into);
    // sun (window and sentence) and sea (window only); own is the mention's word; sky and the unknown id are absent.
    expect(Array.from(into)).toEqual([2, 1]);
    // Counting own too when it is not the mention's, and reading a sub-range.
    w.overlap(bag, 2, 4, Int32Array.of(), 0, vocabulary, into);
    expect(Array.from(into)).toEqual([2, 1]);
  });
});
