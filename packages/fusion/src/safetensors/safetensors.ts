import { readFile, rename, writeFile } from "node:fs/promises";
import { ModelLoadError, type NamedTensor } from "@knowfuse/core";

/**
 * Serialises float32 tensors in the safetensors layout: an 8-byte little-endian
 * header length, a JSON header (`{ name: { dtype: "F32", shape, data_offsets } }`
 * plus optional string `__metadata__`), then the raw little-endian data, tensors
 * in name order. The header is padded with spaces to a multiple of 8 bytes.
 */
export function encodeSafetensors(
  tensors: ReadonlyMap<string, NamedTensor>,
  metadata: Record<string, string> = {},
): Uint8Array {
  const names = [...tensors.keys()].sort();
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const name of names) {
    const t = tensors.get(name)!;
    const expected = t.dims.reduce((a, b) => a * b, 1);
    if (expected !== t.data.length) {
      throw new ModelLoadError(`tensor "${name}" has ${t.data.length} values but shape [${t.dims}]`);
    }
    header[name] = { dtype: "F32", shape: t.dims, data_offsets: [offset, offset + t.data.byteLength] };
    offset += t.data.byteLength;
  }
  let json = JSON.stringify(header);
  json += " ".repeat((8 - (Buffer.byteLength(json) % 8)) % 8);
  const headerBytes = Buffer.from(json, "utf8");
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  const view = new DataView(out.buffer);
  for (const name of names) {
    const { data } = tensors.get(name)!;
    for (let i = 0; i < data.length; i++) view.setFloat32(at + i * 4, data[i]!, true);
    at += data.byteLength;
  }
  return out;
}

/** What {@link decodeSafetensors} returns. */
export interface SafetensorsContent {
  tensors: Map<string, NamedTensor>;
  metadata: Record<string, string>;
}

/**
 * Parses a safetensors buffer holding F32 tensors. A malformed header, another
 * dtype or offsets outside the buffer raise a {@link ModelLoadError} naming `source`.
 */
export function decodeSafetensors(bytes: Uint8Array, source = "safetensors"): SafetensorsContent {
  const fail = (problem: string): never => {
    throw new ModelLoadError(`${source}: ${problem}`, { details: { source } });
  };
  if (bytes.length < 8) fail("shorter than the 8-byte header length");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  if (8 + headerLength > bytes.length) fail(`header length ${headerLength} exceeds the file`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(bytes.subarray(8, 8 + headerLength)).toString("utf8")) as Record<
      string,
      unknown
    >;
  } catch (cause) {
    throw new ModelLoadError(`${source}: header is not JSON`, { cause, details: { source } });
  }
  const base = 8 + headerLength;
  const tensors = new Map<string, NamedTensor>();
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header)) {
    if (name === "__metadata__") {
      metadata = entry as Record<string, string>;
      continue;
    }
    const e = entry as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (e.dtype !== "F32") fail(`tensor "${name}" has dtype ${String(e.dtype)}; only F32 is supported`);
    const shape = e.shape as number[];
    const [from, to] = e.data_offsets as [number, number];
    const count = shape.reduce((a, b) => a * b, 1);
    if (!Number.isInteger(from) || to - from !== count * 4 || base + to > bytes.length) {
      fail(`tensor "${name}" has data_offsets [${from}, ${to}] that do not fit shape [${shape}] or the file`);
    }
    const data = new Float32Array(count);
    for (let i = 0; i < count; i++) data[i] = view.getFloat32(base + from + i * 4, true);
    tensors.set(name, { data, dims: [...shape] });
  }
  return { tensors, metadata };
}

/** Writes tensors to a safetensors file atomically (temporary file, then rename). */
export async function writeSafetensors(
  path: string,
  tensors: ReadonlyMap<string, NamedTensor>,
  metadata: Record<string, string> = {},
): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, encodeSafetensors(tensors, metadata));
  await rename(tmp, path);
}

/** Reads a safetensors file of F32 tensors. */
export async function readSafetensors(path: string): Promise<SafetensorsContent> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw new ModelLoadError(`cannot read ${path}`, { cause, details: { path } });
  }
  return decodeSafetensors(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), path);
}
