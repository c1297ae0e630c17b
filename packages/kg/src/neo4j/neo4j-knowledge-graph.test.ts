import { createServer, type Server, type Socket } from "node:net";
import { type Entity, isKnowfuseError, StoreError, ValidationError } from "@knowfuse/core";
import neo4j from "neo4j-driver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKnowledgeGraphRegistry } from "../stores/knowledge-graph-registry.js";
import {
  Neo4jKnowledgeGraph,
  Neo4jKnowledgeGraphOptionsSchema,
  openNeo4jKnowledgeGraph,
} from "./neo4j-knowledge-graph.js";
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

describe("Neo4j store whose server went away", () => {
  // A store object over a real driver pointing at a closed port, as after a server restart.
  const uri = "bolt://127.0.0.1:1";
  const options = Neo4jKnowledgeGraphOptionsSchema.parse({ uri, connectionTimeoutMs: 1000 });
  const open = () =>
    new Neo4jKnowledgeGraph(
      neo4j.driver(uri, neo4j.auth.basic("neo4j", "x"), {
        connectionTimeout: 1000,
        connectionAcquisitionTimeout: 2000,
        maxTransactionRetryTime: 0,
      }),
      options,
    );
  const river: Entity = {
    id: "r",
    label: "river",
    aliases: [{ text: "river" }],
    types: [],
    category: "domain",
    source: "t",
  };

  it("turns every read and write into STORE_UNAVAILABLE", async () => {
    const kg = open();
    const calls: [string, () => Promise<unknown>][] = [
      ["getEntities", () => kg.getEntities(["r"])],
      ["lookupCandidates", () => kg.lookupCandidates(["river"], { fuzzy: true })],
      ["neighbors", () => kg.neighbors(["r"], { hops: 2 })],
      ["getEmbeddings", () => kg.getEmbeddings("s", ["r"])],
      ["stats", () => kg.stats()],
      ["contentVersion", () => kg.contentVersion()],
      ["graphVersion", () => kg.graphVersion()],
      ["upsertEntities", () => kg.upsertEntities([river])],
      ["putEmbeddings", () => kg.putEmbeddings({ name: "s", dim: 1 }, [["r", new Float32Array(1)]])],
      ["deleteSource", () => kg.deleteSource("t")],
      ["transaction", () => kg.transaction((w) => w.upsertEntities([river]))],
      [
        "streamEntities",
        async () => {
          for await (const _ of kg.streamEntities()) return;
        },
      ],
    ];
    for (const [name, call] of calls) {
      const error = await failure(call());
      expect(isKnowfuseError(error, "STORE_UNAVAILABLE"), `${name}: ${String(error)}`).toBe(true);
      expect((error as StoreError).message).toContain(uri);
    }
    await kg.close();
  }, 60_000);

  it("answers empty requests without the server", async () => {
    const kg = open();
    expect(await kg.lookupCandidates(["", "  "])).toEqual([[], []]);
    expect((await kg.getEntities([])).size).toBe(0);
    await kg.close();
  });

  it("rejects bad input before sending anything", async () => {
    const kg = open();
    const hostile = await failure(
      kg.upsertRelations([
        { head: "a", relation: "ok", tail: "b", weight: 1, source: "t" },
        { head: "a", relation: "x`]->(m) DETACH DELETE m //", tail: "b", weight: 1, source: "t" },
      ]),
    );
    expect(hostile).toBeInstanceOf(ValidationError);
    expect((hostile as ValidationError).issues[0]?.path).toEqual(["relations", 1, "relation"]);
    const emptyAlias = await failure(kg.upsertEntities([{ ...river, aliases: [{ text: " _ " }] }]));
    expect(emptyAlias).toBeInstanceOf(ValidationError);
    expect((emptyAlias as ValidationError).message).toContain('entity "r"');
    await kg.close();
  });

  it("closes idempotently and then refuses calls", async () => {
    const kg = open();
    await kg.close();
    await kg.close();
    const error = await failure(kg.getEntities(["r"]));
    expect(isKnowfuseError(error, "STORE_UNAVAILABLE")).toBe(true);
    expect((error as Error).message).toContain("closed");
  });
});
