import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Entity, KnowledgeGraph } from "@knowfuse/core";
import { openSqliteKnowledgeGraph } from "@knowfuse/kg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CACHE_FILES_KEPT, cachedForStore } from "./cached-for-store.js";

const entity = (id: string): Entity => ({
  id,
  label: id,
  aliases: [{ text: id }],
  types: [],
  category: "domain",
  source: "test",
});

/** A cached kind whose value is a number (its builds are counted in `built`). */
function numberKind(built: number[]) {
  return {
    name: "count",
    extension: "json",
    variant: "1",
    encode: (n: number) => JSON.stringify(n),
    decode: (bytes: Buffer) => Number(JSON.parse(bytes.toString("utf8"))),
    build: (n: number) => async () => {
      built.push(n);
      return n;
    },
  };
}

describe("cachedForStore", () => {
  const dir = mkdtempSync(join(tmpdir(), "knowfuse-store-cache-"));
  let a: KnowledgeGraph;
  let b: KnowledgeGraph;
  const cache = join(dir, "cache");
  const files = (prefix: string) => readdirSync(cache).filter((f) => f.startsWith(prefix));

  beforeAll(async () => {
    a = await openSqliteKnowledgeGraph({ path: join(dir, "a.db") });
    b = await openSqliteKnowledgeGraph({ path: join(dir, "b.db") });
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it("builds once per graph version, keeps embedding writes cached, and keeps the most recently used files", async () => {
    const built: number[] = [];
    const kind = numberKind(built);
    const cached = (kg: KnowledgeGraph, n: number) =>
      cachedForStore(kg, { cacheDir: cache }, kind, kind.build(n));
    expect(await cached(b, 100)).toBe(100);
    expect(await cached(b, 101)).toBe(100);
    await b.putEmbeddings({ name: "s", dim: 1 }, [["x", Float32Array.of(1)]]);
    expect(await cached(b, 102)).toBe(100);
    expect(built).toEqual([100]);
    writeFileSync(join(cache, "other-0123456789abcdef01234567.bin"), "another kind's file");
    // Store a's graph changes between calls: each call is a new version.
    for (let v = 1; v <= CACHE_FILES_KEPT + 1; v++) {
      await sleep(15);
      await a.upsertEntities([entity(`e:${v}`)]);
      expect(await cached(a, v)).toBe(v);
      // Reading b's value marks it used: it outlives a's older versions.
      if (v === CACHE_FILES_KEPT - 2) {
        await sleep(15);
        expect(await cached(b, 103)).toBe(100);
      }
    }
    expect(files("count-")).toHaveLength(CACHE_FILES_KEPT);
    expect(files("other-")).toHaveLength(1);
    expect(built).toEqual([100, ...Array.from({ length: CACHE_FILES_KEPT + 1 }, (_, i) => i + 1)]);
    // b's file survived; a's two oldest versions were deleted.
    expect(await cached(b, 104)).toBe(100);
    expect(built.includes(104)).toBe(false);
  });
});
