import type { Link } from "@knowfuse/core";
import { describe, expect, it } from "vitest";
import { alignLinks } from "./align-links.js";

function link(text: string, surface: string, from = 0): Link {
  const start = text.indexOf(surface, from);
  if (start < 0) throw new Error(`no "${surface}" in "${text}"`);
  return {
    mention: { start, end: start + surface.length, surface },
    entityId: surface,
    score: 1,
    evidence: {},
    candidates: [],
  };
}

/** Offsets of pieces given as substrings of `text` in order, with [CLS]/[SEP]. */
function offsetsOf(text: string, pieces: string[]): [number, number][] {
  const out: [number, number][] = [[0, 0]];
  let at = 0;
  for (const p of pieces) {
    const s = text.indexOf(p, at);
    if (s < 0) throw new Error(`piece "${p}" not found`);
    out.push([s, s + p.length]);
    at = s + p.length;
  }
  out.push([0, 0]);
  return out;
}

describe("alignLinks", () => {
  it("gives a mention split into several word pieces all of them", () => {
    const text = "the unaffable cat";
    const offsets = offsetsOf(text, ["the", "un", "aff", "able", "cat"]);
    const { spans, unaligned } = alignLinks(
      { offsets: [offsets], textIndex: [0], batch: 1 },
      [text],
      [[link(text, "unaffable"), link(text, "cat")]],
    );
    expect(unaligned).toEqual([]);
    expect(spans.map((s) => [s.tokenStart, s.tokenEnd, s.merged, s.clipped])).toEqual([
      [2, 5, false, false],
      [5, 6, false, false],
    ]);
  });

  it("keeps a piece that merges a mention with its neighbour and flags it", () => {
    const text = "NewYork rocks";
    // One BPE piece covers "NewYork" while the mention is only "York".
    const offsets = offsetsOf(text, ["NewYork", "rocks"]);
    const { spans } = alignLinks(
      { offsets: [offsets], textIndex: [0], batch: 1 },
      [text],
      [[link(text, "York")]],
    );
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ tokenStart: 1, tokenEnd: 2, merged: true });
  });

  it("ignores the leading space that byte-level BPE pieces report", () => {
    const text = "a big dog";
    // RoBERTa-style: "Ġbig" reported as [1, 5) including the space.
    const offsets: [number, number][] = [
      [0, 0],
      [0, 1],
      [1, 5],
      [5, 9],
      [0, 0],
    ];
    const { spans } = alignLinks(
      { offsets: [offsets], textIndex: [0], batch: 1 },
      [text],
      [[link(text, "a"), link(text, "dog")]],
    );
    expect(spans.map((s) => [s.tokenStart, s.tokenEnd, s.merged])).toEqual([
      [1, 2, false],
      [3, 4, false],
    ]);
  });

  it("clips a mention cut by truncation and reports one cut off entirely", () => {
    const text = "alpha beta gamma delta";
    // Truncated after "beta gam".
    const offsets = offsetsOf(text, ["alpha", "beta", "gam"]);
    const { spans, unaligned } = alignLinks(
      { offsets: [offsets], textIndex: [0], batch: 1 },
      [text],
      [[link(text, "gamma"), link(text, "delta"), link(text, "alpha")]],
    );
    expect(spans.map((s) => [s.link.mention.surface, s.tokenStart, s.tokenEnd, s.clipped])).toEqual([
      ["gamma", 3, 4, true],
      ["alpha", 1, 2, false],
    ]);
    expect(unaligned.map((u) => u.link.mention.surface)).toEqual(["delta"]);
  });

  it("places a mention in every window that shows it and maps rows to texts", () => {
    const a = "one two three four";
    const b = "five";
    const w1 = offsetsOf(a, ["one", "two", "three"]);
    const w2 = offsetsOf(a, ["three", "four"]);
    const rowB = offsetsOf(b, ["five"]);
    const { spans, unaligned } = alignLinks(
      { offsets: [w1, w2, rowB], textIndex: [0, 0, 1], batch: 3 },
      [a, b],
      [[link(a, "three"), link(a, "four")], [link(b, "five")]],
    );
    expect(unaligned).toEqual([]);
    expect(spans.map((s) => [s.row, s.textIndex, s.link.mention.surface, s.tokenStart])).toEqual([
      [0, 0, "three", 3],
      [1, 0, "three", 1],
      [1, 0, "four", 2],
      [2, 1, "five", 1],
    ]);
  });

  it("reports an empty mention and a text without pieces as unaligned, without failing", () => {
    const text = "";
    const empty: Link = {
      mention: { start: 0, end: 0, surface: "" },
      entityId: null,
      score: 0,
      evidence: {},
      candidates: [],
    };
    const { spans, unaligned } = alignLinks(
      {
        offsets: [
          [
            [0, 0],
            [0, 0],
          ],
        ],
        textIndex: [0],
        batch: 1,
      },
      [text],
      [[empty]],
    );
    expect(spans).toEqual([]);
    expect(unaligned).toHaveLength(1);
  });
});
