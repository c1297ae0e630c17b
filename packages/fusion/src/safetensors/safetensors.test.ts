import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isKnowfuseError, type NamedTensor } from "@knowfuse/core";
import { describe, expect, it } from "vitest";
import { decodeSafetensors, encodeSafetensors, readSafetensors, writeSafetensors } from "./safetensors.js";

describe("safetensors", () => {
  it("round-trips tensors bit for bit, with the documented layout", async () => {
    const tensors = new Map<string, NamedTensor>([
      ["w", { data: Float32Array.from([1.5, -0, Number.MIN_VALUE, 3e38, Math.PI, -2]), dims: [2, 3] }],
      ["b", { data: Float32Array.from([0.1]), dims: [1] }],
    ]);
    const dir = await mkdtemp(join(tmpdir(), "st-"));
    const path = join(dir, "x.safetensors");
    await writeSafetensors(path, tensors, { format: "pt" });
    const raw = await readFile(path);
    const headerLength = Number(raw.readBigUInt64LE(0));
    expect(headerLength % 8).toBe(0);
    const header = JSON.parse(raw.subarray(8, 8 + headerLength).toString());
    // Tensors are laid out in name order: b (4 bytes) then w (24 bytes).
    expect(header.b).toEqual({ dtype: "F32", shape: [1], data_offsets: [0, 4] });
    expect(header.w).toEqual({ dtype: "F32", shape: [2, 3], data_offsets: [4, 28] });
    expect(raw.readFloatLE(8 + headerLength + 4)).toBe(1.5);
    const back = await readSafetensors(path);
    expect(back.metadata).toEqual({ format: "pt" });
    for (const [name, t] of tensors) {
      const got = back.tensors.get(name)!;
      expect(got.dims).toEqual(t.dims);
      expect(Buffer.from(got.data.buffer).equals(Buffer.from(t.data.buffer))).toBe(true);
    }
    await rm(dir, { recursive: true });
  });

  it("rejects a truncated file and another dtype with a ModelLoadError", () => {
    const bytes = encodeSafetensors(new Map([["w", { data: new Float32Array(4), dims: [4] }]]));
    expect(() => decodeSafetensors(bytes.subarray(0, bytes.length - 1), "x.st")).toThrow(/x\.st: tensor "w"/);
    const json = Buffer.from(JSON.stringify({ w: { dtype: "F16", shape: [1], data_offsets: [0, 2] } }));
    const other = Buffer.alloc(8 + json.length + 2);
    other.writeBigUInt64LE(BigInt(json.length), 0);
    json.copy(other, 8);
    try {
      decodeSafetensors(other);
      expect.unreachable();
    } catch (e) {
      expect(isKnowfuseError(e, "MODEL_LOAD_FAILED")).toBe(true);
      expect(String(e)).toMatch(/F16/);
    }
  });
});
