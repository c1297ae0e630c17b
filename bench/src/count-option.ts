/**
 * A benchmark's numeric option: `value` (as `parseArgs` gives it) as a
 * positive integer, `fallback` when absent. Anything else stops the benchmark
 * with a message naming the option, instead of running with NaN.
 */
export function countOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`--${name}: expected a positive integer, got "${value}"`);
  }
  return n;
}
