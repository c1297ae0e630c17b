import { z } from "zod";

/**
 * The features the disambiguator scores each candidate by, in vector order.
 * - `prior.log`: log of p(entity | surface), renormalised over the mention's candidates.
 * - `prior.first`: 1 for the candidate with the highest prior.
 * - `context.description`: the overlap of the context words (the mention's sentence and `contextRadius`
 *   sentences around it, without the mention itself) with the candidate's label, aliases and description,
 *   each shared word counted by its rarity over the store's descriptions (inverse document frequency), / 10.
 * - `context.neighbours`: the same overlap with its graph neighbours' labels and descriptions.
 * - `context.sentenceDescription`, `context.sentenceNeighbours`: the same two overlaps with the mention's own sentence only.
 * - `coherence.share`: log of the candidate's share of its mention's coherence support: the mass a walk
 *   from the other mentions' candidates brings to it (two-step walk by default, or personalised PageRank);
 *   0 for verb mentions unless `verbCoherence` is set.
 * - `coherence.first`: 1 for the candidate with the most support (0 throughout where coherence is not scored).
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
 * Weights used when none are given: learned in-process (conditional logit) on
 * the senseval2 corpus of the WSD framework against a WordNet 3.1 store, with
 * `knowfuse eval wsd --train senseval2.data.xml --train-gold ... --save-weights`.
 * Evaluate on senseval2 itself only with weights learned elsewhere.
 */
export const DEFAULT_WEIGHTS: Readonly<Record<FeatureName, number>> = {
  "prior.log": 0.763,
  "prior.first": 0.149,
  "context.description": 0.688,
  "context.neighbours": 0.286,
  "context.sentenceDescription": 0.562,
  "context.sentenceNeighbours": 0.396,
  "coherence.share": 0.26,
  "coherence.first": -0.644,
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

/** Schema of a weights file: feature name → weight (unknown names are an error listing the allowed ones). */
export const FeatureWeightsSchema = z.partialRecord(z.enum(FEATURE_NAMES), z.number().finite());
