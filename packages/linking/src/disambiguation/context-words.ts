const STOP_WORDS = new Set(
  (
    "a about above after again against all also am an and any are as at be been before being below between both but by " +
    "can could did do does doing down during each few for from further had has have having he her here hers herself him " +
    "himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or " +
    "other our ours ourselves out over own same she should so some such than that the their theirs them themselves then " +
    "there these they this those through to too under until up very was we were what when where which while who whom why " +
    "will with would you your yours yourself yourselves one ones someone something used use especially usually etc e g " +
    "s t eg ie"
  ).split(" "),
);

const WORDS = /[\p{L}\p{N}]+/gu;

/** True for English function words that carry no topical evidence. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/**
 * A light suffix-stripping stem, applied alike to context lemmas and to
 * description words so that "dogs", "dog" and "dogged" meet; not a full stemmer.
 */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith("ing") && word.length > 5) return word.slice(0, -3);
  if (word.endsWith("ed") && word.length > 4) return word.slice(0, -2);
  if (word.endsWith("es") && word.length > 4 && /(?:ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")) return word.slice(0, -1);
  return word;
}

/** The stemmed content words of a text (lowercased, stop words and one-letter words dropped). */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(WORDS)) {
    const w = m[0];
    if (w.length < 2 || STOP_WORDS.has(w)) continue;
    out.push(stem(w));
  }
  return out;
}

/** Interns words as small integers so that overlaps are set lookups on numbers. */
export class Vocabulary {
  readonly #ids = new Map<string, number>();

  /** The id of `word`, adding it when new. */
  id(word: string): number {
    let id = this.#ids.get(word);
    if (id === undefined) {
      id = this.#ids.size;
      this.#ids.set(word, id);
    }
    return id;
  }

  /** The distinct ids of the content words of `text`. */
  bag(text: string): Int32Array {
    return Int32Array.from(new Set(contentWords(text).map((w) => this.id(w))));
  }
}
