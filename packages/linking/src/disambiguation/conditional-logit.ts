/** One training group: the feature rows of a mention's candidates and the index of the right one. */
export interface LogitGroup {
  features: readonly (readonly number[] | Float64Array)[];
  /** Index of the correct candidate. */
  gold: number;
}

/** Options of {@link trainConditionalLogit}. */
export interface ConditionalLogitOptions {
  /** L2 penalty on the weights (default 1e-3). */
  l2?: number;
  /** Gradient steps (default 400). */
  iterations?: number;
  /** Adam step size (default 0.05). */
  learningRate?: number;
  /** Starting weights (default zeros). */
  initial?: Float64Array;
}

/** Softmax over candidates of `w · f`: the probability of each candidate. */
export function candidateProbabilities(
  weights: Float64Array,
  features: readonly (readonly number[] | Float64Array)[],
): number[] {
  const scores: number[] = new Array(features.length);
  for (let i = 0; i < features.length; i++) {
    const f = features[i]!;
    let s = 0;
    for (let k = 0; k < weights.length; k++) s += weights[k]! * (f[k] ?? 0);
    scores[i] = s;
  }
  return softmaxInPlace(scores, scores.length);
}

/**
 * {@link candidateProbabilities} over a row-major matrix: candidate `i`'s
 * features are `features[i * weights.length ..]`.
 */
export function flatCandidateProbabilities(weights: Float64Array, features: ArrayLike<number>): number[] {
  const out: number[] = new Array(Math.floor(features.length / weights.length)).fill(0);
  flatCandidateProbabilitiesInto(weights, features, out);
  return out;
}

/**
 * {@link flatCandidateProbabilities} of the `count` candidates whose rows
 * start at `offset`, written into `out` (a scratch array with room for them,
 * reused across calls); returns the candidate count.
 */
export function flatCandidateProbabilitiesInto(
  weights: Float64Array,
  features: ArrayLike<number>,
  out: { [i: number]: number },
  offset = 0,
  count = Math.floor((features.length - offset) / weights.length),
): number {
  const k = weights.length;
  const n = count;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += weights[j]! * features[offset + i * k + j]!;
    out[i] = s;
  }
  softmaxInPlace(out, n);
  return n;
}

/** Turns the first `n` scores into probabilities (shifted by the maximum, so that large scores do not overflow). */
function softmaxInPlace<T extends { [i: number]: number }>(scores: T, n: number): T {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) if (scores[i]! > max) max = scores[i]!;
  let z = 0;
  for (let i = 0; i < n; i++) {
    scores[i] = Math.exp(scores[i]! - max);
    z += scores[i]!;
  }
  for (let i = 0; i < n; i++) scores[i]! /= z;
  return scores;
}

/**
 * Mean negative log-likelihood of the gold candidates under a conditional
 * logit (softmax over each group's candidates) plus `l2/2 |w|²`, and its
 * gradient `Σ (p - onehot) f / N + l2 w`.
 */
export function conditionalLogitLoss(
  weights: Float64Array,
  groups: readonly LogitGroup[],
  l2: number,
): { loss: number; gradient: Float64Array } {
  const gradient = new Float64Array(weights.length);
  let loss = 0;
  let used = 0;
  for (const g of groups) {
    if (g.features.length < 2) continue;
    const p = candidateProbabilities(weights, g.features);
    loss -= Math.log(Math.max(p[g.gold]!, 1e-300));
    for (let i = 0; i < g.features.length; i++) {
      const coef = p[i]! - (i === g.gold ? 1 : 0);
      const f = g.features[i]!;
      for (let k = 0; k < weights.length; k++) gradient[k]! += coef * (f[k] ?? 0);
    }
    used++;
  }
  const n = Math.max(1, used);
  let penalty = 0;
  for (let k = 0; k < weights.length; k++) {
    gradient[k] = gradient[k]! / n + l2 * weights[k]!;
    penalty += weights[k]! * weights[k]!;
  }
  return { loss: loss / n + (l2 / 2) * penalty, gradient };
}

/**
 * Learns the weights of a conditional logit over candidates by full-batch Adam
 * on {@link conditionalLogitLoss}. Groups with fewer than two candidates carry no signal and are skipped.
 */
export function trainConditionalLogit(
  groups: readonly LogitGroup[],
  dim: number,
  options: ConditionalLogitOptions = {},
): Float64Array {
  const l2 = options.l2 ?? 1e-3;
  const lr = options.learningRate ?? 0.05;
  const w = options.initial ? options.initial.slice() : new Float64Array(dim);
  const m = new Float64Array(dim);
  const v = new Float64Array(dim);
  const iterations = options.iterations ?? 400;
  for (let t = 1; t <= iterations; t++) {
    const { gradient } = conditionalLogitLoss(w, groups, l2);
    for (let k = 0; k < dim; k++) {
      const g = gradient[k]!;
      m[k] = 0.9 * m[k]! + 0.1 * g;
      v[k] = 0.999 * v[k]! + 0.001 * g * g;
      const mh = m[k]! / (1 - 0.9 ** t);
      const vh = v[k]! / (1 - 0.999 ** t);
      w[k]! -= (lr * mh) / (Math.sqrt(vh) + 1e-8);
    }
  }
  return w;
}
