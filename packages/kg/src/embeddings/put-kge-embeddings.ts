import type { KnowledgeGraph } from "@knowfuse/core";
import type { KgeEmbeddings } from "./kge-embeddings.js";

/**
 * Writes every entity vector into the store's named embedding space, recording
 * the model name, dimension and training configuration. Entity `name` is
 * stored under id `idPrefix + name` (so vectors land on the ids a triple
 * importer gave the entities). Returns the number of vectors written.
 *
 * @example
 * ```ts
 * await putKgeEmbeddings(store, "wn18rr-complex", embeddings, { idPrefix: "wn18rr:" });
 * ```
 */
export async function putKgeEmbeddings(
  store: KnowledgeGraph,
  space: string,
  embeddings: KgeEmbeddings,
  options: { idPrefix?: string } = {},
): Promise<number> {
  const prefix = options.idPrefix ?? "";
  const vectors: [string, Float32Array][] = embeddings.vocab.entities.map((name, i) => [
    `${prefix}${name}`,
    embeddings.entities.data.slice(i * embeddings.dim, (i + 1) * embeddings.dim),
  ]);
  await store.putEmbeddings(
    { name: space, dim: embeddings.dim, model: embeddings.model.name, config: embeddings.config },
    vectors,
  );
  return vectors.length;
}
