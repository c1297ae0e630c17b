import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cachePath, type KnowledgeGraph, type ProgressListener, ProgressReporter } from "@knowfuse/core";
import { guardStore } from "../guard-store.js";
import { AliasTrie } from "./alias-trie.js";
import { decodeAliasTrie, encodeAliasTrie } from "./alias-trie-file.js";

/** Options of {@link loadAliasIndex}. */
export interface LoadAliasIndexOptions {
  /** Where compiled indexes are cached (default `cachePath("linking")`); `false` disables the disk cache. */
  cacheDir?: string | false;
  onProgress?: ProgressListener;
}

/** Version of the cache file's format (part of its name: a new format never reads an old file). */
const FORMAT = 2;

/**
 * Compiles the alias trie of a store from `streamAliases()`, once: the
 * compiled trie is cached on disk (see `encodeAliasTrie`) under a name derived
 * from the store's kind and `contentVersion()`, so a changed store gets a fresh
 * index and an unchanged one loads its tables from the cache without
 * compiling. The cache file is written atomically; a damaged one is rebuilt.
 */
export async function loadAliasIndex(
  kg: KnowledgeGraph,
  options: LoadAliasIndexOptions = {},
): Promise<AliasTrie> {
  const version = await guardStore(kg, "contentVersion", () => kg.contentVersion());
  const dir = options.cacheDir === undefined ? cachePath("linking") : options.cacheDir;
  const digest = createHash("sha256").update(`${kg.kind}\n${version}\n${FORMAT}`).digest("hex").slice(0, 24);
  const file = dir === false ? undefined : join(dir, `alias-index-${digest}.bin`);
  if (file && existsSync(file)) {
    try {
      return decodeAliasTrie(readFileSync(file));
    } catch {
      // A damaged cache file is rebuilt below.
    }
  }
  const progress = new ProgressReporter("linking:alias-index", "aliases", options.onProgress);
  const trie = new AliasTrie();
  await guardStore(kg, "streamAliases", async () => {
    for await (const e of kg.streamAliases()) {
      trie.add(e.normalized, e.entityId, e.prior, e.key);
      if ((trie.size & 4095) === 0) progress.report(trie.size);
    }
  });
  progress.finish(trie.size);
  if (file && dir) {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, encodeAliasTrie(trie));
    renameSync(tmp, file);
  }
  return trie;
}
