import { ImportLineError, readLines } from "@knowfuse/core";
import type { KgeVocabulary } from "./kge-vocabulary.js";

/** Triples as entity/relation rows: `data[3i..3i+2] = head, relation, tail`. */
export interface IndexedTriples {
  data: Int32Array;
  count: number;
}

/** What {@link readTripleFile} read: the indexed triples and the lines it could not index. */
export interface TripleFileResult {
  triples: IndexedTriples;
  /** Lines whose entity or relation is not in the vocabulary (only when `grow` is false). */
  unknown: { count: number; examples: { line: number; text: string }[] };
}

/**
 * Reads a `head<TAB>relation<TAB>tail` file (blank lines ignored) into
 * vocabulary rows. With `grow` (training files) new names are added; without it
 * (validation and test files) triples naming an unknown entity or relation are
 * counted and reported, not indexed. A line without exactly three fields is an
 * {@link ImportLineError} naming the file and line.
 */
export async function readTripleFile(
  path: string,
  vocab: KgeVocabulary,
  grow: boolean,
): Promise<TripleFileResult> {
  let data = new Int32Array(3 * 4096);
  let count = 0;
  const unknown: TripleFileResult["unknown"] = { count: 0, examples: [] };
  for await (const { line, text } of readLines(path)) {
    if (text.trim() === "") continue;
    const fields = text.split("\t");
    if (fields.length !== 3 || fields.some((f) => f === "")) {
      throw new ImportLineError(
        path,
        line,
        `expected head<TAB>relation<TAB>tail, got ${fields.length} field(s)`,
      );
    }
    const [hn, rn, tn] = fields as [string, string, string];
    let h: number | undefined;
    let r: number | undefined;
    let t: number | undefined;
    if (grow) {
      h = vocab.addEntity(hn);
      r = vocab.addRelation(rn);
      t = vocab.addEntity(tn);
    } else {
      h = vocab.entity(hn);
      r = vocab.relation(rn);
      t = vocab.entity(tn);
      if (h === undefined || r === undefined || t === undefined) {
        unknown.count++;
        if (unknown.examples.length < 5) unknown.examples.push({ line, text });
        continue;
      }
    }
    if (3 * (count + 1) > data.length) {
      const bigger = new Int32Array(data.length * 2);
      bigger.set(data);
      data = bigger;
    }
    data[3 * count] = h;
    data[3 * count + 1] = r;
    data[3 * count + 2] = t;
    count++;
  }
  return { triples: { data: data.subarray(0, 3 * count), count }, unknown };
}

/** A seeded random subset of at most `limit` triples (all of them, unchanged, without a limit). */
export function sampleTriples(
  triples: IndexedTriples,
  limit: number | undefined,
  rng: { shuffle<T extends { length: number; [i: number]: unknown }>(items: T): T },
): IndexedTriples {
  if (limit === undefined || limit >= triples.count) return triples;
  const order = rng.shuffle(Int32Array.from({ length: triples.count }, (_, i) => i)).subarray(0, limit);
  const data = new Int32Array(3 * limit);
  order.forEach((i, k) => {
    data.set(triples.data.subarray(3 * i, 3 * i + 3), 3 * k);
  });
  return { data, count: limit };
}
