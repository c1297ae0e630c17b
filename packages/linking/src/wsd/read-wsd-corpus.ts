import { readFileSync } from "node:fs";
import { ImportLineError, NotFoundError } from "@knowfuse/core";

/** One word of a WSD sentence; `instanceId` is set on the words to disambiguate. */
export interface WsdWord {
  text: string;
  lemma: string;
  /** Universal POS as given ("NOUN", "VERB", "ADJ", "ADV", ...). */
  pos: string;
  instanceId?: string;
}

/** A sentence of a WSD text. */
export interface WsdSentence {
  id: string;
  words: WsdWord[];
}

/** A text (document) of a WSD corpus. */
export interface WsdText {
  id: string;
  sentences: WsdSentence[];
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e.startsWith("#x")
      ? String.fromCodePoint(Number.parseInt(e.slice(2), 16))
      : e.startsWith("#")
        ? String.fromCodePoint(Number(e.slice(1)))
        : (ENTITIES[e] ?? ""),
  );
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decode(m[1]!) : undefined;
};

/**
 * Reads a corpus of the unified WSD evaluation framework (Raganato et al.
 * 2017): `<text>`s of `<sentence>`s of `<wf>` and `<instance>` words, each with
 * its lemma and POS. A malformed word element is an {@link ImportLineError}
 * naming the file and line.
 */
export function readWsdCorpus(path: string): WsdText[] {
  let xml: string;
  try {
    xml = readFileSync(path, "utf8");
  } catch (error) {
    throw new NotFoundError(`WSD corpus ${path} cannot be read`, { cause: error, details: { path } });
  }
  const texts: WsdText[] = [];
  let sentence: WsdSentence | undefined;
  const lines = xml.split("\n");
  const WORD = /^<(wf|instance)\b([^>]*)>([^<]*)<\/\1>$/;
  lines.forEach((raw, n) => {
    const line = raw.trim();
    if (line.startsWith("<text")) {
      texts.push({ id: attr(line, "id") ?? `text${texts.length}`, sentences: [] });
    } else if (line.startsWith("<sentence")) {
      if (texts.length === 0) texts.push({ id: "text0", sentences: [] });
      sentence = { id: attr(line, "id") ?? "", words: [] };
      texts.at(-1)!.sentences.push(sentence);
    } else if (line.startsWith("</sentence")) {
      sentence = undefined;
    } else if (line.startsWith("<wf") || line.startsWith("<instance")) {
      const m = WORD.exec(line);
      const lemma = m ? attr(m[2]!, "lemma") : undefined;
      const pos = m ? attr(m[2]!, "pos") : undefined;
      const id = m?.[1] === "instance" ? attr(m[2]!, "id") : "";
      if (!m || !sentence || lemma === undefined || pos === undefined || id === undefined) {
        throw new ImportLineError(
          path,
          n + 1,
          "expected <wf lemma=.. pos=..>word</wf> or <instance id=.. lemma=.. pos=..>word</instance> inside a <sentence>",
        );
      }
      const word: WsdWord = { text: decode(m[3]!), lemma, pos };
      if (id) word.instanceId = id;
      sentence.words.push(word);
    }
  });
  return texts;
}
