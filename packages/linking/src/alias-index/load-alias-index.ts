import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cachePath, type KnowledgeGraph, type ProgressListener, ProgressReporter } from "@knowfuse/core";
import { guardStore } from "../guard-store.js";
import { type AliasRow, AliasTrie } from "./alias-trie.js";

/** Options of {@link loadAliasIndex}. */
export interface LoadAliasIndexOptions {
  /** Where compiled indexes are cached (default `cachePath("linking")`); `false` disables the disk cache. */
  cacheDir?: string | false;
  onProgress?: ProgressListener;
}

const FORMAT = 1;

/**
 * Compiles the alias trie of a store from `streamAliases()`, once: the result is
 * cached on disk under a name derived from the store's kind and
 * `contentVersion()`, so a changed store gets a fresh index and an unchanged one
 * loads from the cache. The cache file is written atomically.
 */
export async function loadAliasIndex(
  kg: KnowledgeGraph,
  options: LoadAliasIndexOptions = {},
): Promise<AliasTrie> {
  const version = await guardStore(kg, "contentVersion", () => kg.contentVersion());
  const dir = options.cacheDir === undefined ? cachePath("linking") : options.cacheDir;
  const digest = createHash("sha256").update(`${kg.kind}\n${version}\n${FORMAT}`).digest("hex").slice(0, 24);
  const file = dir === false ? undefined : join(dir, `alias-index-${digest}.json`);
  if (file && existsSync(file)) {
    try {
      const saved = JSON.parse(readFileSync(file, "utf8")) as { format: number; rows: AliasRow[] };
      if (saved.format === FORMAT && Array.isArray(saved.rows)) return AliasTrie.fromRows(saved.rows);
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
    writeFileSync(tmp, JSON.stringify({ format: FORMAT, kind: kg.kind, version, rows: trie.rows() }));
    renameSync(tmp, file);
  }
  return trie;
}
