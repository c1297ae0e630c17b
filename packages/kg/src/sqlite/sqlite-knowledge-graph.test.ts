import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { describeKnowledgeGraphContract } from "../contract/knowledge-graph-contract.js";
import { openSqliteKnowledgeGraph } from "./sqlite-knowledge-graph.js";
import { SQLITE_SCHEMA_VERSION } from "./sqlite-schema.js";

const dir = mkdtempSync(join(tmpdir(), "kf-sqlite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

describeKnowledgeGraphContract("kg.sqlite.v1", () => openSqliteKnowledgeGraph({ path: ":memory:" }));
describeKnowledgeGraphContract("kg.sqlite.v1", () =>
  openSqliteKnowledgeGraph({ path: join(dir, `c${n++}.db`) }),
);

describe("SQLite store specifics", () => {
  it("creates a versioned schema in WAL mode and reopens a file with its content", async () => {
    const path = join(dir, "reopen.db");
    const kg = await openSqliteKnowledgeGraph({ path });
    await kg.upsertEntities([
      { id: "x", label: "x", aliases: [{ text: "ex" }], types: [], category: "domain", source: "s" },
    ]);
    await kg.close();
    const Database = (await import("better-sqlite3")).default;
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare("SELECT version FROM schema_version").get()).toEqual({
      version: SQLITE_SCHEMA_VERSION,
    });
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    raw.close();
    const again = await openSqliteKnowledgeGraph({ path, readonly: true });
    expect((await again.lookupCandidates(["ex"]))[0]?.[0]?.entityId).toBe("x");
    await again.close();
  });

  it("migrates a version-1 database to the current schema, keeping its content", async () => {
    const path = join(dir, "v1.db");
    const kg = await openSqliteKnowledgeGraph({ path });
    await kg.upsertEntities([
      { id: "x", label: "x", aliases: [{ text: "elephant" }], types: [], category: "domain", source: "s" },
    ]);
    await kg.close();
    const Database = (await import("better-sqlite3")).default;
    const raw = new Database(path);
    raw.exec("DROP TABLE alias_fts_terms; UPDATE schema_version SET version = 1");
    raw.close();
    await expect(openSqliteKnowledgeGraph({ path, readonly: true })).rejects.toMatchObject({
      code: "STORE_UNAVAILABLE",
    });
    const again = await openSqliteKnowledgeGraph({ path });
    expect((await again.lookupCandidates(["elephnt"], { fuzzy: true }))[0]?.[0]?.entityId).toBe("x");
    await again.close();
    const check = new Database(path, { readonly: true });
    expect(check.prepare("SELECT version FROM schema_version").get()).toEqual({
      version: SQLITE_SCHEMA_VERSION,
    });
    check.close();
  });

  it("refuses a database written by a newer schema", async () => {
    const path = join(dir, "newer.db");
    const Database = (await import("better-sqlite3")).default;
    const raw = new Database(path);
    raw.exec(
      `CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (999)`,
    );
    raw.close();
    await expect(openSqliteKnowledgeGraph({ path })).rejects.toMatchObject({ code: "STORE_UNAVAILABLE" });
  });

  it("fails with a typed error on an unopenable path and after close", async () => {
    await expect(openSqliteKnowledgeGraph({ path: join(dir, "no", "such", "dir.db") })).rejects.toMatchObject(
      {
        code: "STORE_UNAVAILABLE",
      },
    );
    const kg = await openSqliteKnowledgeGraph();
    await kg.close();
    await expect(kg.stats()).rejects.toMatchObject({ code: "STORE_UNAVAILABLE" });
  });

  it("rejects an alias that is empty after normalisation and writes nothing", async () => {
    const kg = await openSqliteKnowledgeGraph();
    await expect(
      kg.upsertEntities([
        { id: "ok", label: "ok", aliases: [{ text: "ok" }], types: [], category: "domain", source: "s" },
        { id: "bad", label: "bad", aliases: [{ text: " _ " }], types: [], category: "domain", source: "s" },
      ]),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect((await kg.stats()).entities).toBe(0);
    await kg.close();
  });
});
