import { describe, expect, it } from "vitest";
import { MalformedPackedFileError } from "../cache/packed-file.js";
import { aliasEntry as entry } from "../testing/alias-entry.test-suite.js";
import { AliasTrie } from "./alias-trie.js";
import { decodeAliasTrie, encodeAliasTrie } from "./alias-trie-file.js";

const ALIASES = [
  entry("pet store", "cn:pet_store", 0.5),
  entry("pet", "cn:pet", 0.25, "pet%1:05:00::"),
  entry("pet", "cn:pet_2", 0.75, "pet%2:35:00::"),
  entry("change-ringing", "wn:1", 1, "change_ringing%1:04:00::"),
  entry("C++", "e:cpp"),
  entry("a.*b (x|y)", "e:regex"),
  entry("naïve café", "e:latin1"),
];

/** Every alias's lookup in both tries, and their rows in order. */
function expectSameTrie(copy: AliasTrie, trie: AliasTrie, forms: string[]): void {
  expect(copy.size).toBe(trie.size);
  for (const form of forms) expect(copy.lookup(form)).toEqual(trie.lookup(form));
  expect(copy.rows()).toEqual(trie.rows());
}

describe("alias-trie files", () => {
  it("round-trip a trie's tables and hits, node by node, without compiling again", () => {
    const trie = AliasTrie.fromEntries(ALIASES);
    const copy = decodeAliasTrie(encodeAliasTrie(trie));
    expectSameTrie(
      copy,
      trie,
      ALIASES.map((a) => a.normalized),
    );
    // Same node and piece numbers: the edge table came over as it was.
    const pet = trie.step(AliasTrie.ROOT, "pet");
    expect(copy.step(AliasTrie.ROOT, "pet")).toBe(pet);
    expect(copy.pieceId("store")).toBe(trie.pieceId("store"));
    expect(copy.hasHits(pet)).toBe(true);
    expect(copy.hasHits(AliasTrie.ROOT)).toBe(false);
    expect(copy.hits(AliasTrie.ROOT)).toEqual([]);
    expect(copy.hits(pet)).toBe(copy.hits(pet));
    expect(copy.lookup("pet shop")).toEqual([]);
  });

  it("keeps characters beyond Latin-1, lone surrogates included, and stays one byte a character otherwise", () => {
    const wide = [...ALIASES, entry("東京 タワー", "e:tokyo_tower"), entry("x\ud800y", "e:lone")];
    const trie = AliasTrie.fromEntries(wide);
    const bytes = encodeAliasTrie(trie);
    expectSameTrie(
      decodeAliasTrie(bytes),
      trie,
      wide.map((a) => a.normalized),
    );
    const narrow = encodeAliasTrie(AliasTrie.fromEntries(ALIASES));
    const text = ALIASES.map((a) => a.entityId).join("");
    // The narrow file holds its text at one byte a character.
    expect(narrow.includes(Buffer.from(text.slice(0, 10), "latin1"))).toBe(true);
    expect(bytes.includes(Buffer.from("cn:pet_store", "utf16le"))).toBe(true);
  });

  it("round-trips a trie whose edge table grew, and an empty one", () => {
    const entries = Array.from({ length: 3000 }, (_, i) => entry(`w${i % 100} x${i}`, `e${i}`, 1, `k${i}`));
    const trie = AliasTrie.fromEntries(entries);
    expectSameTrie(
      decodeAliasTrie(encodeAliasTrie(trie)),
      trie,
      entries.map((e) => e.normalized),
    );
    const empty = decodeAliasTrie(encodeAliasTrie(new AliasTrie()));
    expect(empty.size).toBe(0);
    expect(empty.lookup("anything")).toEqual([]);
  });

  it("adds aliases to a loaded trie, next to the hits it loaded", () => {
    const copy = decodeAliasTrie(encodeAliasTrie(AliasTrie.fromEntries(ALIASES)));
    copy.add("pet", "cn:pet_3", 0.1);
    copy.add("pet food", "cn:pet_food", 1);
    expect(copy.lookup("pet").map((h) => h.entityId)).toEqual(["cn:pet", "cn:pet_2", "cn:pet_3"]);
    expect(copy.lookup("pet food").map((h) => h.entityId)).toEqual(["cn:pet_food"]);
    expect(copy.size).toBe(ALIASES.length + 2);
  });

  it("rejects bytes that are not a whole alias-trie file", () => {
    const bytes = encodeAliasTrie(AliasTrie.fromEntries(ALIASES));
    const damaged = [
      bytes.subarray(0, bytes.length - 1),
      bytes.subarray(0, 40),
      Buffer.concat([bytes, Buffer.from("x")]),
      Buffer.from("not a trie at all"),
      Buffer.alloc(0),
    ];
    const header = Buffer.from(bytes);
    header.write("]", 12, "latin1");
    damaged.push(header);
    for (const b of damaged) expect(() => decodeAliasTrie(b)).toThrow(MalformedPackedFileError);
  });
});
