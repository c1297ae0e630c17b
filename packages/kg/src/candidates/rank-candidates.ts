import type { Candidate } from "@knowfuse/core";

/** One alias row matched for a surface, before ranking. */
export interface CandidateRow {
  entityId: string;
  /** The alias text as stored. */
  alias: string;
  /** The alias's normalised form. */
  normalized: string;
  /** The stored prior, or null when the alias has none. */
  prior: number | null;
  /** 1 for an exact match, the trigram similarity for a fuzzy one. */
  score: number;
  fuzzy: boolean;
}

/** An alias row a store reads for a form, before it is scored as an exact or fuzzy match. */
export type AliasMatchRow = Omit<CandidateRow, "score" | "fuzzy">;

/**
 * Resolves missing priors and ranks matched alias rows into one candidate per
 * entity, the order every store and the alias index share: score, then prior
 * (both descending), then entity id. `rows` must hold every row of each
 * normalised form it mentions: an alias without a prior gets
 * 1 / (number of distinct entities sharing its form).
 */
export function rankCandidates(rows: readonly CandidateRow[], limit: number): Candidate[] {
  const entitiesPerForm = new Map<string, Set<string>>();
  for (const row of rows) {
    const set = entitiesPerForm.get(row.normalized);
    if (set) set.add(row.entityId);
    else entitiesPerForm.set(row.normalized, new Set([row.entityId]));
  }
  const best = new Map<string, Candidate>();
  for (const row of rows) {
    const prior = row.prior ?? 1 / (entitiesPerForm.get(row.normalized)?.size ?? 1);
    const candidate: Candidate = { entityId: row.entityId, prior, score: row.score, alias: row.alias };
    if (row.fuzzy) candidate.fuzzy = true;
    const current = best.get(row.entityId);
    if (!current || compareCandidates(candidate, current) < 0) best.set(row.entityId, candidate);
  }
  return [...best.values()].sort(compareCandidates).slice(0, limit);
}

/** The shared candidate order: score desc, prior desc, entity id asc. */
export function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    b.score - a.score || b.prior - a.prior || (a.entityId < b.entityId ? -1 : a.entityId > b.entityId ? 1 : 0)
  );
}
