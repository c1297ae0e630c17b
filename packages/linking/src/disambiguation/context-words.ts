import model from "wink-eng-lite-web-model";

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

const porter = (model as unknown as { addons: { stem(word: string): string } }).addons.stem;
const stems = new Map<string, string>();

/**
 * The Porter2 stem of a lowercased word (the stemmer that ships with
 * wink-eng-lite-web-model), memoised; applied alike to context lemmas and to
 * description words so that "dogs", "dog" and "making", "make" meet.
 */
export function stem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    s = porter(word);
    if (stems.size < 500_000) stems.set(word, s);
  }
  return s;
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

/** Interns words as small integers so that overlaps are set lookups on numbers, and weighs them by rarity. */
export class Vocabulary {
  readonly #ids = new Map<string, number>();
  readonly #weights: number[] = [];
  #df: ReadonlyMap<string, number> | undefined;
  #documents = 0;

  /**
   * Sets document frequencies (word → number of descriptions holding it, over
   * `documents` descriptions); a word then weighs `log((documents + 1) / (df + 1))`.
   * Without them every word weighs 1.
   */
  setRarity(df: ReadonlyMap<string, number>, documents: number): void {
    this.#df = df;
    this.#documents = documents;
    this.#weights.length = 0;
    for (const [word, id] of this.#ids) this.#weights[id] = this.#weightOf(word);
  }

  #weightOf(word: string): number {
    if (!this.#df) return 1;
    return Math.log((this.#documents + 1) / ((this.#df.get(word) ?? 0) + 1));
  }

  /** The id of `word`, adding it when new. */
  id(word: string): number {
    let id = this.#ids.get(word);
    if (id === undefined) {
      id = this.#ids.size;
      this.#ids.set(word, id);
      this.#weights[id] = this.#weightOf(word);
    }
    return id;
  }

  /** Every word, by id. */
  words(): string[] {
    return [...this.#ids.keys()];
  }

  /** How many words have ids (every id is below it). */
  get size(): number {
    return this.#ids.size;
  }

  /** The weight of a word id (1 unless rarity is set). */
  weight(id: number): number {
    return this.#weights[id] ?? 1;
  }

  /** The distinct ids of the content words of `text`. */
  bag(text: string): Int32Array {
    return Int32Array.from(new Set(contentWords(text).map((w) => this.id(w))));
  }
}
