import { englishLexicon } from "./english-lexicon.js";

/** The special tokens of generated WordPiece vocabularies, in id order. */
export const WORD_PIECE_SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] as const;

/**
 * A deterministic WordPiece vocabulary of `size` entries from real English:
 * the special tokens, the printable ASCII characters (lower case), `##` plus
 * each letter and digit, then the most frequent WordNet words interleaved with
 * the most frequent word endings as `##` pieces (about one in seven).
 */
export function wordPieceVocabulary(size: number): string[] {
  const vocab: string[] = [...WORD_PIECE_SPECIALS];
  const seen = new Set<string>(vocab);
  const add = (piece: string) => {
    if (vocab.length < size && !seen.has(piece)) {
      seen.add(piece);
      vocab.push(piece);
    }
  };
  for (let c = 33; c <= 126; c++) if (c < 65 || c > 90) add(String.fromCharCode(c));
  for (const c of "abcdefghijklmnopqrstuvwxyz0123456789") add(`##${c}`);
  const words = englishLexicon();
  const suffixes = frequentEndings(words.slice(0, 20000));
  let w = 0;
  let s = 0;
  while (vocab.length < size && (w < words.length || s < suffixes.length)) {
    if ((vocab.length % 7 === 0 && s < suffixes.length) || w >= words.length) add(`##${suffixes[s++]!}`);
    else add(words[w++]!.word);
  }
  return vocab;
}

/** Word endings of 2 to 4 letters, most frequent first (weighted by tag count + 1). */
function frequentEndings(words: readonly { word: string; count: number }[]): string[] {
  const counts = new Map<string, number>();
  for (const { word, count } of words) {
    for (let n = 2; n <= 4 && n < word.length; n++) {
      const end = word.slice(word.length - n);
      counts.set(end, (counts.get(end) ?? 0) + count + 1);
    }
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([end]) => end);
}
