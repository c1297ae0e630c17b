import type { Command } from "../command.js";
import { enrichCommand } from "./enrich.js";
import { evalSupersenseCommand } from "./eval-supersense.js";
import { evalWsdCommand } from "./eval-wsd.js";
import { kgEvalEmbeddingsCommand } from "./kg-eval-embeddings.js";
import { kgImportConceptnetCommand } from "./kg-import-conceptnet.js";
import { kgImportJsonlCommand } from "./kg-import-jsonl.js";
import { kgImportTriplesCommand } from "./kg-import-triples.js";
import { kgImportWordnetCommand } from "./kg-import-wordnet.js";
import { kgLookupCommand } from "./kg-lookup.js";
import { kgNeighborsCommand } from "./kg-neighbors.js";
import { kgStatsCommand } from "./kg-stats.js";
import { kgTrainEmbeddingsCommand } from "./kg-train-embeddings.js";
import { linkCommand } from "./link.js";
import { modelGenerateCommand } from "./model-generate.js";
import { versionCommand } from "./version.js";

/** Every CLI command. Add a command by writing one file in this folder and listing it here. */
export const commands: readonly Command[] = [
  kgImportWordnetCommand,
  kgImportTriplesCommand,
  kgImportConceptnetCommand,
  kgImportJsonlCommand,
  kgStatsCommand,
  kgNeighborsCommand,
  kgLookupCommand,
  kgTrainEmbeddingsCommand,
  kgEvalEmbeddingsCommand,
  versionCommand,
  modelGenerateCommand,
  enrichCommand,
  evalSupersenseCommand,
  linkCommand,
  evalWsdCommand,
];
