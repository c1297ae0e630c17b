import { z } from "zod";
import { decodePackedFile, encodePackedFile, MalformedPackedFileError } from "../cache/packed-file.js";
import { KnowledgeSnapshot, type KnowledgeSnapshotTables } from "./knowledge-snapshot.js";

const MAGIC = "KFKNOW01";

const count = z.number().int().nonnegative();
const HeaderSchema = z.object({ entityCount: count, idCount: count, wordCount: count });

/** Encodes a knowledge snapshot as a packed file (magic `KFKNOW01`): its counts in the header, its tables as arrays. */
export function encodeKnowledgeSnapshot(snapshot: KnowledgeSnapshot): Buffer {
  const { entityCount, idCount, wordCount, text, ...arrays } = snapshot.tables;
  const header: z.infer<typeof HeaderSchema> = { entityCount, idCount, wordCount };
  return encodePackedFile(MAGIC, header, arrays, text);
}

/** True when every number of `values` is in `[0, limit)`. */
function allBelow(values: Int32Array, limit: number): boolean {
  for (let k = 0; k < values.length; k++) if (values[k]! < 0 || values[k]! >= limit) return false;
  return true;
}

/** True when `values` are `length` non-decreasing numbers from at least 0, the last of them `last` (if any). */
function ascending(values: Int32Array, length: number, last: number): boolean {
  if (values.length !== length || (length > 0 && (values[0]! < 0 || values[length - 1] !== last)))
    return false;
  for (let k = 1; k < length; k++) if (values[k]! < values[k - 1]!) return false;
  return true;
}

/** True when `starts` are `count + 1` non-decreasing offsets from 0 to `itemCount`. */
function offsets(starts: Int32Array, count: number, itemCount: number): boolean {
  return starts[0] === 0 && ascending(starts, count + 1, itemCount);
}

/**
 * Decodes a knowledge snapshot written by {@link encodeKnowledgeSnapshot},
 * checking that every offset and number fits; bytes that are not one are a
 * {@link MalformedPackedFileError}.
 */
export function decodeKnowledgeSnapshot(bytes: Uint8Array): KnowledgeSnapshot {
  const { header, arrays, text } = decodePackedFile(bytes, MAGIC);
  const parsed = HeaderSchema.safeParse(header);
  if (!parsed.success)
    throw new MalformedPackedFileError(`bad knowledge-snapshot header: ${parsed.error.message}`);
  const { entityCount, idCount, wordCount } = parsed.data;
  const int = (name: string) => {
    const a = arrays[name];
    if (!(a instanceof Int32Array))
      throw new MalformedPackedFileError(`knowledge-snapshot table ${name} is missing`);
    return a;
  };
  const pos = arrays.pos;
  if (!(pos instanceof Uint8Array))
    throw new MalformedPackedFileError("knowledge-snapshot table pos is missing");
  const tables: KnowledgeSnapshotTables = {
    entityCount,
    idCount,
    wordCount,
    text,
    ends: int("ends"),
    pos,
    descriptionStarts: int("descriptionStarts"),
    descriptionWords: int("descriptionWords"),
    labelStarts: int("labelStarts"),
    labelWords: int("labelWords"),
    neighbourStarts: int("neighbourStarts"),
    neighbours: int("neighbours"),
  };
  const t = tables;
  const strings = idCount + 3 * entityCount + wordCount;
  const consistent =
    entityCount <= idCount &&
    pos.length === entityCount &&
    ascending(t.ends, strings, text.length) &&
    (strings > 0 || text.length === 0) &&
    offsets(t.descriptionStarts, entityCount, t.descriptionWords.length) &&
    offsets(t.labelStarts, idCount, t.labelWords.length) &&
    offsets(t.neighbourStarts, entityCount, t.neighbours.length) &&
    allBelow(t.descriptionWords, wordCount) &&
    allBelow(t.labelWords, wordCount) &&
    allBelow(t.neighbours, idCount);
  if (!consistent) throw new MalformedPackedFileError("the knowledge-snapshot tables do not fit together");
  return new KnowledgeSnapshot(tables);
}
