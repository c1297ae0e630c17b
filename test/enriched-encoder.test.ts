import { type Entity, isKnowfuseError, type KnowledgeGraph, type Link, Prng } from "@knowfuse/core";
import {
  alignLinks,
  createEnrichedEncoder,
  createFusionMethod,
  ensureFixtureModel,
  LayerSplitRunner,
  loadEncoder,
  type OnnxEncoder,
} from "@knowfuse/fusion";
import { openSqliteKnowledgeGraph } from "@knowfuse/kg";
import { GraphLinker } from "@knowfuse/linking";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const DIM = 8;
let bert: OnnxEncoder;
let roberta: OnnxEncoder;
let kg: KnowledgeGraph;

function entity(id: string, name: string): Entity {
  return {
    id,
    label: name,
    aliases: [{ text: name, prior: 1 }],
    types: [],
    category: "linguistic",
    source: "test",
  };
}

function link(
  text: string,
  surface: string,
  entityId: string | null = null,
  candidates: string[] = [],
): Link {
  const start = text.indexOf(surface);
  return {
    mention: { start, end: start + surface.length, surface },
    entityId,
    score: 1,
    evidence: {},
    candidates: candidates.map((c, i) => ({ entityId: c, prior: 1 / (i + 1), score: 1 })),
  };
}

beforeAll(async () => {
  bert = await loadEncoder(await ensureFixtureModel("tiny-bert"), { threads: 1 });
  roberta = await loadEncoder(await ensureFixtureModel("tiny-roberta"), { threads: 1 });
  kg = await openSqliteKnowledgeGraph({ path: ":memory:" });
  await kg.upsertEntities([entity("e:cat", "cat"), entity("e:dog", "dog"), entity("e:mat", "mat")]);
  const rng = new Prng(3);
  await kg.putEmbeddings({ name: "test-space", dim: DIM }, [
    ["e:cat", rng.fillNormal(new Float32Array(DIM), 1)],
    ["e:dog", rng.fillNormal(new Float32Array(DIM), 1)],
    // e:mat has no vector: links to it fall back to the text branch.
  ]);
});

afterAll(async () => {
  await Promise.all([bert?.close(), roberta?.close(), kg?.close()]);
});

describe("alignment with the generated tokenizers", () => {
  for (const name of ["bert", "roberta"] as const) {
    it(`${name}: every mention covers exactly the pieces that overlap its characters`, async () => {
      const encoder = name === "bert" ? bert : roberta;
      const text = "The unhappiest cat-lovers sat on a mat.";
      const links = [link(text, "unhappiest"), link(text, "cat-lovers"), link(text, "mat")];
      const batch = encoder.tokenize([text], { truncation: true });
      const { spans, unaligned } = alignLinks(batch, [text], [links]);
      expect(unaligned).toEqual([]);
      for (const s of spans) {
        const pieces = batch.offsets[0]!.slice(s.tokenStart, s.tokenEnd);
        const covered = text.slice(pieces[0]![0], pieces.at(-1)![1]).trim();
        expect(covered).toContain(s.link.mention.surface);
        // Pieces just outside the span do not overlap the mention.
        for (const t of [s.tokenStart - 1, s.tokenEnd]) {
          const [a, b] = batch.offsets[0]![t] ?? [0, 0];
          const overlap = Math.min(b, s.link.mention.end) - Math.max(a, s.link.mention.start);
          expect(text.slice(a, b).trim() === "" || overlap <= 0).toBe(true);
        }
      }
    });
  }

  it("reports mentions cut off by truncation", async () => {
    const text = `${"word ".repeat(80)}cat`;
    const batch = bert.tokenize([text], { truncation: true });
    const { spans, unaligned } = alignLinks(batch, [text], [[link(text, "cat", "e:cat")]]);
    expect(spans).toEqual([]);
    expect(unaligned).toHaveLength(1);
  });
});

