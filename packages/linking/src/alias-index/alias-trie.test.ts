import { normalizeSurface } from "@knowfuse/core";
import { describe, expect, it } from "vitest";
import { aliasEntry as entry } from "../testing/alias-entry.test-suite.js";
import { AliasTrie, nodeListKey, splitPieces } from "./alias-trie.js";

describe("AliasTrie", () => {
  it("walks multi-word aliases piece by piece and meets hyphenated and spaced forms", () => {
    const trie = AliasTrie.fromEntries([
      entry("pet store", "cn:pet_store"),
      entry("pet", "cn:pet"),
      entry("change_ringing", "wn:1", 1, "change_ringing%1:04:00::"),
    ]);
    expect(splitPieces("change-ringing")).toEqual(["change", "ringing"]);
    let node = trie.step(AliasTrie.ROOT, "pet");
    expect(trie.hits(node).map((h) => h.entityId)).toEqual(["cn:pet"]);
    node = trie.step(node, "store");
    expect(trie.hits(node).map((h) => h.entityId)).toEqual(["cn:pet_store"]);
    expect(trie.lookup("change-ringing")).toEqual([
      { entityId: "wn:1", prior: 1, normalized: "change ringing", key: "change_ringing%1:04:00::" },
    ]);
    expect(trie.lookup("pet shop")).toEqual([]);
    expect(trie.lookup("")).toEqual([]);
  });

  it("treats regular-expression metacharacters in aliases as plain text", () => {
    const odd = ["C++", "a.*b", "(foo)", "[bar]", "x|y", "^$", "what?", "back\\slash"];
    const trie = AliasTrie.fromEntries(odd.map((a, i) => entry(a, `e${i}`)));
    odd.forEach((a, i) => {
      expect(trie.lookup(normalizeSurface(a)).map((h) => h.entityId)).toEqual([`e${i}`]);
    });
    expect(trie.lookup("c")).toEqual([]);
    expect(trie.lookup("ab")).toEqual([]);
  });

  it("ignores forms with no pieces and round-trips through saved rows", () => {
    const trie = AliasTrie.fromEntries([entry("-", "e0"), entry("New York", "e1", 0.25, "k")]);
    expect(trie.size).toBe(1);
    const copy = AliasTrie.fromRows(trie.rows());
    expect(copy.lookup("new york")).toEqual(trie.lookup("new york"));
    expect(copy.size).toBe(1);
  });

  it("steps by piece number like by piece text, through the edge table's growth", () => {
    // 3,000 two-word aliases sharing first words: far more edges than the table's first 1,024 slots.
    const entries = Array.from({ length: 3000 }, (_, i) => entry(`w${i % 100} x${i}`, `e${i}`));
    const trie = AliasTrie.fromEntries(entries);
    for (let i = 0; i < 3000; i++) {
      const first = trie.step(AliasTrie.ROOT, `w${i % 100}`);
      expect(trie.stepPiece(AliasTrie.ROOT, trie.pieceId(`w${i % 100}`))).toBe(first);
      const node = trie.stepPiece(first, trie.pieceId(`x${i}`));
      expect(trie.hits(node).map((h) => h.entityId)).toEqual([`e${i}`]);
    }
    expect(trie.pieceId("absent")).toBe(-1);
    expect(trie.stepPiece(AliasTrie.ROOT, -1)).toBe(-1);
    // A known piece that does not follow this node.
    expect(trie.stepPiece(trie.step(AliasTrie.ROOT, "w0"), trie.pieceId("x1"))).toBe(-1);
  });

  it("lists the hits of several nodes in order, the same list each time", () => {
    const trie = AliasTrie.fromEntries([
      entry("saw", "n:saw"),
      entry("see", "v:see"),
      entry("see", "v:understand"),
    ]);
    const saw = trie.walk(AliasTrie.ROOT, "saw");
    const see = trie.walk(AliasTrie.ROOT, "see");
    expect(trie.hitsOf([saw])).toBe(trie.hits(saw));
    const both = trie.hitsOf([saw, see]);
    expect(both.map((h) => h.entityId)).toEqual(["n:saw", "v:see", "v:understand"]);
    expect(trie.hitsOf([saw, see])).toBe(both);
    expect(trie.hitsOf([see, saw]).map((h) => h.entityId)).toEqual(["v:see", "v:understand", "n:saw"]);
  });
});

describe("nodeListKey", () => {
  it("names one or two nodes by distinct numbers and longer lists by text", () => {
    const keys = [[1], [2], [1, 2], [2, 1], [16_777_215], [1, 0]].map(nodeListKey);
    expect(keys.every((k) => typeof k === "number")).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
    expect(nodeListKey([1, 2, 3])).toBe("1,2,3");
    expect(nodeListKey([2 ** 24])).toBe(String(2 ** 24));
  });
});
