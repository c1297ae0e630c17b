import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ImportLineError, NotFoundError } from "@knowfuse/core";
import { afterAll, describe, expect, it } from "vitest";
import { openSqliteKnowledgeGraph } from "../sqlite/sqlite-knowledge-graph.js";
import { defineImporter, tripleFields } from "./import-session.js";

describe("tripleFields", () => {
  it("reads the weight from a fourth field, 1 without one, and rejects one that is not a finite number", () => {
    expect(tripleFields("f", 1, "a\tr\tb")).toEqual({ head: "a", relation: "r", tail: "b", weight: 1 });
    expect(tripleFields("f", 2, "a\tr\tb\t0.25").weight).toBe(0.25);
    expect(() => tripleFields("f", 3, "a\tr\tb\theavy")).toThrow(
      /f:3.*weight "heavy" is not a finite number/,
    );
    expect(() => tripleFields("f", 4, "a\tr")).toThrow(ImportLineError);
  });
});

describe("ImportSession.eachLine", () => {
  const dir = mkdtempSync(join(tmpdir(), "kf-each-line-"));
  const file = join(dir, "lines.txt");
  writeFileSync(file, "one\n\n# note\nbad\ntwo\n");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const importer = (invalidLines: "stop" | "skip", seen: string[], path = file) =>
    defineImporter("import.test.v1", "test", invalidLines, (session) =>
      session.eachLine(
        path,
        (line, text) => {
          if (text === "bad") throw new ImportLineError(path, line, "bad line");
          seen.push(`${line}:${text}`);
        },
        { skip: (text) => text === "" || text.startsWith("#") },
      ),
    );

  it("counts every line, passes over skipped ones and counts bad ones under the skip policy", async () => {
    const kg = await openSqliteKnowledgeGraph();
    const seen: string[] = [];
    const report = await importer("skip", seen).run(kg);
    expect(seen).toEqual(["1:one", "5:two"]);
    expect(report).toMatchObject({ importer: "import.test.v1", source: "test", lines: 5, skipped: 1 });
    expect(report.errors[0]?.message).toMatch(/:4.*bad line/);
    await kg.close();
  });

  it("stops at a bad line under the stop policy and names a missing file", async () => {
    const kg = await openSqliteKnowledgeGraph();
    await expect(importer("stop", []).run(kg)).rejects.toThrow(/bad line/);
    await expect(importer("stop", [], join(dir, "missing.txt")).run(kg)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await kg.close();
  });
});