describe("createEnrichedEncoder (tiny-bert, SQLite store)", () => {
  it("refuses an embedding space of another dimension when built, naming both sizes", async () => {
    const fusion = await createFusionMethod("ernie", { hiddenSize: bert.hiddenSize, entityDim: DIM + 1 });
    await expect(
      createEnrichedEncoder({ encoder: bert, graph: kg, fusion, embeddingSpace: "test-space" }),
    ).rejects.toSatisfy(
      (e: unknown) =>
        isKnowfuseError(e, "DIMENSION_MISMATCH") && /expected dimension 9, got 8/.test(String(e)),
    );
    await expect(
      createEnrichedEncoder({ encoder: bert, graph: kg, fusion, embeddingSpace: "nope" }),
    ).rejects.toSatisfy(
      (e: unknown) => isKnowfuseError(e, "NOT_FOUND") && /known: test-space/.test(String(e)),
    );
  });

  it("enriches documents: tokens with offsets, [tokens, hidden] states, pooled vector, fallbacks counted, empty text handled", async () => {
    const fusion = await createFusionMethod("ernie", { hiddenSize: bert.hiddenSize, entityDim: DIM });
    const bare = await createFusionMethod("none", { hiddenSize: bert.hiddenSize });
    const texts = ["A cat sat on the mat.", "", "The dog barked."];
    const links = [
      [link(texts[0]!, "cat", "e:cat", ["e:cat", "e:dog"]), link(texts[0]!, "mat", "e:mat")],
      [],
      [link(texts[2]!, "dog", "e:dog")],
    ];
    const enriched = await createEnrichedEncoder({
      encoder: bert,
      graph: kg,
      fusion,
      embeddingSpace: "test-space",
    });
    const plain = await createEnrichedEncoder({
      encoder: bert,
      graph: kg,
      fusion: bare,
      embeddingSpace: "test-space",
    });
    const docs = await enriched.encode(texts, { links });
    const base = await plain.encode(texts, { links });
    expect(docs.map((d) => d.document.text)).toEqual(texts);
    const H = bert.hiddenSize;
    for (const [i, d] of docs.entries()) {
      expect(d.hidden!.dims).toEqual([d.tokens.length, H]);
      expect(d.hidden!.data.length).toBe(d.tokens.length * H);
      expect(d.pooled!.length).toBe(H);
      for (const t of d.tokens) expect(texts[i]!.slice(t.start, t.end)).toBe(t.text);
    }
    expect(docs[1]!.tokens).toEqual([]);
    expect(Array.from(docs[1]!.pooled!)).toEqual(new Array(H).fill(0));
    expect(docs[0]!.stats).toMatchObject({ links: 2, aligned: 2, fallbackNoEmbedding: 1 });
    expect(enriched.totals.fallbacks).toBe(1);
    // Knowledge changes the mention's token far more than the untrained layer moves other tokens.
    const diff = (d: number, tok: number) => {
      let s = 0;
      for (let h = 0; h < H; h++)
        s += Math.abs(docs[d]!.hidden!.data[tok * H + h]! - base[d]!.hidden!.data[tok * H + h]!);
      return s / H;
    };
    // The tiny vocabulary splits words into pieces; take each word's first piece.
    const at = (word: string) => docs[0]!.tokens.findIndex((t) => t.start === texts[0]!.indexOf(word));
    const catTok = at("cat");
    const matTok = at("mat");
    const theTok = at("the");
    expect(diff(0, catTok)).toBeGreaterThan(0);
    expect(diff(0, matTok)).toBeLessThan(diff(0, catTok) + 1e-9);
    // "mat" has no vector: its state is what the text-only branch gives, like any other word.
    expect(Math.abs(diff(0, matTok) - diff(0, theTok))).toBeLessThan(0.05);
    await enriched.close();
    await plain.close();
  });
});

describe("createEnrichedEncoder with windowing", () => {
  it("stitches the windows of a long text into one token sequence, each piece once, in order", async () => {
    const bare = await createFusionMethod("none", { hiddenSize: bert.hiddenSize });
    const text = `${"the cat sat on the mat and ".repeat(12)}the end`;
    const enriched = await createEnrichedEncoder({
      encoder: bert,
      graph: kg,
      fusion: bare,
      embeddingSpace: "test-space",
      policy: { windowing: { stride: 8 } },
    });
    const [doc] = await enriched.encode([text], { links: [[link(text, "end", "e:cat")]] });
    const rows = bert.tokenize([text], { windowing: { stride: 8 } });
    expect(rows.batch).toBeGreaterThan(1);
    // The same pieces the tokenizer gives for the whole text, without specials and without the overlaps.
    const all = bert.tokenize([text], { windowing: { stride: 0 } });
    const expected = all.offsets.flatMap((row) => row.filter(([s, e]) => e > s));
    expect(doc!.tokens.map((t) => [t.start, t.end])).toEqual(expected);
    expect(doc!.hidden!.dims).toEqual([expected.length, bert.hiddenSize]);
    expect(doc!.stats).toMatchObject({ links: 1, aligned: 1, unaligned: 0 });
    await enriched.close();
  });
});

