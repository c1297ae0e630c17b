import { readFileSync } from "node:fs";
import { datasetPath, normalizeSurface } from "@knowfuse/core";
import { describe, expect, it } from "vitest";
import { trigrams } from "../candidates/trigrams.js";
import { trigramQuery, trigramTokens } from "./trigram-terms.js";

/** One quoted Lucene term: `"…"` with only `\"` and `\\` escapes inside. */
const QUOTED_TERM = /^"(?:[^"\\]|\\["\\])*"$/;

function unquote(term: string): string {
  return term.slice(1, -1).replace(/\\(["\\])/g, "$1");
}

describe("trigram terms for the full-text index", () => {
  it("indexes one whitespace-free token per trigram of real UMLS names", () => {
    const names = readFileSync(datasetPath("umls", "entity2text.txt"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => normalizeSurface(line.split("\t")[1] ?? ""));
    expect(names.length).toBeGreaterThan(100);
    for (const name of names) {
      const tokens = trigramTokens(name).split(" ");
      expect(tokens).toHaveLength(trigrams(name).size);
      for (const token of tokens) expect([...token]).toHaveLength(3);
    }
  });

  it.each(['a" OR *:*', "x\\y", "title:(bank)", "-not +must", "fuzz~2 AND wild*"])(
    "quotes every trigram of %j so no Lucene syntax in a surface is interpreted",
    (surface) => {
      const normalized = normalizeSurface(surface);
      const terms = trigramQuery(normalized).split(" OR ");
      expect(terms).toHaveLength(trigrams(normalized).size);
      for (const term of terms) expect(term).toMatch(QUOTED_TERM);
      expect(terms.map(unquote)).toEqual(trigramTokens(normalized).split(" "));
    },
  );

  it("caps the number of query terms", () => {
    const long = Array.from({ length: 400 }, (_, i) => `w${i}`).join(" ");
    expect(trigrams(long).size).toBeGreaterThan(512);
    expect(trigramQuery(long).split(" OR ")).toHaveLength(512);
    expect(trigramQuery(long, 100).split(" OR ")).toHaveLength(100);
  });
});
