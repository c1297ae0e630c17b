import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { cachePath, type KnowledgeGraph } from "@knowfuse/core";
import { guardStore } from "../guard-store.js";

/** Where {@link cachedForStore} keeps its files. */
export interface StoreCacheOptions {
  /** Cache folder (default `cachePath("linking")`); `false` disables the disk cache. */
  cacheDir?: string | false;
}

/** How one kind of cached value is named, written and read. */
export interface StoreCacheKind<T> {
  /** File name prefix, e.g. "alias-index". */
  name: string;
  /** File name extension, e.g. "bin". */
  extension: string;
  /**
   * Everything besides the store that decides the value (format version,
   * settings), as text: part of the file name, so that a change never reads an
   * old file.
   */
  variant: string;
  encode(value: T): Uint8Array | string;
  /** Reads a file's bytes; throws when they are not a whole value (the file is then built again). */
  decode(bytes: Buffer): T;
}

/**
 * A value derived from a whole store (an index, statistics), built once and
 * cached on disk under a name derived from the store's kind, its
 * `graphVersion()` and `kind.variant`: a store whose entities, aliases or
 * relations changed gets a fresh value, an unchanged one (embeddings written
 * or not) loads it. Files are written to a temporary name and renamed,
 * so a crash never leaves a half-written one; a damaged file is built again.
 * The cache keeps the {@link CACHE_FILES_KEPT} most recently used files of
 * each kind (a file is marked used when read): older ones, of stores or
 * versions no longer opened, are deleted when a new one is written.
 *
 * @example
 * ```ts
 * const count = await cachedForStore(kg, {}, { name: "entity-count", extension: "json", variant: "1",
 *   encode: (n) => JSON.stringify(n), decode: (b) => Number(JSON.parse(b.toString())) },
 *   async () => (await kg.stats()).entities);
 * ```
 */
export async function cachedForStore<T>(
  kg: KnowledgeGraph,
  options: StoreCacheOptions,
  kind: StoreCacheKind<T>,
  build: () => Promise<T>,
): Promise<T> {
  const version = await guardStore(kg, "graphVersion", () => kg.graphVersion());
  const dir = options.cacheDir === undefined ? cachePath("linking") : options.cacheDir;
  const digest = createHash("sha256")
    .update(`${kg.kind}\n${version}\n${kind.variant}`)
    .digest("hex")
    .slice(0, 24);
  const file = dir === false ? undefined : join(dir, `${kind.name}-${digest}.${kind.extension}`);
  if (file && existsSync(file)) {
    try {
      const value = kind.decode(readFileSync(file));
      markUsed(file);
      return value;
    } catch {
      // A damaged (or meanwhile deleted) file is built again below.
    }
  }
  const value = await build();
  if (file && dir) {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, kind.encode(value));
    renameSync(tmp, file);
    pruneCacheFiles(dir, kind.name);
  }
  return value;
}

/** Files of one kind that {@link cachedForStore} keeps, the most recently used first. */
export const CACHE_FILES_KEPT = 16;

/** Sets a cache file's modification time to now, its last use (a read-only cache stays as it is). */
function markUsed(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // Not ours to touch: the file is still good to read.
  }
}

/** Deletes all but the {@link CACHE_FILES_KEPT} most recently used files named `${name}-*` in `dir`. */
function pruneCacheFiles(dir: string, name: string): void {
  const files: { path: string; used: number }[] = [];
  for (const entry of readdirSync(dir)) {
    // `${name}-<24 hex digits>.<extension>`: this kind's files, not another kind's nor a temporary one.
    if (!entry.startsWith(`${name}-`) || !/^[0-9a-f]{24}\.[a-z]+$/.test(entry.slice(name.length + 1)))
      continue;
    const path = join(dir, entry);
    try {
      files.push({ path, used: statSync(path).mtimeMs });
    } catch {
      // Deleted meanwhile by another process.
    }
  }
  files.sort((a, b) => b.used - a.used);
  for (const { path } of files.slice(CACHE_FILES_KEPT)) rmSync(path, { force: true });
}
