import type { CandidateLookupOptions } from "@knowfuse/core";

/** Candidate lookup options with every default filled in. */
export interface LookupSettings {
  /** Most candidates per surface (default 10). */
  limit: number;
  /** Least trigram similarity of a fuzzy match (default 0.5). */
  minSimilarity: number;
  /** Whether fuzzy matches are looked up too (default false). */
  fuzzy: boolean;
}

/** The defaults every store and the alias index apply to {@link CandidateLookupOptions}, in one place. */
export function lookupSettings(options: CandidateLookupOptions): LookupSettings {
  return {
    limit: options.limit ?? 10,
    minSimilarity: options.minSimilarity ?? 0.5,
    fuzzy: options.fuzzy ?? false,
  };
}
