import type { KnowledgeGraph } from "../interfaces/knowledge-graph.js";
import type { PipelineStage } from "../interfaces/pipeline-stage.js";
import type { Link } from "../model/link.js";

/** An item with the graph embeddings of its linked entities (ids without a vector are absent). */
export type WithEmbeddings<T> = T & { embeddings: Map<string, Float32Array> };

/**
 * The embedding fetch stage: for each item's links, reads the linked
 * entities' vectors from `space` with one {@link KnowledgeGraph.getEmbeddings}
 * call per batch (ids deduplicated across documents). The graph is shared, so
 * closing the stage does not close it unless `closeGraph` is set.
 *
 * @example
 * ```ts
 * createStreamPipeline(linkerStage(linker), embeddingStage<LinkedDocument>(store, "transe"));
 * ```
 */
export function embeddingStage<T extends { links: readonly Link[] }>(
  graph: KnowledgeGraph,
  space: string,
  options: { maxBatchSize?: number; concurrency?: number; closeGraph?: boolean } = {},
): PipelineStage<T, WithEmbeddings<T>> {
  return {
    name: "embeddings",
    ...(options.maxBatchSize === undefined ? {} : { maxBatchSize: options.maxBatchSize }),
    concurrency: options.concurrency ?? 2,
    async process(items) {
      const ids = new Set<string>();
      for (const item of items)
        for (const link of item.links) if (link.entityId !== null) ids.add(link.entityId);
      const vectors =
        ids.size > 0 ? await graph.getEmbeddings(space, [...ids]) : new Map<string, Float32Array>();
      return items.map((item) => {
        const embeddings = new Map<string, Float32Array>();
        for (const link of item.links) {
          const vector = link.entityId === null ? undefined : vectors.get(link.entityId);
          if (vector && link.entityId !== null) embeddings.set(link.entityId, vector);
        }
        return { ...item, embeddings };
      });
    },
    close: async () => {
      if (options.closeGraph) await graph.close();
    },
  };
}
