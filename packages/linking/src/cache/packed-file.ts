/** The typed arrays a packed file holds. */
export type PackedArray = Float64Array | Int32Array | Uint8Array;

const TYPES = { f64: Float64Array, i32: Int32Array, u8: Uint8Array } as const;
type TypeName = keyof typeof TYPES;

const typeName = (a: PackedArray): TypeName =>
  a instanceof Float64Array ? "f64" : a instanceof Int32Array ? "i32" : "u8";

/** What a packed file holds: a JSON header, named typed arrays and one text. */
export interface PackedContents {
  header: unknown;
  arrays: Record<string, PackedArray>;
  text: string;
}

/** Thrown by {@link decodePackedFile} when bytes are not a whole packed file of the expected kind. */
export class MalformedPackedFileError extends Error {
  override name = "MalformedPackedFileError";
}

const pad8 = (n: number) => (8 - (n % 8)) % 8;

/**
 * Encodes a header, typed arrays and a text as one file: an 8-byte `magic`, a
 * uint32 (little-endian) length of the JSON layout (the header, each array's
 * name, type and length, the text's encoding and size), the layout, then each
 * array's little-endian bytes aligned to 8, and last the text, in Latin-1 when
 * every character allows it, else UTF-16 (lossless for any string). Loading
 * such a file copies arrays rather than parsing them.
 *
 * @example
 * ```ts
 * const bytes = encodePackedFile("KFDEMO01", { n: 2 }, { xs: Int32Array.of(1, 2) }, "ab");
 * decodePackedFile(bytes, "KFDEMO01").arrays.xs; // Int32Array [1, 2]
 * ```
 */
export function encodePackedFile(
  magic: string,
  header: unknown,
  arrays: Record<string, PackedArray>,
  text: string,
): Buffer {
  if (magic.length !== 8) throw new RangeError(`a packed file's magic has 8 characters, not "${magic}"`);
  const encoding = /[\u0100-\uffff]/.test(text) ? "utf16le" : "latin1";
  const textBytes = Buffer.from(text, encoding);
  const names = Object.keys(arrays);
  const layout = Buffer.from(
    JSON.stringify({
      header,
      arrays: names.map((name) => ({ name, type: typeName(arrays[name]!), length: arrays[name]!.length })),
      encoding,
      textBytes: textBytes.length,
    }),
  );
  const length = Buffer.alloc(4);
  length.writeUInt32LE(layout.length);
  const parts: Uint8Array[] = [Buffer.from(magic, "latin1"), length, layout];
  let at = 12 + layout.length;
  for (const name of names) {
    const array = arrays[name]!;
    parts.push(Buffer.alloc(pad8(at)));
    at += pad8(at);
    parts.push(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    at += array.byteLength;
  }
  parts.push(textBytes);
  return Buffer.concat(parts);
}

/** Decodes a file written by {@link encodePackedFile} with the same `magic`; anything else is a {@link MalformedPackedFileError}. */
export function decodePackedFile(bytes: Uint8Array, magic: string): PackedContents {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < 12 || buffer.toString("latin1", 0, 8) !== magic)
    throw new MalformedPackedFileError(`not a ${magic} file`);
  const layoutLength = buffer.readUInt32LE(8);
  let layout: {
    header: unknown;
    arrays: { name: string; type: TypeName; length: number }[];
    encoding: "latin1" | "utf16le";
    textBytes: number;
  };
  try {
    layout = JSON.parse(buffer.toString("utf8", 12, 12 + layoutLength));
  } catch {
    throw new MalformedPackedFileError("the layout is not valid JSON");
  }
  if (
    !Array.isArray(layout?.arrays) ||
    (layout.encoding !== "latin1" && layout.encoding !== "utf16le") ||
    !Number.isInteger(layout.textBytes)
  )
    throw new MalformedPackedFileError("the layout lacks its arrays or text");
  let at = 12 + layoutLength;
  const arrays: Record<string, PackedArray> = {};
  for (const { name, type, length } of layout.arrays) {
    const Type = TYPES[type];
    if (Type === undefined || !Number.isInteger(length) || length < 0)
      throw new MalformedPackedFileError(`array ${name} has a bad type or length`);
    at += pad8(at);
    const byteLength = length * Type.BYTES_PER_ELEMENT;
    if (at + byteLength > buffer.length) throw new MalformedPackedFileError(`array ${name} is cut short`);
    // A copy: the file's bytes need not be aligned for a view.
    const array = new Type(length);
    new Uint8Array(array.buffer).set(buffer.subarray(at, at + byteLength));
    arrays[name] = array;
    at += byteLength;
  }
  if (at + layout.textBytes !== buffer.length)
    throw new MalformedPackedFileError("the text does not end the file");
  return { header: layout.header, arrays, text: buffer.toString(layout.encoding, at) };
}
