import type { KnowledgeGraph, ProgressListener } from "@knowfuse/core";
import { cachedForStore } from "../cache/cached-for-store.js";
import { KnowledgeSnapshot } from "./knowledge-snapshot.js";
import { decodeKnowledgeSnapshot, encodeKnowledgeSnapshot } from "./knowledge-snapshot-file.js";

/** Options of {@link loadKnowledgeSnapshot}. */
export interface LoadKnowledgeSnapshotOptions {
  /** Cache folder (default `cachePath("linking")`); `false` disables the disk cache. */
  cacheDir?: string | false;
  /** Neighbours kept per entity (default 64). */
  edgesPerEntity?: number;
  /** Stores with more entities get an empty snapshot (default 500,000). */
  maxEntities?: number;
  onProgress?: ProgressListener;
}

/**
 * The {@link KnowledgeSnapshot} of a store, built once (one pass over its
 * entities and relations) and cached on disk by store kind and
 * `graphVersion()`, like the alias index.
 */
export async function loadKnowledgeSnapshot(
  kg: KnowledgeGraph,
  options: LoadKnowledgeSnapshotOptions = {},
): Promise<KnowledgeSnapshot> {
  const edgesPerEntity = options.edgesPerEntity ?? 64;
  const maxEntities = options.maxEntities ?? 500_000;
  const kind = {
    name: "knowledge",
    extension: "bin",
    // The file format's version and the settings that decide the contents
    // (bump the version when the content words change, e.g. their stemming).
    variant: `1:${edgesPerEntity}:${maxEntities}`,
    encode: encodeKnowledgeSnapshot,
    decode: decodeKnowledgeSnapshot,
  };
  return cachedForStore(kg, options, kind, () =>
    KnowledgeSnapshot.build(kg, {
      edgesPerEntity,
      maxEntities,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    }),
  );
}
