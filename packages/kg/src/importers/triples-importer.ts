import { type Entity, ImportLineError, KnowledgeCategorySchema } from "@knowfuse/core";
import { z } from "zod";
import {
  defineImporter,
  type Importer,
  type ImportSession,
  InvalidLinePolicySchema,
  tripleFields,
} from "./import-session.js";

/** Options of the triple-file importer ("import.triples.v1"). */
export const TriplesImportOptionsSchema = z.object({
  /** One or more `head<TAB>relation<TAB>tail[<TAB>weight]` files. */
  files: z.array(z.string().min(1)).min(1),
  /** `id<TAB>text` names of entities (their label and alias). */
  entityText: z.string().min(1).optional(),
  /**
   * How to read the entity text: "label" (the whole text is the name) or
   * "label-description" (WN18RR's "lemma, definition": name before the first ", ").
   */
  entityTextFormat: z.enum(["label", "label-description"]).default("label"),
  /** `id<TAB>description` long descriptions (e.g. UMLS entity2textlong.txt). */
  entityDescription: z.string().min(1).optional(),
  /** `relation<TAB>words`: each relation becomes an entity `<idPrefix>relation:<name>` of type "relation" labelled with its words. */
  relationText: z.string().min(1).optional(),
  category: KnowledgeCategorySchema.default("domain"),
  /** Source name recorded on every entity and relation. */
  source: z.string().min(1),
  /** Prefix put before every entity id of the files (e.g. "umls:"). */
  idPrefix: z.string().default(""),
  invalidLines: InvalidLinePolicySchema,
});

/** Options of {@link createTriplesImporter}. */
export type TriplesImportOptions = z.input<typeof TriplesImportOptionsSchema>;

/**
 * Imports tab-separated triple files (WN18RR, FB15k-237, UMLS, ...): every head
 * and tail becomes an entity `<idPrefix><id>` (category and source from the
 * options) and every line a relation (weight from an optional fourth column,
 * else 1). With `entityText`, named entities get their name as label and alias
 * (and, in "label-description" format, a description); entities without a name
 * are labelled by their raw id and get no alias. Memory grows with the number of
 * distinct entities, not with the file size.
 */
export function createTriplesImporter(options: TriplesImportOptions): Importer {
  const config = TriplesImportOptionsSchema.parse(options);
  const id = (raw: string) => `${config.idPrefix}${raw}`;
  return defineImporter("import.triples.v1", config.source, config.invalidLines, async (session) => {
    const descriptions = config.entityDescription
      ? await readTextFile(config.entityDescription, session)
      : new Map<string, string>();
    const written = new Set<string>();
    const base = (raw: string, label: string): Entity => ({
      id: id(raw),
      label,
      aliases: [],
      types: [],
      category: config.category,
      source: config.source,
    });
    if (config.entityText) {
      for (const [raw, text] of await readTextFile(config.entityText, session)) {
        const split = config.entityTextFormat === "label-description" ? text.indexOf(", ") : -1;
        const label = (split >= 0 ? text.slice(0, split) : text).trim();
        const entity = base(raw, label);
        entity.aliases = [{ text: label }];
        const description = split >= 0 ? text.slice(split + 2).trim() : descriptions.get(raw);
        if (description) entity.description = description;
        await session.entity(entity);
        written.add(raw);
      }
    }
    for (const [raw, description] of descriptions) {
      if (written.has(raw)) continue;
      await session.entity({ ...base(raw, raw), description });
      written.add(raw);
    }
    if (config.relationText) {
      for (const [name, words] of await readTextFile(config.relationText, session)) {
        await session.entity({ ...base(`relation:${name}`, words), types: ["relation"] });
      }
    }
    for (const file of config.files) {
      await session.eachLine(
        file,
        async (line, text) => {
          const { head, relation, tail, weight } = tripleFields(file, line, text);
          for (const raw of [head, tail]) {
            if (written.has(raw)) continue;
            written.add(raw);
            await session.entity(base(raw, raw));
          }
          await session.relation({
            head: id(head),
            relation,
            tail: id(tail),
            weight,
            source: config.source,
          });
        },
        { phase: file },
      );
    }
  });
}

/** Reads an `id<TAB>text` file into a map, checking every line. */
async function readTextFile(file: string, session: ImportSession): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await session.eachLine(
    file,
    (line, text) => {
      const tab = text.indexOf("\t");
      if (tab <= 0 || text.slice(tab + 1).trim() === "") {
        throw new ImportLineError(
          file,
          line,
          `expected "<id><TAB><text>", got ${JSON.stringify(text.slice(0, 80))}`,
        );
      }
      out.set(text.slice(0, tab), text.slice(tab + 1).trim());
    },
    { phase: file },
  );
  return out;
}
