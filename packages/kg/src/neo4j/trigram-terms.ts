import { trigrams } from "../candidates/trigrams.js";

/** Stands for a space inside a trigram, so that the whitespace analyser keeps each trigram one token. */
const SPACE_MARK = "\u2423";

function token(gram: string): string {
  return gram.replaceAll(" ", SPACE_MARK);
}

/**
 * The trigrams of a normalised alias form as whitespace-separated tokens: the
 * text the full-text index (whitespace analyser) holds for fuzzy lookup.
 */
export function trigramTokens(normalized: string): string {
  return [...trigrams(normalized)].map(token).join(" ");
}

/**
 * A Lucene query matching any trigram of `normalized`: each token quoted, with
 * `\` and `"` escaped, joined by OR. Surfaces are user input, so no Lucene
 * syntax in them is ever interpreted.
 *
 * @param maxTerms Use at most this many trigrams (Lucene caps a query at 1024 clauses).
 */
export function trigramQuery(normalized: string, maxTerms = 512): string {
  return [...trigrams(normalized)]
    .slice(0, maxTerms)
    .map((gram) => `"${token(gram).replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`)
    .join(" OR ");
}
