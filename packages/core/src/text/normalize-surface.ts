const FAST_PATH = /^[a-z0-9]+(?: [a-z0-9]+)*$/;
const COMBINING_MARKS = /\p{M}+/gu;
const SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u00B4`]/g;
const DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033]/g;
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g;
const SPACES = /[\s_]+/g;

/**
 * The one surface normalisation shared by every graph store, the in-memory
 * alias index and the linker, so that a mention and an alias meet on the same key.
 *
 * Steps, in order:
 * 1. Unicode NFKD, then every combining mark is removed ("Café" → "cafe", "ﬁ" → "fi").
 * 2. Lowercase.
 * 3. Typographic quotes become `'` / `"`, Unicode dashes and the minus sign become `-`.
 * 4. `_` (WordNet's word separator) and every run of whitespace become one space.
 * 5. Leading and trailing spaces are trimmed.
 *
 * Punctuation inside a form is kept ("co-sign" and "cosign" stay different keys).
 * Idempotent: `normalizeSurface(normalizeSurface(s)) === normalizeSurface(s)`.
 *
 * @example
 * ```ts
 * normalizeSurface("  New_York  City ") // "new york city"
 * normalizeSurface("Pokémon’s")         // "pokemon's"
 * ```
 */
export function normalizeSurface(text: string): string {
  if (FAST_PATH.test(text)) return text;
  return text
    .normalize("NFKD")
    .replace(COMBINING_MARKS, "")
    .toLowerCase()
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, "-")
    .replace(SPACES, " ")
    .trim();
}
