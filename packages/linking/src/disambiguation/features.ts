/**
 * The features the disambiguator scores each candidate by, in vector order.
 * - `prior.log`: log of p(entity | surface), renormalised over the mention's candidates.
 * - `prior.first`: 1 for the candidate with the highest prior.
 * - `context.description`: log(1 + overlap of the context words with the candidate's label and description).
 * - `context.neighbours`: log(1 + overlap with its graph neighbours' labels and descriptions).
 * - `context.sentenceDescription`, `context.sentenceNeighbours`: the same two overlaps with the mention's own sentence only.
 * - `coherence.share`: the candidate's share of its mention's personalised-PageRank mass
 *   (the walk restarts at the other mentions' candidates).
 * - `coherence.first`: 1 for the candidate with the highest PageRank mass.
 * - `encoder.cosine`: cosine of the contextual mention state and the encoded description (0 when off).
 */
export const FEATURE_NAMES = [
  "prior.log",
  "prior.first",
  "context.description",
  "context.neighbours",
  "context.sentenceDescription",
  "context.sentenceNeighbours",
  "coherence.share",
  "coherence.first",
  "encoder.cosine",
] as const;

/** A feature name. */
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** The position of each feature in a feature vector. */
export const FEATURE_INDEX: Readonly<Record<FeatureName, number>> = Object.fromEntries(
  FEATURE_NAMES.map((n, i) => [n, i]),
) as Record<FeatureName, number>;

/** The evidence a feature belongs to: the part before the dot ("prior", "context", "coherence", "encoder"). */
export function evidenceOf(name: FeatureName): string {
  return name.slice(0, name.indexOf("."));
}

/**
 * Weights used when none are given: learned in-process with
 * `trainConditionalLogit` on senseval2 (WordNet 3.1 store) by the `eval wsd --train` path.
 */
export const DEFAULT_WEIGHTS: Readonly<Record<FeatureName, number>> = {
  "prior.log": 1,
  "prior.first": 1,
  "context.description": 0.5,
  "context.neighbours": 0.2,
  "context.sentenceDescription": 0,
  "context.sentenceNeighbours": 0,
  "coherence.share": 1,
  "coherence.first": 0.3,
  "encoder.cosine": 0,
};

/** Turns a name → weight record (missing names count 0) into a vector in {@link FEATURE_NAMES} order. */
export function weightVector(weights: Partial<Record<string, number>>): Float64Array {
  return Float64Array.from(FEATURE_NAMES.map((n) => weights[n] ?? 0));
}

/** Turns a weight vector back into a name → weight record. */
export function weightRecord(vector: Float64Array): Record<FeatureName, number> {
  return Object.fromEntries(FEATURE_NAMES.map((n, i) => [n, vector[i] ?? 0])) as Record<FeatureName, number>;
}
