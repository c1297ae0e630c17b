/**
 * The character trigrams of a normalised form padded with one space on each
 * side (" bank " → " ba", "ban", "ank", "nk "), as a set. Forms of one or two
 * characters still get trigrams thanks to the padding.
 */
export function trigrams(normalized: string): Set<string> {
  const padded = ` ${normalized} `;
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i += 1) grams.add(padded.slice(i, i + 3));
  return grams;
}

/**
 * Dice similarity of two trigram sets: 2·|A ∩ B| / (|A| + |B|), in [0, 1]
 * (1 for identical sets, 0 when either is empty or they share nothing).
 */
export function trigramSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const g of small) if (large.has(g)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}
