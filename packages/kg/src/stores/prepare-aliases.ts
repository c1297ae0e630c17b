import { type Alias, normalizeSurface, ValidationError } from "@knowfuse/core";

/** An alias ready to store: its normalised form beside the given fields. */
export interface PreparedAlias {
  text: string;
  normalized: string;
  prior: number | null;
  key: string | null;
}

/**
 * The aliases of one entity as every store keeps them: repeated texts dropped
 * (the first wins), each normalised with `normalizeSurface`. An alias that is
 * empty after normalisation is a {@link ValidationError} naming the entity.
 */
export function prepareAliases(entityId: string, aliases: readonly Alias[] | undefined): PreparedAlias[] {
  const seen = new Set<string>();
  const out: PreparedAlias[] = [];
  for (const alias of aliases ?? []) {
    if (seen.has(alias.text)) continue;
    seen.add(alias.text);
    const normalized = normalizeSurface(alias.text);
    if (normalized === "") {
      throw new ValidationError(
        `entity "${entityId}": alias ${JSON.stringify(alias.text)} is empty after normalisation; an alias needs a letter or digit`,
        [{ path: ["aliases"], message: "empty after normalisation" }],
      );
    }
    out.push({ text: alias.text, normalized, prior: alias.prior ?? null, key: alias.key ?? null });
  }
  return out;
}
