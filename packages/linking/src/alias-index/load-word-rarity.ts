import { type KnowledgeGraph, type ProgressListener, ProgressReporter } from "@knowfuse/core";
import { cachedForStore } from "../cache/cached-for-store.js";
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

/**
 * Counts in how many entities' labels, aliases and descriptions each content
 * word occurs (one pass over `streamEntities()`), so that context overlaps can
 * weigh a shared rare word above a shared common one. Cached on disk by store
 * kind and `graphVersion()`, like the alias index.
 */
export async function loadWordRarity(
  kg: KnowledgeGraph,
  options: LoadWordRarityOptions = {},
): Promise<WordRarity> {
  const kind = {
    name: "word-rarity",
    extension: "json",
    // The variant is the file format's version.
    variant: "1",
    encode: ({ documents, df }: WordRarity) => JSON.stringify({ format: 1, documents, df: [...df] }),
    decode: (bytes: Buffer): WordRarity => {
      const saved = JSON.parse(bytes.toString("utf8")) as { documents: unknown; df: unknown };
      if (typeof saved.documents !== "number" || !Array.isArray(saved.df))
        throw new Error("not a word-rarity file");
      return { documents: saved.documents, df: new Map(saved.df as [string, number][]) };
    },
  };
  return cachedForStore(kg, options, kind, async () => {
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
    return { documents, df };
  });
}
