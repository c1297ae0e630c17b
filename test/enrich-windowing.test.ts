// A document longer than the encoder's window, through the enrich path (graph
// linker + enriched encoder with "ernie" fusion, and the `enrich` command):
// it is windowed with overlap, every link is fused once per window that shows
// it, the links are not duplicated, and the stitched states take each token
// from the window where it has the most context.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "@knowfuse/cli";
import type { KnowledgeGraph } from "@knowfuse/core";
import {
  createEnrichedEncoder,
  createFusionMethod,
  ensureFixtureModel,
  loadEncoder,
  type OnnxEncoder,
} from "@knowfuse/fusion";
import { openSqliteKnowledgeGraph } from "@knowfuse/kg";
import { GraphLinker } from "@knowfuse/linking";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readUmlsTsv, writeUmlsToyStore } from "./umls-toy-store.js";

const tmp = mkdtempSync(join(tmpdir(), "kf-enrich-window-"));
const store = join(tmp, "kg.db");
const DIM = 8;
let bert: OnnxEncoder;
let kg: KnowledgeGraph;
let text: string;

beforeAll(async () => {
  // Real UMLS semantic types as entities (their names as aliases), a toy embedding space.
  await writeUmlsToyStore(store, tmp, DIM, (i, k) => Math.cos(i * 3 + k));
  kg = await openSqliteKnowledgeGraph({ path: store, readonly: true });
  bert = await loadEncoder(await ensureFixtureModel("tiny-bert"), { threads: 1 });
  // A real long description: several windows of the 64-token tiny-bert.
  text = readUmlsTsv("entity2textlong.txt")
    .map(([, t]) => t!)
    .find((t) => t.length > 1200)!
    .slice(0, 1200);
}, 120_000);

afterAll(async () => {
  await bert?.close();
  await kg?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** The text's word pieces (offsets) as the tokenizer gives them for the whole text. */
function allPieces(encoder: OnnxEncoder, t: string): [number, number][] {
  const rows = encoder.tokenize([t], { windowing: { stride: 0 } });
  return rows.offsets.flatMap((row) => row.filter(([s, e]) => e > s));
}

describe("enrich path on a document longer than the window", () => {
  it("windows it by default, fuses every link and stitches each token from its most central window", async () => {
    const linker = await GraphLinker.open({ store: kg, cacheDir: false, rarity: false });
    const fusion = await createFusionMethod("ernie", { hiddenSize: bert.hiddenSize, entityDim: DIM });
    const enriched = await createEnrichedEncoder({
      encoder: bert,
      graph: kg,
      linker,
      fusion,
      embeddingSpace: "toy",
    });
    const [doc] = await enriched.encode([{ id: "long", text }]);
    const links = doc!.links;
    const linked = links.filter((l) => l.entityId !== null);
    expect(linked.length).toBeGreaterThan(2);
    // Links come once each, whatever the overlap.
    const spans = links.map((l) => `${l.mention.start}:${l.mention.end}`);
    expect(new Set(spans).size).toBe(spans.length);
    // Links far beyond the first window are fused too (none cut off).
    const expected = allPieces(bert, text);
    expect(expected.length).toBeGreaterThan(2 * bert.maxLength);
    const firstWindowEnd = expected[bert.maxLength - 3]![1];
    expect(links.some((l) => l.mention.start > 2 * firstWindowEnd)).toBe(true);
    expect(doc!.stats).toMatchObject({ links: links.length, aligned: links.length, unaligned: 0 });
    // Every piece of the text once, in order; states for all of them.
    expect(doc!.tokens.map((t) => [t.start, t.end])).toEqual(expected);
    expect(doc!.hidden!.dims).toEqual([expected.length, bert.hiddenSize]);

    // Stitching: each token's state is the fused state of the window row where the token
    // is farthest from the window's edges (ties: either), computed here from the rows.
    const stride = Math.floor(bert.maxLength / 4);
    const prepared = await enriched.prepare([text], [links]);
    const rowsFused = await prepared.finish(await fusion.fuse(prepared.input));
    const { encoded } = prepared;
    expect(encoded.batch).toBeGreaterThan(2);
    expect(encoded.windowStart[1]! - encoded.windowStart[0]!).toBe(bert.maxLength - 2 - stride);
    const H = bert.hiddenSize;
    const T = encoded.sequenceLength;
    const stitched = doc!.hidden!.data;
    const central = new Map<number, { margin: number; states: Float32Array[] }>();
    for (let r = 0; r < encoded.batch; r++) {
      const cols = (encoded.offsets[r] ?? []).flatMap(([s, e], t) => (e > s ? [t] : []));
      cols.forEach((t, k) => {
        const g = encoded.windowStart[r]! + k;
        const margin = Math.min(k, cols.length - 1 - k);
        const state = rowsFused.data.slice((r * T + t) * H, (r * T + t + 1) * H);
        const best = central.get(g);
        if (!best || margin > best.margin) central.set(g, { margin, states: [state] });
        else if (margin === best.margin) best.states.push(state);
      });
    }
    for (let g = 0; g < expected.length; g++) {
      const mine = stitched.subarray(g * H, (g + 1) * H);
      const candidates = central.get(g)!.states;
      const close = candidates.some((s) => s.every((v, h) => Math.abs(v - mine[h]!) < 1e-5));
      expect(close, `token ${g}`).toBe(true);
    }
    await enriched.close();
    await linker.close();
  });

  it("`knowfuse enrich` writes the whole long document: all pieces, each link once and aligned", async () => {
    const input = join(tmp, "docs.jsonl");
    const output = join(tmp, "out.jsonl");
    writeFileSync(input, `${JSON.stringify({ id: "long", text })}\n`);
    const code = await main([
      "enrich",
      "--store",
      store,
      "--in",
      input,
      "--out",
      output,
      "--fusion",
      "ernie",
      "--space",
      "toy",
    ]);
    expect(code).toBe(0);
    const [line] = readFileSync(output, "utf8").trim().split("\n");
    const out = JSON.parse(line!) as {
      ok: boolean;
      tokens: number;
      links: { start: number; end: number }[];
      stats: { links: number; aligned: number; unaligned: number };
    };
    expect(out.ok).toBe(true);
    expect(out.tokens).toBe(allPieces(bert, text).length);
    const spans = out.links.map((l) => `${l.start}:${l.end}`);
    expect(new Set(spans).size).toBe(spans.length);
    expect(out.stats).toMatchObject({ links: out.links.length, aligned: out.links.length, unaligned: 0 });
  });
});
