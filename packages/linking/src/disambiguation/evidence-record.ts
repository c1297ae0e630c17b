/** Which kinds of evidence a linker computes (the prior always). */
export interface EvidenceKinds {
  context: boolean;
  coherence: boolean;
  encoder: boolean;
}

/**
 * Builds a link's evidence record from the chosen candidate's probability and
 * prior probability, and each kind of evidence's share of its score (the
 * shares of kinds not computed are ignored). Positional, so that a call
 * allocates the record alone.
 */
export type EvidenceRecordBuilder = (
  probability: number,
  priorProbability: number,
  prior: number,
  context: number,
  coherence: number,
  encoder: number,
) => Record<string, number>;

/**
 * The builder of evidence records holding the kinds a linker computes, and
 * no others: `probability`, `priorProbability`, `prior`, then `context`,
 * `coherence` and `encoder` when on. Each combination is one object literal,
 * so that every record of a linker has one shape from the start (adding
 * properties afterwards left these objects in V8's slow dictionary mode).
 *
 * @example
 * ```ts
 * const record = evidenceRecordBuilder({ context: true, coherence: false, encoder: false });
 * record(0.9, 0.7, 1.2, 0.4, 0, 0); // { probability: 0.9, priorProbability: 0.7, prior: 1.2, context: 0.4 }
 * ```
 */
export function evidenceRecordBuilder(kinds: EvidenceKinds): EvidenceRecordBuilder {
  const shape = (kinds.context ? 1 : 0) + (kinds.coherence ? 2 : 0) + (kinds.encoder ? 4 : 0);
  switch (shape) {
    case 0:
      return (probability, priorProbability, prior) => ({ probability, priorProbability, prior });
    case 1:
      return (probability, priorProbability, prior, context) => ({
        probability,
        priorProbability,
        prior,
        context,
      });
    case 2:
      return (probability, priorProbability, prior, _context, coherence) => ({
        probability,
        priorProbability,
        prior,
        coherence,
      });
    case 3:
      return (probability, priorProbability, prior, context, coherence) => ({
        probability,
        priorProbability,
        prior,
        context,
        coherence,
      });
    case 4:
      return (probability, priorProbability, prior, _context, _coherence, encoder) => ({
        probability,
        priorProbability,
        prior,
        encoder,
      });
    case 5:
      return (probability, priorProbability, prior, context, _coherence, encoder) => ({
        probability,
        priorProbability,
        prior,
        context,
        encoder,
      });
    case 6:
      return (probability, priorProbability, prior, _context, coherence, encoder) => ({
        probability,
        priorProbability,
        prior,
        coherence,
        encoder,
      });
    default:
      return (probability, priorProbability, prior, context, coherence, encoder) => ({
        probability,
        priorProbability,
        prior,
        context,
        coherence,
        encoder,
      });
  }
}
