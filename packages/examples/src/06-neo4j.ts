// Example 06: a small real graph (the UMLS semantic network) in Neo4j.
//
// Imports UMLS from ../shared/datasets/umls with the triple importer into the
// Neo4j store, then looks up a few surface forms (one misspelt) and expands the
// neighbourhood of the best candidate. Needs a Neo4j 5.23+ server:
//
//   NEO4J_URI=neo4j://localhost:7687 NEO4J_USER=neo4j NEO4J_PASSWORD=secret \
//     node scripts/run-ts.mjs packages/examples/src/06-neo4j.ts
//
// Without NEO4J_URI it says why it did nothing and exits 0. It writes only
// entities and relations of source "umls-example" and removes them at the end.
import { datasetPath, isKnowfuseError } from "@knowfuse/core";
import { createTriplesImporter } from "@knowfuse/kg";
import { openNeo4jKnowledgeGraph } from "@knowfuse/kg/neo4j";

const SOURCE = "umls-example";

async function main(): Promise<void> {
  const uri = process.env.NEO4J_URI;
  if (!uri) {
    console.log(
      "06-neo4j: nothing done, because NEO4J_URI is not set. Point NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD) at a Neo4j 5.23+ server to import UMLS into it.",
    );
    return;
  }
  const kg = await openNeo4jKnowledgeGraph({ uri, maxConnectionPoolSize: 4 });
  try {
    const umls = (file: string) => datasetPath("umls", file);
    const importer = createTriplesImporter({
      files: [umls("train.tsv"), umls("dev.tsv")],
      entityText: umls("entity2text.txt"),
      entityDescription: umls("entity2textlong.txt"),
      category: "domain",
      source: SOURCE,
      idPrefix: "umls:",
    });
    const report = await importer.run(kg, {
      onProgress: (e) => process.stderr.write(`\r  importing: ${e.done} lines`),
    });
    process.stderr.write("\n");
    console.log(
      `imported ${report.entities} entities and ${report.relations} relations from ${report.lines} lines in ${report.seconds.toFixed(1)} s`,
    );

    const surfaces = ["virus", "Disease or Syndrome", "clinical drugg"];
    const candidates = await kg.lookupCandidates(surfaces, { fuzzy: true, limit: 3 });
    surfaces.forEach((surface, i) => {
      const list = candidates[i] ?? [];
      const shown = list.map((c) => `${c.entityId} (score ${c.score.toFixed(2)}${c.fuzzy ? ", fuzzy" : ""})`);
      console.log(`lookup ${JSON.stringify(surface)}: ${shown.join("; ") || "(none)"}`);
    });

    const seed = candidates[0]?.[0]?.entityId;
    if (seed) {
      const edges = await kg.neighbors([seed], { hops: 1, limit: 8 });
      console.log(`neighbours of ${seed}:`);
      for (const e of edges) console.log(`  ${e.head} -${e.relation}-> ${e.tail}`);
    }

    const stats = await kg.stats();
    console.log(`store now holds ${stats.entities} entities and ${stats.relations} relations`);
    const removed = await kg.deleteSource(SOURCE);
    console.log(
      `removed the example's ${removed.entities} entities and ${removed.relations} relations again`,
    );
  } finally {
    await kg.close();
  }
}

main().catch((error: unknown) => {
  if (isKnowfuseError(error)) console.error(`06-neo4j failed (${error.code}): ${error.message}`);
  else console.error(error);
  process.exitCode = 1;
});
