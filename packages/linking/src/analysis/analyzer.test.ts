import { describe, expect, it } from "vitest";
import { Analyzer } from "./analyzer.js";

const analyzer = new Analyzer({ windowChars: 2000 });

describe("Analyzer", () => {
  it("gives tokens whose offsets slice the original text, with POS, lemmas and sentences", () => {
    const text = "The pet store on Main Street sold three dogs.  He's running to New York's café!";
    const a = analyzer.analyze(text);
    for (const t of a.tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    const dogs = a.tokens.find((t) => t.text === "dogs")!;
    expect(dogs).toMatchObject({ lemma: "dog", pos: "NOUN", stop: false });
    expect(a.tokens.find((t) => t.text === "running")?.lemma).toBe("run");
    expect(a.tokens.find((t) => t.text === "The")?.stop).toBe(true);
    expect(a.sentences).toHaveLength(2);
    const spans = a.entities.map((e) => ({
      text: text.slice(a.tokens[e.first]!.start, a.tokens[e.last]!.end),
      type: e.type,
    }));
    expect(spans).toContainEqual({ text: "three", type: "CARDINAL" });
    expect(spans).toContainEqual({ text: "Main Street", type: "PROPN" });
  });

  it("gives each token the lemma of its own POS and contraction, however often the word was seen", () => {
    // Lexeme facts are memoised: the same word as a verb and as a noun, and the parts of contractions.
    const text = "I saw the saw. The saw was sharp; I saw it. They can't go, we can go. I'd've gone.";
    const first = analyzer.analyze(text);
    const again = analyzer.analyze(text);
    expect(again).toEqual(first);
    const saws = first.tokens.filter((t) => t.text === "saw").map((t) => [t.pos, t.lemma]);
    expect(saws).toEqual([
      ["VERB", "see"],
      ["NOUN", "saw"],
      ["NOUN", "saw"],
      ["VERB", "see"],
    ]);
    const ca = first.tokens.find((t) => t.text === "ca")!;
    expect(ca.lemma).toBe("can");
    expect(first.tokens.find((t) => t.text === "n't")?.lemma).toBe("not");
    expect(first.tokens.filter((t) => t.text === "can").every((t) => t.lemma === "can")).toBe(true);
  });

  it("can be created many times in one process (one wink pipeline is shared)", () => {
    // Every winkNLP() instance of the model costs twice the last; about the twentieth throws.
    const analyses = Array.from({ length: 40 }, () => new Analyzer().analyze("The dogs barked."));
    expect(analyses[39]!.tokens.map((t) => t.lemma)).toEqual(["the", "dog", "bark", "."]);
  });

  it("accepts empty, blank and punctuation-only text", () => {
    expect(analyzer.analyze("").tokens).toEqual([]);
    expect(analyzer.analyze("   \n\t ").tokens).toEqual([]);
    const p = analyzer.analyze("?!... ,;:--");
    expect(p.tokens.length).toBeGreaterThan(0);
    expect(p.tokens.every((t) => t.stop)).toBe(true);
  });

  it("keeps exact offsets for non-English characters", () => {
    const text = "Zoë ate crème brûlée in Zürich — 東京 and Москва, 🙂 naïve café.";
    const a = analyzer.analyze(text);
    expect(a.tokens.length).toBeGreaterThan(5);
    for (const t of a.tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it("analyses a long document in windows with offsets into the whole text", () => {
    const sentence = "The old fisherman sold his boat to a young merchant from the harbour town. ";
    const text = sentence.repeat(400);
    const a = analyzer.analyze(text);
    const perSentence = analyzer.analyze(sentence).tokens.length;
    expect(a.tokens).toHaveLength(perSentence * 400);
    for (const t of a.tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(a.tokens.at(-1)!.end).toBe(text.trimEnd().length);
    for (let i = 1; i < a.tokens.length; i++)
      expect(a.tokens[i]!.start).toBeGreaterThanOrEqual(a.tokens[i - 1]!.end);
  });
});
