import type { EncodedBatch, Link } from "@knowfuse/core";

/** A link placed on the word pieces of one batch row: tokens `[tokenStart, tokenEnd)`. */
export interface AlignedSpan {
  /** Row of the encoded batch. */
  row: number;
  /** Index of the text (document) the link belongs to. */
  textIndex: number;
  /** The link, unchanged. */
  link: Link;
  /** First word piece overlapping the mention (inclusive). */
  tokenStart: number;
  /** One past the last word piece overlapping the mention. */
  tokenEnd: number;
  /** True when part of the mention lies outside this row's window (truncation or windowing). */
  clipped: boolean;
  /** True when a covered piece also covers characters outside the mention (merged piece). */
  merged: boolean;
}

/** What {@link alignLinks} returns: the aligned spans and the links that found no piece. */
export interface Alignment {
  spans: AlignedSpan[];
  /** Links (by text index) that no row covers, e.g. cut off by truncation or empty mentions. */
  unaligned: { textIndex: number; link: Link }[];
}

/** Whether `c` is whitespace (a BPE piece such as "Ġcat" may report its leading space). */
function isSpace(c: string | undefined): boolean {
  return c !== undefined && /\s/u.test(c);
}

/**
 * Maps links (character spans in their texts) onto the word pieces of an encoded
 * batch, for any tokenizer that reports character offsets (WordPiece, BPE,
 * SentencePiece). A mention covers every piece whose characters (without
 * surrounding whitespace) overlap it, so a mention split into several pieces
 * gets all of them and a piece merging a mention with its neighbours is kept
 * and flagged `merged`. Special and padding pieces (`[0, 0]`) never match. With
 * truncation a mention partly cut off keeps its visible pieces (`clipped`), one
 * wholly cut off is reported in `unaligned`; with windowing a mention is placed
 * in every window that shows part of it.
 *
 * @param batch The encoder's output for `texts`.
 * @param texts The texts that were encoded, in order.
 * @param links For each text, its links.
 */
export function alignLinks(
  batch: Pick<EncodedBatch, "offsets" | "textIndex" | "batch">,
  texts: readonly string[],
  links: readonly (readonly Link[])[],
): Alignment {
  const spans: AlignedSpan[] = [];
  const seen = links.map((l) => new Array<boolean>(l.length).fill(false));
  for (let row = 0; row < batch.batch; row++) {
    const textIndex = batch.textIndex[row] ?? row;
    const text = texts[textIndex] ?? "";
    const rowLinks = links[textIndex] ?? [];
    const offsets = batch.offsets[row] ?? [];
    // Trim whitespace from each piece's character range; specials become empty.
    const trimmed = offsets.map(([s, e]) => {
      while (s < e && isSpace(text[s])) s++;
      while (e > s && isSpace(text[e - 1])) e--;
      return [s, e] as const;
    });
    let rowFirst = Number.POSITIVE_INFINITY;
    let rowLast = Number.NEGATIVE_INFINITY;
    for (const [s, e] of trimmed) {
      if (e > s) {
        rowFirst = Math.min(rowFirst, s);
        rowLast = Math.max(rowLast, e);
      }
    }
    rowLinks.forEach((link, li) => {
      const { start, end } = link.mention;
      if (end <= start) return;
      let first = -1;
      let last = -1;
      let merged = false;
      for (let t = 0; t < trimmed.length; t++) {
        const [s, e] = trimmed[t]!;
        if (e <= s || e <= start || s >= end) continue;
        if (first < 0) first = t;
        last = t;
        if (s < start || e > end) merged = true;
      }
      if (first < 0) return;
      seen[textIndex]![li] = true;
      spans.push({
        row,
        textIndex,
        link,
        tokenStart: first,
        tokenEnd: last + 1,
        clipped: start < rowFirst || end > rowLast,
        merged,
      });
    });
  }
  const unaligned: Alignment["unaligned"] = [];
  links.forEach((l, textIndex) => {
    l.forEach((link, li) => {
      if (!seen[textIndex]![li]) unaligned.push({ textIndex, link });
    });
  });
  return { spans, unaligned };
}
