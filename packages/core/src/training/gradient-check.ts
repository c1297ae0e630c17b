import type { Parameter } from "./parameter.js";
import type { Prng } from "./prng.js";

/** Options of {@link checkGradients}. */
export interface GradientCheckOptions {
  /** Seeded generator choosing which coordinates to probe. */
  rng: Prng;
  /** Coordinates probed per parameter (default 20). Coordinates with a non-zero analytic gradient are preferred. */
  samples?: number;
  /** Finite-difference step (default 1e-2; float32 graphs need a large step). */
  eps?: number;
}

/** One probed coordinate: the analytic and the central-difference derivative. */
export interface GradientProbe {
  param: string;
  index: number;
  analytic: number;
  numeric: number;
  /** `|analytic - numeric| / (1e-2 + |analytic| + |numeric|)`. */
  error: number;
}

/** The outcome of {@link checkGradients}: every probe and the worst error. */
export interface GradientCheckReport {
  probes: GradientProbe[];
  maxError: number;
}

/**
 * Compares the analytic gradients in each parameter's `grad` (computed by the
 * caller for the current values) with central finite differences of `loss`,
 * on randomly chosen coordinates. The error of a probe is
 * `|a - n| / (atol + |a| + |n|)` with `atol = 1e-2`, so it is relative for
 * large derivatives and absolute for tiny ones. Parameter values are restored
 * after each probe.
 *
 * @param loss Evaluates the scalar loss at the parameters' current values
 *   (deterministic: fixed batch, fixed dropout mask).
 */
export async function checkGradients(
  loss: () => Promise<number>,
  params: readonly Parameter[],
  options: GradientCheckOptions,
): Promise<GradientCheckReport> {
  const samples = options.samples ?? 20;
  const eps = options.eps ?? 1e-2;
  const probes: GradientProbe[] = [];
  for (const p of params) {
    const nonZero: number[] = [];
    for (let i = 0; i < p.grad.length; i++) if (p.grad[i] !== 0) nonZero.push(i);
    const chosen = new Set<number>();
    const pool = nonZero.length >= samples ? nonZero : null;
    for (let k = 0; k < samples * 4 && chosen.size < Math.min(samples, p.size); k++) {
      // Mostly probe coordinates the gradient says matter, plus a few arbitrary ones (which must be ~0).
      const fromPool = pool && k % 4 !== 3;
      chosen.add(fromPool ? pool[options.rng.int(pool.length)]! : options.rng.int(p.size));
    }
    const analytic = Float32Array.from(p.grad);
    for (const index of chosen) {
      const original = p.data[index]!;
      p.data[index] = original + eps;
      const up = await loss();
      p.data[index] = original - eps;
      const down = await loss();
      p.data[index] = original;
      const numeric = (up - down) / (2 * eps);
      const a = analytic[index]!;
      const error = Math.abs(a - numeric) / (1e-2 + Math.abs(a) + Math.abs(numeric));
      probes.push({ param: p.name, index, analytic: a, numeric, error });
    }
  }
  return { probes, maxError: probes.reduce((m, q) => Math.max(m, q.error), 0) };
}
