import { basename } from "node:path";
import {
  EntitySchema,
  ImportLineError,
  KnowledgeCategorySchema,
  normalizeSurface,
  RelationSchema,
  ValidationError,
} from "@knowfuse/core";
import { z } from "zod";
import { defineImporter, type Importer, InvalidLinePolicySchema } from "./import-session.js";

/** Options of the JSONL graph importer ("import.jsonl.v1"). */
export const JsonlImportOptionsSchema = z.object({
  /** A file of one JSON object per line (see {@link JsonlGraphLineSchema}). */
  file: z.string().min(1),
  /** Source for lines that name none (default: the file's base name). */
  source: z.string().min(1).optional(),
  /** Category for entities that name none. */
  category: KnowledgeCategorySchema.default("domain"),
  /** Add the label as an alias when no alias has its normalised form (default true). */
  labelAsAlias: z.boolean().default(true),
  invalidLines: InvalidLinePolicySchema,
});

/** Options of {@link createJsonlImporter}. */
export type JsonlImportOptions = z.input<typeof JsonlImportOptionsSchema>;

/**
 * One line of a JSONL graph: `{"type":"entity", ...Entity}` or
 * `{"type":"relation", ...Relation}`; `source` (and an entity's `category`) may
 * be left out and then come from the importer options.
 */
export const JsonlGraphLineSchema = z.discriminatedUnion("type", [
  EntitySchema.extend({
    type: z.literal("entity"),
    source: z.string().min(1).optional(),
    category: KnowledgeCategorySchema.optional(),
  }).strict(),
  RelationSchema.extend({ type: z.literal("relation"), source: z.string().min(1).optional() }).strict(),
]);

/**
 * Imports a user's own graph from JSONL, each line validated with core's
 * entity and relation schemas (unknown fields are errors, so typos are caught).
 */
export function createJsonlImporter(options: JsonlImportOptions): Importer {
  const config = JsonlImportOptionsSchema.parse(options);
  const source = config.source ?? basename(config.file).replace(/\.jsonl?$/, "");
  return defineImporter("import.jsonl.v1", source, config.invalidLines, (session) =>
    session.eachLine(config.file, async (line, text) => {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new ImportLineError(config.file, line, `not JSON: ${(error as Error).message}`, {
          cause: error,
        });
      }
      const parsed = JsonlGraphLineSchema.safeParse(json);
      if (!parsed.success) {
        const cause = ValidationError.fromZod(parsed.error, `${config.file}:${line}`);
        const problems = cause.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
        throw new ImportLineError(
          config.file,
          line,
          `${problems} (a line is {"type":"entity",...} or {"type":"relation",...})`,
          {
            cause,
          },
        );
      }
      const value = parsed.data;
      if (value.type === "relation") {
        const { type: _, ...relation } = value;
        await session.relation({ ...relation, source: relation.source ?? source });
        return;
      }
      const { type: _, ...entity } = value;
      const aliases = [...entity.aliases];
      const labelForm = normalizeSurface(entity.label);
      if (
        config.labelAsAlias &&
        labelForm !== "" &&
        !aliases.some((a) => normalizeSurface(a.text) === labelForm)
      ) {
        aliases.push({ text: entity.label });
      }
      for (const alias of aliases) {
        if (normalizeSurface(alias.text) === "") {
          throw new ImportLineError(
            config.file,
            line,
            `alias ${JSON.stringify(alias.text)} has no letters or digits`,
          );
        }
      }
      await session.entity({
        ...entity,
        aliases,
        source: entity.source ?? source,
        category: entity.category ?? config.category,
      });
    }),
  );
}
