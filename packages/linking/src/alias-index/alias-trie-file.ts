import { z } from "zod";
import { decodePackedFile, encodePackedFile, MalformedPackedFileError } from "../cache/packed-file.js";
import { AliasTrie, type AliasTrieSnapshot, EDGE_FILTER_WORDS } from "./alias-trie.js";

const MAGIC = "KFALIAS2";

const count = z.number().int().nonnegative();
const HeaderSchema = z.object({
  size: count,
  edges: count,
  edgeBits: z.number().int().min(1).max(30),
  nodeCount: z.number().int().positive(),
  pieceCount: count,
});

/**
 * Encodes an alias trie's compiled state (see {@link AliasTrie.snapshot}) as a
 * packed file (magic `KFALIAS2`): its counts in the header, its tables as
 * arrays and its strings as the text.
 */
export function encodeAliasTrie(trie: AliasTrie): Buffer {
  const { text, size, edges, edgeBits, nodeCount, pieceCount, ...arrays } = trie.snapshot();
  const header: z.infer<typeof HeaderSchema> = { size, edges, edgeBits, nodeCount, pieceCount };
  return encodePackedFile(MAGIC, header, arrays, text);
}

/** Decodes an alias trie written by {@link encodeAliasTrie}; bytes that are not one are a {@link MalformedPackedFileError}. */
export function decodeAliasTrie(bytes: Uint8Array): AliasTrie {
  const { header, arrays, text } = decodePackedFile(bytes, MAGIC);
  const parsed = HeaderSchema.safeParse(header);
  if (!parsed.success) throw new MalformedPackedFileError(`bad alias-trie header: ${parsed.error.message}`);
  const h = parsed.data;
  const { priors, edgeTable, edgeFilter, hitBits, ends, hitStarts, hasKey } = arrays;
  if (
    !(priors instanceof Float64Array) ||
    !(edgeTable instanceof Int32Array) ||
    !(edgeFilter instanceof Int32Array) ||
    !(hitBits instanceof Int32Array) ||
    !(ends instanceof Int32Array) ||
    !(hitStarts instanceof Int32Array) ||
    !(hasKey instanceof Uint8Array)
  )
    throw new MalformedPackedFileError("an alias-trie table is missing or of the wrong type");
  const hits = priors.length;
  const consistent =
    edgeTable.length === 4 << h.edgeBits &&
    edgeFilter.length === EDGE_FILTER_WORDS &&
    hitStarts.length === h.nodeCount + 1 &&
    hitStarts[h.nodeCount] === hits &&
    hasKey.length === hits &&
    ends.length === h.pieceCount + 3 * hits &&
    (ends.length === 0 || ends[ends.length - 1] === text.length) &&
    hitBits.length * 32 >= h.nodeCount;
  if (!consistent) throw new MalformedPackedFileError("the alias-trie tables do not fit together");
  const snapshot: AliasTrieSnapshot = {
    ...h,
    text,
    priors,
    edgeTable,
    edgeFilter,
    hitBits,
    ends,
    hitStarts,
    hasKey,
  };
  return AliasTrie.fromSnapshot(snapshot);
}
