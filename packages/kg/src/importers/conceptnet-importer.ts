import { ImportLineError, normalizeSurface } from "@knowfuse/core";
import { z } from "zod";
import { defineImporter, type Importer, InvalidLinePolicySchema, tripleFields } from "./import-session.js";

/** Options of the ConceptNet phrase-triple importer ("import.conceptnet.v1"). */
export const ConceptnetImportOptionsSchema = z.object({
  /** A `head phrase<TAB>Relation<TAB>tail phrase[<TAB>weight]` file (e.g. conceptnet100k/train.txt). */
  file: z.string().min(1),
  source: z.string().min(1).default("conceptnet100k"),
  /** Prefix of entity ids. */
  idPrefix: z.string().default("cn:"),
  invalidLines: InvalidLinePolicySchema,
});

/** Options of {@link createConceptnetImporter}. */
export type ConceptnetImportOptions = z.input<typeof ConceptnetImportOptionsSchema>;

/**
 * The id of a ConceptNet phrase: the prefix plus the normalised phrase with
 * spaces as underscores ("eat breakfast" → "cn:eat_breakfast").
 */
export function conceptnetPhraseId(phrase: string, idPrefix = "cn:"): string {
  return `${idPrefix}${normalizeSurface(phrase).replaceAll(" ", "_")}`;
}

/**
 * Imports ConceptNet phrase triples: each distinct phrase becomes an entity
 * (category commonsense) labelled by and aliased with the phrase itself; each
 * line a relation named as in the file (e.g. "AtLocation") with weight from an
 * optional fourth column, else 1.
 */
export function createConceptnetImporter(options: ConceptnetImportOptions): Importer {
  const config = ConceptnetImportOptionsSchema.parse(options);
  return defineImporter("import.conceptnet.v1", config.source, config.invalidLines, async (session) => {
    const written = new Set<string>();
    await session.eachLine(config.file, async (line, text) => {
      const { head, relation, tail, weight } = tripleFields(config.file, line, text);
      const ids: string[] = [];
      for (const phrase of [head, tail]) {
        const id = conceptnetPhraseId(phrase, config.idPrefix);
        if (id === config.idPrefix) {
          throw new ImportLineError(
            config.file,
            line,
            `phrase ${JSON.stringify(phrase)} has no letters or digits`,
          );
        }
        ids.push(id);
        if (written.has(id)) continue;
        written.add(id);
        const label = phrase.trim();
        await session.entity({
          id,
          label,
          aliases: [{ text: label }],
          types: [],
          category: "commonsense",
          source: config.source,
        });
      }
      await session.relation({
        head: ids[0]!,
        relation: relation.trim(),
        tail: ids[1]!,
        weight,
        source: config.source,
      });
    });
  });
}
