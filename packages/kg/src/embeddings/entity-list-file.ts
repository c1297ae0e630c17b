import { ImportLineError, readLines } from "@knowfuse/core";
import type { KgeVocabulary } from "./kge-vocabulary.js";

/**
 * Adds every entity of a list file to the vocabulary, in file order: one id
 * per line, or `index<TAB>id` lines (as WN18RR's `entities.dict`). Training on
 * the full entity list (not only the entities the training triples mention)
 * is the standard link-prediction protocol: validation and test triples about
 * entities absent from training are then ranked, not skipped. Returns the
 * number of entities added. A line with more than two fields is an
 * {@link ImportLineError}.
 */
export async function readEntityList(path: string, vocab: KgeVocabulary): Promise<number> {
  const before = vocab.entities.length;
  for await (const { line, text } of readLines(path)) {
    if (text.trim() === "") continue;
    const fields = text.split("\t");
    const id = fields.at(-1)!;
    if (fields.length > 2 || id === "") {
      throw new ImportLineError(
        path,
        line,
        `expected <id> or <index><TAB><id>, got ${fields.length} field(s)`,
      );
    }
    vocab.addEntity(id);
  }
  return vocab.entities.length - before;
}