describe("createEnrichedEncoder with the graph linker", () => {
  it("links the texts itself when no links are given and fuses the linked entities", async () => {
    const linker = await GraphLinker.open({ store: kg, cacheDir: false, rarity: false });
    const fusion = await createFusionMethod("ernie", { hiddenSize: bert.hiddenSize, entityDim: DIM });
    const enriched = await createEnrichedEncoder({
      encoder: bert,
      graph: kg,
      linker,
      fusion,
      embeddingSpace: "test-space",
    });
    const [doc] = await enriched.encode([{ id: "d1", text: "A cat chased a dog onto the mat." }]);
    expect(doc!.document.id).toBe("d1");
    const linked = doc!.links.filter((l) => l.entityId !== null).map((l) => l.entityId);
    expect(linked).toEqual(expect.arrayContaining(["e:cat", "e:dog", "e:mat"]));
    // e:mat has no vector: that link falls back to the text branch and is counted.
    expect(doc!.stats).toMatchObject({ fallbackNoEmbedding: 1 });
    await enriched.close();
    await linker.close();
  });
});

describe("KAR between encoder layers (graph split of the generated model)", () => {
  it("part A then part B reproduces the encoder's output", async () => {
    const runner = await LayerSplitRunner.create(bert.modelFile, 0);
    const texts = ["A cat sat on the mat.", "The dog barked at the cat and the mat."];
    const tokens = bert.tokenize(texts);
    const whole = await bert.encode(texts);
    const mid = await runner.runA(tokens);
    const last = await runner.runB(mid, tokens);
    expect(last.dims).toEqual(whole.hidden.dims);
    let maxDiff = 0;
    for (let i = 0; i < last.data.length; i++)
      maxDiff = Math.max(maxDiff, Math.abs(last.data[i]! - whole.hidden.data[i]!));
    expect(maxDiff).toBeLessThan(1e-5);
    // The middle states are not the output: part B does real work.
    expect(Array.from(mid.data.subarray(0, 8))).not.toEqual(Array.from(whole.hidden.data.subarray(0, 8)));
    await runner.close();
  });

  it("an untrained KAR layer after layer 0 starts near the bare encoder; a stronger output projection moves the states", async () => {
    const texts = ["A cat sat on the mat.", "The dog barked."];
    const links = [[link(texts[0]!, "cat", "e:cat", ["e:cat", "e:dog"])], [link(texts[1]!, "dog", "e:dog")]];
    const kar = await createFusionMethod("kar", { hiddenSize: bert.hiddenSize, entityDim: DIM, heads: 2 });
    const mid = await createEnrichedEncoder({
      encoder: bert,
      graph: kg,
      fusion: kar,
      embeddingSpace: "test-space",
      afterLayer: 0,
    });
    const bare = await createEnrichedEncoder({
      encoder: bert,
      graph: kg,
      fusion: await createFusionMethod("none", { hiddenSize: bert.hiddenSize }),
      embeddingSpace: "test-space",
    });
    const a = await mid.encode(texts, { links });
    const b = await bare.encode(texts, { links });
    const meanAbs = (x: Float32Array, y: Float32Array) =>
      x.reduce((s, v, i) => s + Math.abs(v - y[i]!), 0) / x.length;
    expect(a[0]!.hidden!.dims).toEqual(b[0]!.hidden!.dims);
    const small = meanAbs(a[0]!.hidden!.data, b[0]!.hidden!.data);
    expect(small).toBeGreaterThan(0);
    expect(small).toBeLessThan(0.2);
    // Scale up the output projection: the recontextualised spans now change the final states a lot.
    for (const p of kar.layer.params)
      if (p.name === "kar.w_o") for (let i = 0; i < p.size; i++) p.data[i] = p.data[i]! * 100;
    await kar.reload();
    const c = await mid.encode(texts, { links });
    expect(meanAbs(c[0]!.hidden!.data, b[0]!.hidden!.data)).toBeGreaterThan(small * 3);
    await mid.close();
    await bare.close();
  });
});
