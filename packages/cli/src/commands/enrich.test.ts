import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { isKnowfuseError } from "@knowfuse/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readUmlsTsv, writeUmlsToyStore } from "../../../../test/umls-toy-store.js";
import { enrichCommand } from "./enrich.js";

const tmp = mkdtempSync(join(tmpdir(), "kf-cli-enrich-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const store = join(tmp, "kg.db");
const input = join(tmp, "docs.jsonl");
const DIM = 8;

beforeAll(async () => {
  // A toy embedding space: distinct, deterministic vectors per entity.
  await writeUmlsToyStore(store, tmp, DIM, (i, k) => Math.sin(i + k));
  const docs = readUmlsTsv("entity2textlong.txt")
    .slice(0, 6)
    .map(([id, text]) => JSON.stringify({ id, text: text!.slice(0, 200) }));
  writeFileSync(input, `${docs.join("\n")}\n`);
}, 120_000);

async function run(values: Record<string, string | boolean>) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let err = "";
  stderr.on("data", (c) => {
    err += c;
  });
  const code = await enrichCommand.run({
    values: { store, in: input, ...values },
    positionals: [],
    stdout,
    stderr,
  });
  return { code, err };
}

interface OutLine {
  line: number;
  id: string;
  ok: boolean;
  tokens: number;
  links: { entityId: string | null; label: string | null; start: number; end: number; surface: string }[];
  pooled?: string;
  hidden?: { dims: number[]; data: string };
}

const decode = (b64: string) => {
  const bytes = Buffer.from(b64, "base64");
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
};

describe("knowfuse enrich", () => {
  it("writes links and, with --vectors, base64 Float32 states that the fusion method changes", async () => {
    const none = join(tmp, "none.jsonl");
    const ernie = join(tmp, "ernie.jsonl");
    const first = await run({ out: none, vectors: true });
    expect(first.code).toBe(0);
    expect(first.err).toContain("using the generated demo encoder");
    expect(first.err).toMatch(/6 documents \(0 errors\)/);
    const second = await run({
      out: ernie,
      vectors: true,
      fusion: "ernie",
      space: "toy",
      "cache-entries": "4",
    });
    expect(second.code).toBe(0);

    const plain = readFileSync(none, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as OutLine);
    const fused = readFileSync(ernie, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as OutLine);
    expect(plain.map((l) => l.line)).toEqual([1, 2, 3, 4, 5, 6]);
    const virus = plain.find((l) => l.id === "virus")!;
    const text = JSON.parse(readFileSync(input, "utf8").split("\n")[1]!).text as string;
    const link = virus.links.find((l) => l.entityId === "virus")!;
    expect(link.label).toBe("virus");
    expect(text.slice(link.start, link.end)).toBe(link.surface);

    let changed = 0;
    for (const [p, f] of plain.map((l, i) => [l, fused[i]!] as const)) {
      const hidden = decode(p.hidden!.data);
      const [tokens, size] = p.hidden!.dims as [number, number];
      expect(hidden.length).toBe(tokens * size);
      expect(decode(p.pooled!).length).toBe(size);
      expect(f.links).toEqual(p.links);
      expect(f.hidden!.dims).toEqual(p.hidden!.dims);
      if (decode(f.hidden!.data).some((v, k) => Math.abs(v - hidden[k]!) > 1e-6)) changed += 1;
    }
    // The ERNIE layer (seeded, untrained) transforms the states; "none" leaves the encoder's.
    expect(changed).toBeGreaterThan(0);
  });

  it("fails the run, not the documents, for a missing input file or a bad --shard", async () => {
    const missing = run({ in: join(tmp, "nope.jsonl") });
    await expect(missing).rejects.toSatisfy((e) => isKnowfuseError(e, "NOT_FOUND"));
    await expect(run({ shard: "1/1" })).rejects.toSatisfy((e) => isKnowfuseError(e, "INVALID_INPUT"));
    await expect(run({ fusion: "nonsense" })).rejects.toSatisfy((e) => isKnowfuseError(e, "UNKNOWN_NAME"));
    await expect(run({ "batch-size": "0" })).rejects.toThrow(/--batch-size/);
    await expect(run({ "cache-entries": "0" })).rejects.toThrow(/--cache-entries/);
  });
});
