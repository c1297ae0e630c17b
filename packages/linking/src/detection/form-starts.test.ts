import { describe, expect, it } from "vitest";
import { AliasTrie } from "../alias-index/alias-trie.js";
import type { AnalyzedToken } from "../analysis/analyzer.js";
import { formStartsMemo } from "./form-starts.js";

const token = (text: string, lemma: string, pos: string): AnalyzedToken => ({
  text,
  start: 0,
  end: text.length,
  lemma,
  pos,
  stop: false,
});

describe("formStartsMemo", () => {
  it("keeps one text's lemmas apart and finds where each form starts in the trie", () => {
    const trie = AliasTrie.fromEntries(
      [
        ["saw", "wn:saw.n"],
        ["see", "wn:see.v"],
        ["saw mill", "wn:sawmill.n"],
      ].map(([alias, entityId]) => ({ alias: alias!, normalized: alias!, entityId: entityId!, prior: 1 })),
    );
    const memo = formStartsMemo(trie);
    expect(formStartsMemo(trie)).toBe(memo);
    const noun = memo.get(token("saw", "saw", "NOUN"));
    const verb = memo.get(token("saw", "see", "VERB"));
    expect(noun.forms).toEqual(["saw"]);
    expect(verb.forms).toEqual(["saw", "see"]);
    expect([verb.count, verb.root0, verb.root1]).toEqual([
      2,
      trie.step(AliasTrie.ROOT, "saw"),
      trie.step(AliasTrie.ROOT, "see"),
    ]);
    expect([verb.piece0, verb.piece1]).toEqual([trie.pieceId("saw"), trie.pieceId("see")]);
    expect([noun.count, noun.root1, noun.piece1]).toEqual([1, -2, -2]);
    // Memoised: the same object for the same text and lemma, whichever came first.
    expect(memo.get(token("saw", "saw", "NOUN"))).toBe(noun);
    expect(memo.get(token("saw", "see", "VERB"))).toBe(verb);
    const none = memo.get(token("-", "-", "PUNCT"));
    expect(none.startsAlias).toBe(false);
    expect(none.root0).toBe(-2);
    expect(memo.get(token("mill", "mill", "NOUN")).startsAlias).toBe(false);
  });
});
