// The graph cache is itself a KnowledgeGraph: it must pass the shared store
// contract when it wraps the real SQLite store.
import { CachingKnowledgeGraph } from "@knowfuse/core";
import { openSqliteKnowledgeGraph } from "@knowfuse/kg";
import { describeKnowledgeGraphContract } from "@knowfuse/kg/contract";

describeKnowledgeGraphContract(
  "kg.sqlite.v1", // the cache reports the kind of the store it wraps
  async () =>
    new CachingKnowledgeGraph(await openSqliteKnowledgeGraph({ path: ":memory:" }), {
      candidates: { maxEntries: 8 },
      entities: { maxEntries: 8 },
      embeddings: { maxEntries: 8 },
    }),
);
