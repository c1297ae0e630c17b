import type { Analysis } from "./analyzer.js";

/** Lexeme ids beyond this get no slot (the arrays stay dense). */
const ID_LIMIT = 1 << 23;

/**
 * A memo of per-token values by the analyser's lexeme id ({@link Analysis.lexemes}):
 * dense arrays indexed by the id, each slot remembering the token text and
 * lemma it was made for, so that a lookup is an array read and two string
 * comparisons (usually the very same strings) instead of hashing. A slot holds
 * one lemma: a word seen with another lemma (another POS) takes the slot over.
 * Ids that do not match the text and lemma given simply miss.
 *
 * @example
 * ```ts
 * const slots = new LexemeSlots<number>();
 * slots.set(77123, "The", "the", 5);
 * slots.get(77123, "The", "the"); // 5
 * slots.get(77123, "The", "then"); // undefined
 * ```
 */
export class LexemeSlots<T> {
  /** Slot `i` is `[text, lemma, value]` at `3i`: one array, so that a lookup reads one place in memory. */
  #slots: unknown[] = [];

  /** The value kept for this lexeme, text and lemma, if any. */
  get(lexeme: number, text: string, lemma: string): T | undefined {
    const at = 3 * lexeme;
    if (lexeme < 0 || at >= this.#slots.length) return undefined;
    const slots = this.#slots;
    return slots[at] === text && slots[at + 1] === lemma ? (slots[at + 2] as T) : undefined;
  }

  /** Keeps `value` for this lexeme, text and lemma (ids out of range are not kept). */
  set(lexeme: number, text: string, lemma: string, value: T): void {
    if (lexeme < 0 || lexeme >= ID_LIMIT) return;
    const slots = this.#slots;
    // Grown by pushes, so that the array stays dense (an index far past the end would make it a dictionary).
    while (slots.length <= 3 * lexeme) slots.push(undefined, undefined, undefined);
    slots[3 * lexeme] = text;
    slots[3 * lexeme + 1] = lemma;
    slots[3 * lexeme + 2] = value;
  }

  /** Forgets every slot. */
  clear(): void {
    this.#slots = [];
  }
}
