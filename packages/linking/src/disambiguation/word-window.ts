import type { Vocabulary } from "./context-words.js";

/**
 * The words of a context window with their counts in the whole window and in
 * its central sentence: a small open-addressing hash table keyed by word id,
 * fronted by one bit per word id. Nearly every word of a candidate's
 * description is not in the window, and a bit test (a few kilobytes for the
 * whole vocabulary, in the CPU cache) says so before any hashing.
 *
 * @example
 * ```ts
 * const w = new WordWindow();
 * w.add(42, true);
 * w.mayHold(7); // false
 * const slot = w.find(42); // w.wide(slot) === 1, w.narrow(slot) === 1
 * ```
 */
export class WordWindow {
  #bits = 8;
  #keys = new Int32Array(1 << 8).fill(-1);
  #wide = new Int32Array(1 << 8);
  #narrow = new Int32Array(1 << 8);
  /** The occupied slots are `#used[0 .. #count)` (a count, not the length: emptying an array by length frees its storage). */
  #used = new Int32Array(128);
  #count = 0;
  /** One bit per word id, set for the window's words: most words tested are not in the window, and a bit answers that. */
  #present = new Int32Array(1024);

  /** Empties the window. */
  clear(): void {
    for (let i = 0; i < this.#count; i++) {
      const word = this.#keys[this.#used[i]!]!;
      this.#present[word >>> 5] = 0;
      this.#keys[this.#used[i]!] = -1;
    }
    this.#count = 0;
  }

  /** Counts one occurrence of `word`, also in the central sentence when `inSentence`. */
  add(word: number, inSentence: boolean): void {
    if (2 * (this.#count + 1) > this.#keys.length) this.#grow();
    const mask = this.#keys.length - 1;
    let slot = Math.imul(word, 0x9e3779b1) >>> (32 - this.#bits);
    while (this.#keys[slot] !== -1 && this.#keys[slot] !== word) slot = (slot + 1) & mask;
    if (this.#keys[slot] === -1) {
      this.#keys[slot] = word;
      this.#wide[slot] = 0;
      this.#narrow[slot] = 0;
      this.#used[this.#count++] = slot;
      if (word >>> 5 >= this.#present.length) {
        const grown = new Int32Array(Math.max(2 * this.#present.length, (word >>> 5) + 1));
        grown.set(this.#present);
        this.#present = grown;
      }
      this.#present[word >>> 5]! |= 1 << (word & 31);
    }
    this.#wide[slot]! += 1;
    if (inSentence) this.#narrow[slot]! += 1;
  }

  /** False when `word` is surely not in the window (a bit test, cheaper than {@link WordWindow.find}). */
  mayHold(word: number): boolean {
    return ((this.#present[word >>> 5] ?? 0) & (1 << (word & 31))) !== 0;
  }

  /** The slot of `word`, or -1 when it is not in the window. */
  find(word: number): number {
    const keys = this.#keys;
    const mask = keys.length - 1;
    let slot = Math.imul(word, 0x9e3779b1) >>> (32 - this.#bits);
    for (;;) {
      const k = keys[slot]!;
      if (k === word) return slot;
      if (k === -1) return -1;
      slot = (slot + 1) & mask;
    }
  }

  /**
   * The overlap of the bag `words[from..to)` with the window, in one pass: the
   * summed weights of the bag's words that occur in the whole window go to
   * `into[0]`, of those that occur in the central sentence to `into[1]`. A
   * word counts only where it occurs other than as one of the words
   * `own[0..ownCount)` (the mention's own words).
   */
  overlap(
    words: Int32Array,
    from: number,
    to: number,
    own: Int32Array,
    ownCount: number,
    vocabulary: Vocabulary,
    into: Float64Array,
  ): void {
    let wide = 0;
    let narrow = 0;
    for (let i = from; i < to; i++) {
      const w = words[i]!;
      // Nearly every word stops here.
      if (!this.mayHold(w)) continue;
      const slot = this.find(w);
      if (slot < 0) continue;
      let o = 0;
      for (let k = 0; k < ownCount; k++) if (own[k] === w) o++;
      if (this.#wide[slot]! - o > 0) wide += vocabulary.weight(w);
      if (this.#narrow[slot]! - o > 0) narrow += vocabulary.weight(w);
    }
    into[0] = wide;
    into[1] = narrow;
  }

  /** Occurrences in the whole window of the word at `slot`. */
  wide(slot: number): number {
    return this.#wide[slot]!;
  }

  /** Occurrences in the central sentence of the word at `slot`. */
  narrow(slot: number): number {
    return this.#narrow[slot]!;
  }

  #grow(): void {
    const old = Array.from(
      this.#used.subarray(0, this.#count),
      (slot) => [this.#keys[slot]!, this.#wide[slot]!, this.#narrow[slot]!] as const,
    );
    this.#bits++;
    const size = 1 << this.#bits;
    this.#keys = new Int32Array(size).fill(-1);
    this.#wide = new Int32Array(size);
    this.#narrow = new Int32Array(size);
    this.#used = new Int32Array(size / 2);
    this.#count = 0;
    for (const [word, wide, narrow] of old) {
      let slot = Math.imul(word, 0x9e3779b1) >>> (32 - this.#bits);
      while (this.#keys[slot] !== -1) slot = (slot + 1) & (size - 1);
      this.#keys[slot] = word;
      this.#wide[slot] = wide;
      this.#narrow[slot] = narrow;
      this.#used[this.#count++] = slot;
    }
  }
}
