/**
 * An entity's sense numbers by alias key (WordNet's `senseNumbers` property),
 * keeping only numeric entries; undefined when the value is not an object.
 *
 * @example
 * ```ts
 * senseNumbers({ "dog%1:05:00::": 1, note: "x" }); // { "dog%1:05:00::": 1 }
 * ```
 */
export function senseNumbers(value: unknown): Record<string, number> | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === "number") out[k] = v;
  return out;
}
