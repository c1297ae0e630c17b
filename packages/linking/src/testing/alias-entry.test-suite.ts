import { type AliasEntry, normalizeSurface } from "@knowfuse/core";

/** An alias entry for trie tests: `alias` normalised as the store would, with an optional key. */
export const aliasEntry = (alias: string, entityId: string, prior = 1, key?: string): AliasEntry => ({
  alias,
  normalized: normalizeSurface(alias),
  entityId,
  prior,
  ...(key ? { key } : {}),
});
