import type { KnowledgeGraph, ProgressListener } from "@knowfuse/core";
import { ProgressReporter } from "@knowfuse/core";
import { cachedForStore } from "../cache/cached-for-store.js";
import { guardStore } from "../guard-store.js";
import { AliasTrie } from "./alias-trie.js";
import { decodeAliasTrie, encodeAliasTrie } from "./alias-trie-file.js";

/** Options of {@link loadAliasIndex}. */
export interface LoadAliasIndexOptions {
  /** Where compiled indexes are cached (default `cachePath("linking")`); `false` disables the disk cache. */
  cacheDir?: string | false;
  onProgress?: ProgressListener;
}

/**
 * Compiles the alias trie of a store from `streamAliases()`, once: the
 * compiled trie is cached on disk (see `encodeAliasTrie`) under a name derived
 * from the store's kind and `graphVersion()`, so a changed store gets a fresh
 * index and an unchanged one loads its tables from the cache without
 * compiling. The cache file is written atomically; a damaged one is rebuilt.
 */
export async function loadAliasIndex(
  kg: KnowledgeGraph,
  options: LoadAliasIndexOptions = {},
): Promise<AliasTrie> {
  // The variant is the file format's version.
  const kind = {
    name: "alias-index",
    extension: "bin",
    variant: "2",
    encode: encodeAliasTrie,
    decode: decodeAliasTrie,
  };
  return cachedForStore(kg, options, kind, async () => {
    const progress = new ProgressReporter("linking:alias-index", "aliases", options.onProgress);
    const trie = new AliasTrie();
    await guardStore(kg, "streamAliases", async () => {
      for await (const e of kg.streamAliases()) {
        trie.add(e.normalized, e.entityId, e.prior, e.key);
        if ((trie.size & 4095) === 0) progress.report(trie.size);
      }
    });
    progress.finish(trie.size);
    return trie;
  });
}
