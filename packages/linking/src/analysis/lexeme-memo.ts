/** What a wink token yields that depends on its lexeme (and, for the lemma, its POS) only. */
export interface LexemeFacts {
  /** The token's text. */
  value: string;
  /** The lemma for the POS it was first seen with. */
  lemma: string;
  /** That POS. */
  pos: string;
  /** wink's stop-word flag. */
  stopWord: boolean;
  /** True when the text holds a letter or a digit. */
  wordLike: boolean;
  /** Lemmas for other POS tags, when the lexeme was seen with some. */
  others: Map<string, string> | undefined;
  /**
   * A small number of the lexeme's own, given in the order lexemes are first
   * met (-1 for a contraction's part): frequent words get small numbers, so
   * arrays indexed by it stay short and their busy part stays together.
   */
  key: number;
}

/** Reads token `index`'s facts from wink when they are not memoised (see {@link LexemeMemo.facts}). */
export interface TokenReader {
  value(index: number): string;
  lemma(index: number): string;
  stopWord(index: number): boolean;
}

const WORD = /[\p{L}\p{N}]/u;
const ASCII_WORD_START = /^[a-z0-9]/i;

/** True when the text holds a letter or a digit. */
export function isWordLike(value: string): boolean {
  return ASCII_WORD_START.test(value) || WORD.test(value);
}

/** Lexeme ids beyond this are not memoised (the table stays a dense array). */
const ID_LIMIT = 1 << 23;
/** The memo starts over after this many lexemes. */
const SIZE_LIMIT = 1 << 21;

/**
 * Token facts memoised by wink's lexeme id (`its.uniqueId`), for one wink
 * instance: its lexicon numbers every text it has seen, known or not, and keeps
 * the number for its life. A token's text and stop flag depend on the lexeme
 * alone and its lemma on the lexeme and POS, except for the parts of a
 * contraction ("ca" of "can't"), whose lemma sits in the token itself: those
 * are read from wink every time. Reading three plain columns (ids, POS,
 * contraction flags) and looking the rest up costs less than wink's own text,
 * lemma and stop-word columns, whose lemma column runs the lemmatiser for every
 * token with several possible lemmas.
 */
export class LexemeMemo {
  #byId: (LexemeFacts | undefined)[] = [];
  #size = 0;

  /**
   * The facts of token `index`, whose lexeme is `id` and POS `pos` (read
   * through `reader` when not known yet); its lemma is {@link LexemeMemo.lemma}.
   */
  facts(id: number, pos: string, contraction: boolean, reader: TokenReader, index: number): LexemeFacts {
    if (contraction) return this.#read(pos, reader, index, -1);
    let facts = this.#byId[id];
    if (facts === undefined) {
      if (id < ID_LIMIT && this.#size >= SIZE_LIMIT) this.clear();
      facts = this.#read(pos, reader, index, id < ID_LIMIT ? this.#size : -1);
      if (id < ID_LIMIT) {
        // Grown by pushes, so that the array stays dense (an index far past its end would make it a dictionary).
        while (this.#byId.length <= id) this.#byId.push(undefined);
        this.#byId[id] = facts;
        this.#size++;
      }
    }
    return facts;
  }

  /** The lemma of token `index` with these facts and POS `pos`. */
  lemma(facts: LexemeFacts, pos: string, reader: TokenReader, index: number): string {
    if (facts.pos === pos) return facts.lemma;
    let lemma = facts.others?.get(pos);
    if (lemma === undefined) {
      lemma = reader.lemma(index) || facts.value;
      facts.others ??= new Map();
      facts.others.set(pos, lemma);
    }
    return lemma;
  }

  /** Forgets every lexeme. */
  clear(): void {
    this.#byId = [];
    this.#size = 0;
  }

  #read(pos: string, reader: TokenReader, index: number, key: number): LexemeFacts {
    const value = reader.value(index);
    return {
      value,
      lemma: reader.lemma(index) || value,
      pos,
      stopWord: reader.stopWord(index),
      wordLike: isWordLike(value),
      others: undefined,
      key,
    };
  }
}
