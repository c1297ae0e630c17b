import { normalizeSurface, type Token } from "@knowfuse/core";
import model from "wink-eng-lite-web-model";
import winkNLP from "wink-nlp";
import { LexemeMemo, type TokenReader } from "./lexeme-memo.js";

/** A token of an {@link Analysis}: core's {@link Token} plus the fields mention detection needs. */
export interface AnalyzedToken extends Token {
  /** Lemma (falls back to the token text). */
  lemma: string;
  /** Universal part-of-speech tag ("NOUN", "VERB", "ADJ", "ADV", "PROPN", "PUNCT", ...). */
  pos: string;
  /** True for stop words and punctuation. */
  stop: boolean;
}

/** A named-entity span found by the analyser, as token indices `[first, last]` inclusive. */
export interface EntitySpan {
  first: number;
  last: number;
  /** The analyser's type ("DATE", "CARDINAL", ...) or "PROPN" for a run of proper nouns. */
  type: string;
}

/** Sentences, tokens with character offsets, POS, lemmas and named-entity spans of one text. */
export interface Analysis {
  text: string;
  tokens: AnalyzedToken[];
  /** Each sentence as token indices `[first, last]` inclusive. */
  sentences: [number, number][];
  entities: EntitySpan[];
  /**
   * A number per token naming its lexeme (its text, as wink's lexicon knows
   * it), -1 where it has none of its own (the parts of a contraction), when the
   * analyser made the tokens. The numbers are small and given in the order the
   * process first met the lexemes, so that memos index short arrays by them
   * instead of hashing token texts (see `LexemeSlots`). They may start over
   * when the analyser's memo does: check the text before trusting a number.
   */
  lexemes?: number[];
}

/** Options of {@link Analyzer}. */
export interface AnalyzerOptions {
  /** Texts longer than this many characters are analysed in windows cut at sentence or space boundaries (default 20,000). */
  windowChars?: number;
}

let nlp: ReturnType<typeof winkNLP> | undefined;

/**
 * The one wink pipeline all analysers share. wink-eng-lite-web-model
 * re-serialises part of itself on every `winkNLP()` call, so each new instance
 * costs twice the last and about the twentieth throws "Invalid string length";
 * `readDoc` keeps no state between calls, so one instance serves everyone.
 * Only the components whose output is read run: sentence boundaries, POS (with
 * lemmas) and named entities; negation, sentiment and custom entities are left
 * out of the pipe (about an eighth of readDoc's time).
 */
function sharedNlp(): ReturnType<typeof winkNLP> {
  nlp ??= winkNLP(model, ["sbd", "pos", "ner"]);
  return nlp;
}

/** Token facts of the shared pipeline's lexemes (its lexeme ids are its own). */
const lexemes = new LexemeMemo();

/**
 * Text analysis with wink-nlp (wink-eng-lite-web-model): sentences, tokens with
 * character offsets into the original text, POS, lemmas and named-entity spans.
 * Long texts are cut into windows so that memory stays bounded.
 *
 * @example
 * ```ts
 * const a = new Analyzer().analyze("The pet store sold three dogs.");
 * a.tokens[2]; // { text: "store", start: 8, end: 13, lemma: "store", pos: "NOUN", stop: false }
 * ```
 */
export class Analyzer {
  readonly #nlp = sharedNlp();
  readonly #windowChars: number;

  constructor(options: AnalyzerOptions = {}) {
    this.#windowChars = Math.max(1000, options.windowChars ?? 20_000);
  }

