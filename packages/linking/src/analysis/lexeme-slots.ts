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
  #texts: (string | undefined)[] = [];
  #lemmas: string[] = [];
  #values: T[] = [];

  /** The value kept for this lexeme, text and lemma, if any. */
  get(lexeme: number, text: string, lemma: string): T | undefined {
    if (lexeme < 0 || lexeme >= this.#texts.length) return undefined;
    return this.#texts[lexeme] === text && this.#lemmas[lexeme] === lemma ? this.#values[lexeme] : undefined;
  }

  /** Keeps `value` for this lexeme, text and lemma (ids out of range are not kept). */
  set(lexeme: number, text: string, lemma: string, value: T): void {
    if (lexeme < 0 || lexeme >= ID_LIMIT) return;
    // Grown by pushes, so that the arrays stay dense (an index far past the end would make them dictionaries).
    while (this.#texts.length <= lexeme) {
      this.#texts.push(undefined);
      this.#lemmas.push("");
      this.#values.push(value);
    }
    this.#texts[lexeme] = text;
    this.#lemmas[lexeme] = lemma;
    this.#values[lexeme] = value;
  }

  /** Forgets every slot. */
  clear(): void {
    this.#texts = [];
    this.#lemmas = [];
    this.#values = [];
  }
}
