import { createServer, type Server, type Socket } from "node:net";
import { isKnowfuseError, StoreError, ValidationError } from "@knowfuse/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKnowledgeGraphRegistry } from "../stores/knowledge-graph-registry.js";
import { openNeo4jKnowledgeGraph } from "./neo4j-knowledge-graph.js";
import { registerNeo4jStore } from "./neo4j-store-entry.js";

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

describe("Neo4j store without a server", () => {
  // A port that accepts TCP connections and never answers: the driver must give up, not hang.
  let silent: Server;
  let silentPort = 0;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    silent = createServer((socket) => {
      sockets.add(socket);
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    silentPort = (silent.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it.each(["neo4j://127.0.0.1:1", "bolt://127.0.0.1:1"])(
    "reports a closed port (%s) as STORE_UNAVAILABLE",
    async (uri) => {
      const error = await failure(openNeo4jKnowledgeGraph({ uri, connectionTimeoutMs: 2000 }));
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).code).toBe("STORE_UNAVAILABLE");
      expect((error as StoreError).message).toContain("127.0.0.1:1");
      expect((error as StoreError).cause).toBeDefined();
    },
    10_000,
  );

  it("gives up on a server that accepts connections but never answers", async () => {
    const error = await failure(
      openNeo4jKnowledgeGraph({
        uri: `bolt://127.0.0.1:${silentPort}`,
        connectionTimeoutMs: 500,
        connectionAcquisitionTimeoutMs: 1000,
      }),
    );
    expect(isKnowfuseError(error, "STORE_UNAVAILABLE")).toBe(true);
  }, 10_000);

  it("keeps credentials out of error messages", async () => {
    const error = await failure(
      openNeo4jKnowledgeGraph({ uri: "bolt://someone:secret@127.0.0.1:1", connectionTimeoutMs: 1000 }),
    );
    expect(isKnowfuseError(error, "STORE_UNAVAILABLE")).toBe(true);
    expect((error as Error).message).not.toContain("secret");
  }, 10_000);

  it.each([
    [{ uri: "http://localhost:7474" }, "uri"],
    [{ uri: "neo4j://localhost:7687", maxConnectionPoolSize: 0 }, "maxConnectionPoolSize"],
    [{ uri: "neo4j://localhost:7687", connectionTimeoutMs: -1 }, "connectionTimeoutMs"],
    [{ uri: "neo4j://localhost:7687", batchSize: 1.5 }, "batchSize"],
    [{ uri: "neo4j://localhost:7687", vectorDimensions: 5000 }, "vectorDimensions"],
  ])("rejects bad options %j naming the field", async (options, field) => {
    const error = await failure(openNeo4jKnowledgeGraph(options as never));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe("INVALID_CONFIG");
    expect((error as ValidationError).issues.map((i) => i.path[0])).toContain(field);
  });

  it("registers as kg.neo4j.v1 (alias neo4j) in the store registry, once", async () => {
    const registry = registerNeo4jStore(createKnowledgeGraphRegistry());
    expect(registerNeo4jStore(registry)).toBe(registry);
    expect(registry.names()).toContain("kg.neo4j.v1");
    expect(registry.names()).toContain("kg.sqlite.v1");
    expect(registry.get("neo4j").name).toBe("kg.neo4j.v1");
    const error = await failure(
      registry.create("neo4j", { uri: "bolt://127.0.0.1:1", connectionTimeoutMs: 1000 }),
    );
    expect(isKnowfuseError(error, "STORE_UNAVAILABLE")).toBe(true);
    const bad = await failure(registry.create("kg.neo4j.v1", { uri: "ftp://x" }));
    expect(isKnowfuseError(bad, "INVALID_CONFIG")).toBe(true);
  }, 10_000);
});