  /** Analyses one text; any string is accepted (empty text gives an empty analysis). */
  analyze(text: string): Analysis {
    const out: Analysis = { text, tokens: [], sentences: [], entities: [], lexemes: [] };
    for (const [from, to] of windows(text, this.#windowChars)) this.#analyzeWindow(text, from, to, out);
    addProperNounRuns(out);
    return out;
  }

  /** Runs wink-nlp on `text.slice(from, to)` and appends to `out` with shifted offsets. */
  #analyzeWindow(text: string, from: number, to: number, out: Analysis): void {
    const slice = text.slice(from, to);
    if (slice.trim() === "") return;
    const its = this.#nlp.its;
    const doc = this.#nlp.readDoc(slice);
    const tokens = doc.tokens();
    // Three plain columns; text, lemma and stop flag come from the lexeme memo.
    const ids = tokens.out(its.uniqueId) as unknown as number[];
    const tags = tokens.out(its.pos) as string[];
    const contractions = tokens.out(its.contractionFlag) as unknown as boolean[];
    const reader: TokenReader = {
      value: (i) => tokens.itemAt(i).out(its.value),
      lemma: (i) => tokens.itemAt(i).out(its.lemma as never) as unknown as string,
      stopWord: (i) => tokens.itemAt(i).out(its.stopWordFlag) as unknown as boolean,
    };
    const base = out.tokens.length;
    const lexemeIds = out.lexemes!;
    let cursor = 0;
    for (let i = 0; i < ids.length; i++) {
      const pos = tags[i] ?? "X";
      const facts = lexemes.facts(ids[i]!, pos, contractions[i] === true, reader, i);
      const value = facts.value;
      let start = skipSpaces(slice, cursor);
      let end: number;
      if (slice.startsWith(value, start)) end = start + value.length;
      else {
        const found = slice.indexOf(value, cursor);
        start = found >= 0 ? found : cursor;
        end = found >= 0 ? start + value.length : start;
      }
      cursor = end;
      lexemeIds.push(facts.key);
      out.tokens.push({
        text: end - start === value.length ? value : "",
        start: from + start,
        end: from + end,
        lemma: lexemes.lemma(facts, pos, reader, i),
        pos,
        stop: facts.stopWord || pos === "PUNCT" || pos === "SYM" || !facts.wordLike,
      });
    }
    // Collection outs: no item object per sentence or entity.
    for (const [a, b] of doc.sentences().out(its.span) as unknown as [number, number][])
      out.sentences.push([base + a, base + b]);
    const entities = doc.entities();
    const spans = entities.out(its.span) as unknown as [number, number][];
    const types = entities.out(its.type) as unknown as string[];
    spans.forEach(([a, b], e) => {
      out.entities.push({ first: base + a, last: base + b, type: String(types[e]) });
    });
  }
}

/** The first position at or after `from` that is not whitespace (tokens start there). */
function skipSpaces(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13) || (c >= 0x80 && /\s/.test(text[i]!))) i++;
    else break;
  }
  return i;
}

/** Cuts `[0, text.length)` into windows of at most `size` characters, preferring sentence ends, then spaces. */
function windows(text: string, size: number): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  while (text.length - from > size) {
    const limit = from + size;
    const chunk = text.slice(from + Math.floor(size / 2), limit);
    const sentenceEnd = Math.max(chunk.lastIndexOf(". "), chunk.lastIndexOf("\n"));
    const space = chunk.search(/\s\S*$/);
    const cut =
      sentenceEnd >= 0
        ? from + Math.floor(size / 2) + sentenceEnd + 1
        : space >= 0
          ? from + Math.floor(size / 2) + space
          : limit;
    out.push([from, cut]);
    from = cut;
  }
  if (from < text.length) out.push([from, text.length]);
  return out;
}

/** Adds maximal runs of proper nouns not already inside an entity span as "PROPN" entity spans. */
function addProperNounRuns(a: Analysis): void {
  const covered = new Uint8Array(a.tokens.length);
  for (const e of a.entities) covered.fill(1, e.first, e.last + 1);
  let i = 0;
  while (i < a.tokens.length) {
    if (a.tokens[i]?.pos !== "PROPN" || covered[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < a.tokens.length && a.tokens[j + 1]?.pos === "PROPN" && !covered[j + 1]) j++;
    a.entities.push({ first: i, last: j, type: "PROPN" });
    i = j + 1;
  }
  a.entities.sort((x, y) => x.first - y.first);
}

/**
 * The lookup forms of a token: its normalised text and, when different, its
 * normalised lemma. (Detection keeps them per token text and lemma, with the
 * trie nodes they reach, in its FormStartsMemo.)
 */
export function tokenForms(token: AnalyzedToken): readonly string[] {
  const surface = normalizeSurface(token.text);
  const lemma = normalizeSurface(token.lemma);
  return lemma === surface || lemma === "" ? [surface] : [surface, lemma];
}
