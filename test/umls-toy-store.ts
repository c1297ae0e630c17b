import { readFileSync, writeFileSync } from "node:fs";
import { datasetPath } from "@knowfuse/core";
import { createJsonlImporter, openSqliteKnowledgeGraph } from "@knowfuse/kg";

/** The rows (`id<TAB>text`) of a file of the UMLS dataset in ../shared/datasets/umls. */
export function readUmlsTsv(file: string): string[][] {
  return readFileSync(datasetPath("umls", file), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => l.split("\t"));
}

/**
 * Writes a SQLite store at `path` holding the real UMLS semantic types as
 * entities (their names as aliases) and a toy embedding space "toy" of `dim`
 * deterministic vectors (entry `k` of entity `i` is `value(i, k)`). `scratch`
 * is a directory for the intermediate JSONL file.
 */
export async function writeUmlsToyStore(
  path: string,
  scratch: string,
  dim: number,
  value: (i: number, k: number) => number,
): Promise<void> {
  const names = readUmlsTsv("entity2text.txt");
  const entities = `${scratch}/umls-entities.jsonl`;
  writeFileSync(
    entities,
    names.map(([id, label]) => JSON.stringify({ type: "entity", id, label })).join("\n"),
  );
  const kg = await openSqliteKnowledgeGraph({ path });
  try {
    await createJsonlImporter({ file: entities, source: "umls" }).run(kg);
    const vectors = names.map(
      ([id], i) => [id!, Float32Array.from({ length: dim }, (_, k) => value(i, k))] as const,
    );
    await kg.putEmbeddings({ name: "toy", dim }, vectors);
  } finally {
    await kg.close();
  }
}
