import { z } from "zod";
import { AliasTrie, type AliasTrieSnapshot, EDGE_FILTER_WORDS } from "./alias-trie.js";

const MAGIC = "KFALIAS2";

/** The typed arrays of a snapshot, in file order (8-byte ones first, so every section stays aligned). */
const SECTIONS = ["priors", "edgeTable", "edgeFilter", "hitBits", "ends", "hitStarts", "hasKey"] as const;
type Section = (typeof SECTIONS)[number];
const ARRAY_TYPES = {
  priors: Float64Array,
  edgeTable: Int32Array,
  edgeFilter: Int32Array,
  hitBits: Int32Array,
  ends: Int32Array,
  hitStarts: Int32Array,
  hasKey: Uint8Array,
} as const;

const count = z.number().int().nonnegative();
const HeaderSchema = z.object({
  size: count,
  edges: count,
  edgeBits: z.number().int().min(1).max(30),
  nodeCount: z.number().int().positive(),
  pieceCount: count,
  /** How the text is encoded: one byte per character when every character allows it. */
  encoding: z.enum(["latin1", "utf16le"]),
  textBytes: count,
  /** Element count of each section, in {@link SECTIONS} order. */
  lengths: z.array(count).length(SECTIONS.length),
});

/** Thrown by {@link decodeAliasTrie} when bytes are not a whole alias-trie file. */
export class MalformedAliasTrieFileError extends Error {
  override name = "MalformedAliasTrieFileError";
}

const pad8 = (n: number) => (8 - (n % 8)) % 8;

/**
 * Encodes an alias trie's compiled state (see {@link AliasTrie.snapshot}): the
 * 8-byte magic `KFALIAS2`, a uint32 header length, a JSON header (counts, text
 * encoding, section lengths), then each table as little-endian bytes aligned
 * to 8, and last the text.
 */
export function encodeAliasTrie(trie: AliasTrie): Buffer {
  const s = trie.snapshot();
  // Latin-1 (one byte a character) when it holds every character, else UTF-16 (lossless for any string).
  const encoding = /[\u0100-\uffff]/.test(s.text) ? "utf16le" : "latin1";
  const text = Buffer.from(s.text, encoding);
  const header = Buffer.from(
    JSON.stringify({
      size: s.size,
      edges: s.edges,
      edgeBits: s.edgeBits,
      nodeCount: s.nodeCount,
      pieceCount: s.pieceCount,
      encoding,
      textBytes: text.length,
      lengths: SECTIONS.map((name) => s[name].length),
    } satisfies z.infer<typeof HeaderSchema>),
  );
  const parts: Uint8Array[] = [Buffer.from(MAGIC, "latin1"), uint32(header.length), header];
  let at = 12 + header.length;
  for (const name of SECTIONS) {
    parts.push(Buffer.alloc(pad8(at)));
    at += pad8(at);
    const array = s[name];
    parts.push(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    at += array.byteLength;
  }
  parts.push(text);
  return Buffer.concat(parts);
}

/** Decodes an alias trie written by {@link encodeAliasTrie}; bytes that are not one are a {@link MalformedAliasTrieFileError}. */
export function decodeAliasTrie(bytes: Uint8Array): AliasTrie {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < 12 || buffer.toString("latin1", 0, 8) !== MAGIC)
    throw new MalformedAliasTrieFileError(`not an alias-trie file (expected magic ${MAGIC})`);
  const headerLength = buffer.readUInt32LE(8);
  let json: unknown;
  try {
    json = JSON.parse(buffer.toString("utf8", 12, 12 + headerLength));
  } catch {
    throw new MalformedAliasTrieFileError("the header is not valid JSON");
  }
  const parsed = HeaderSchema.safeParse(json);
  if (!parsed.success) throw new MalformedAliasTrieFileError(`bad header: ${parsed.error.message}`);
  const header = parsed.data;
  let at = 12 + headerLength;
  const arrays = {} as { [K in Section]: InstanceType<(typeof ARRAY_TYPES)[K]> };
  SECTIONS.forEach((name, i) => {
    at += pad8(at);
    const Type = ARRAY_TYPES[name];
    const byteLength = header.lengths[i]! * Type.BYTES_PER_ELEMENT;
    if (at + byteLength > buffer.length)
      throw new MalformedAliasTrieFileError(`section ${name} is cut short`);
    // A copy: the file's bytes need not be aligned for a view.
    const array = new Type(header.lengths[i]!);
    new Uint8Array(array.buffer).set(buffer.subarray(at, at + byteLength));
    (arrays as Record<Section, unknown>)[name] = array;
    at += byteLength;
  });
  if (at + header.textBytes !== buffer.length)
    throw new MalformedAliasTrieFileError("the text does not end the file");
  const text = buffer.toString(header.encoding, at, at + header.textBytes);
  const hits = arrays.priors.length;
  const consistent =
    arrays.edgeTable.length === 4 << header.edgeBits &&
    arrays.edgeFilter.length === EDGE_FILTER_WORDS &&
    arrays.hitStarts.length === header.nodeCount + 1 &&
    arrays.hitStarts[header.nodeCount] === hits &&
    arrays.hasKey.length === hits &&
    arrays.ends.length === header.pieceCount + 3 * hits &&
    (arrays.ends.length === 0 || arrays.ends[arrays.ends.length - 1] === text.length) &&
    arrays.hitBits.length * 32 >= header.nodeCount;
  if (!consistent) throw new MalformedAliasTrieFileError("the sections do not fit together");
  const { size, edges, edgeBits, nodeCount, pieceCount } = header;
  const snapshot: AliasTrieSnapshot = { size, edges, edgeBits, nodeCount, pieceCount, ...arrays, text };
  return AliasTrie.fromSnapshot(snapshot);
}

function uint32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value);
  return b;
}
