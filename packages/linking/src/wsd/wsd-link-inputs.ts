import type { Analysis, AnalyzedToken } from "../analysis/analyzer.js";
import { isStopWord } from "../disambiguation/context-words.js";
import type { LinkInput, TargetMention } from "../graph-linker.js";
import type { WsdText } from "./read-wsd-corpus.js";

const FUNCTION_POS = new Set([
  ".",
  "PUNCT",
  "DET",
  "ADP",
  "PRON",
  "CONJ",
  "CCONJ",
  "SCONJ",
  "PRT",
  "PART",
  "AUX",
]);

/** A WSD text as linker input, with the instance id of each target mention. */
export interface WsdLinkInput extends LinkInput {
  targets: TargetMention[];
  /** Instance ids, parallel to `targets`. */
  instanceIds: string[];
}

/**
 * Turns pre-tokenised WSD texts into linker inputs: the words joined by spaces
 * become the text (so offsets are exact), the given lemmas and POS become the
 * analysis, each sentence a sentence, and each `<instance>` a target mention
 * looked up by its lemma.
 */
export function wsdLinkInputs(texts: readonly WsdText[]): WsdLinkInput[] {
  return texts.map((t) => {
    const tokens: AnalyzedToken[] = [];
    const sentences: [number, number][] = [];
    const targets: TargetMention[] = [];
    const instanceIds: string[] = [];
    let text = "";
    for (const s of t.sentences) {
      const first = tokens.length;
      for (const w of s.words) {
        if (text !== "") text += " ";
        const start = text.length;
        text += w.text;
        const lemma = w.lemma.toLowerCase();
        const index = tokens.length;
        tokens.push({
          text: w.text,
          start,
          end: text.length,
          lemma,
          pos: w.pos,
          stop: FUNCTION_POS.has(w.pos) || isStopWord(lemma),
        });
        if (w.instanceId) {
          targets.push({ first: index, last: index, key: lemma, pos: w.pos });
          instanceIds.push(w.instanceId);
        }
      }
      if (tokens.length > first) sentences.push([first, tokens.length - 1]);
    }
    const analysis: Analysis = { text, tokens, sentences, entities: [] };
    return { document: { id: t.id, text }, analysis, targets, instanceIds };
  });
}
