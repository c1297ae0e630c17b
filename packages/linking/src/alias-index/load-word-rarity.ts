import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cachePath, type KnowledgeGraph, type ProgressListener, ProgressReporter } from "@knowfuse/core";
import { contentWords } from "../disambiguation/context-words.js";
import { guardStore } from "../guard-store.js";

/** Inverse document frequencies of description words over a whole store. */
export interface WordRarity {
  /** Entities read. */
  documents: number;
  /** Stemmed word → number of entity descriptions containing it. */
  df: Map<string, number>;
}

/** Options of {@link loadWordRarity}. */
export interface LoadWordRarityOptions {
  /** Cache folder (default `cachePath("linking")`); `false` disables the disk cache. */
  cacheDir?: string | false;
  onProgress?: ProgressListener;
}

const FORMAT = 1;

/**
 * Counts in how many entities' labels, aliases and descriptions each content
 * word occurs (one pass over `streamEntities()`), so that context overlaps can
 * weigh a shared rare word above a shared common one. Cached on disk by store
 * kind and `contentVersion()`, like the alias index.
 */
export async function loadWordRarity(
  kg: KnowledgeGraph,
  options: LoadWordRarityOptions = {},
): Promise<WordRarity> {
  const version = await guardStore(kg, "contentVersion", () => kg.contentVersion());
  const dir = options.cacheDir === undefined ? cachePath("linking") : options.cacheDir;
  const digest = createHash("sha256").update(`${kg.kind}\n${version}\n${FORMAT}`).digest("hex").slice(0, 24);
  const file = dir === false ? undefined : join(dir, `word-rarity-${digest}.json`);
  if (file && existsSync(file)) {
    try {
      const saved = JSON.parse(readFileSync(file, "utf8")) as {
        format: number;
        documents: number;
        df: [string, number][];
      };
      if (saved.format === FORMAT) return { documents: saved.documents, df: new Map(saved.df) };
    } catch {
      // A damaged cache file is rebuilt below.
    }
  }
  const progress = new ProgressReporter("linking:word-rarity", "entities", options.onProgress);
  const df = new Map<string, number>();
  let documents = 0;
  await guardStore(kg, "streamEntities", async () => {
    for await (const e of kg.streamEntities()) {
      const words = new Set(
        contentWords(`${e.label} ${e.aliases.map((a) => a.text).join(" ")} ${e.description ?? ""}`),
      );
      for (const w of words) df.set(w, (df.get(w) ?? 0) + 1);
      documents++;
      if ((documents & 4095) === 0) progress.report(documents);
    }
  });
  progress.finish(documents);
  if (file && dir) {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ format: FORMAT, documents, df: [...df] }));
    renameSync(tmp, file);
  }
  return { documents, df };
}
