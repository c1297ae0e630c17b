import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readJsonlDocuments } from "./read-jsonl-documents.js";

const dir = mkdtempSync(join(tmpdir(), "knowfuse-jsonl-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("readJsonlDocuments", () => {
  it("yields one record per line: documents, and typed errors with their line number", async () => {
    const file = join(dir, "docs.jsonl");
    writeFileSync(
      file,
      [
        '{"id":"a","text":"Aspirin treats headache.","lang":"en"}',
        "{not json",
        '{"id":"c"}',
        "",
        '{"id":5,"text":"numbers become string ids"}',
      ].join("\n"),
    );
    const records = [];
    for await (const record of readJsonlDocuments(file)) records.push(record);
    expect(records).toHaveLength(5);
    expect(records[0]).toMatchObject({
      line: 1,
      value: { id: "a", text: "Aspirin treats headache.", lang: "en" },
    });
    expect(records[1]).toMatchObject({ line: 2, error: { code: "INVALID_INPUT" } });
    expect("error" in records[1]! && records[1].error.message).toContain(`${file}:2`);
    expect(records[2]).toMatchObject({ line: 3, error: { code: "INVALID_INPUT" } });
    expect("error" in records[2]! && records[2].error.message).toMatch(/text/);
    expect(records[3]).toMatchObject({ line: 4, error: { code: "INVALID_INPUT" } });
    expect(records[4]).toMatchObject({ line: 5, value: { id: "5" } });
  });

  it("throws when the file cannot be opened", async () => {
    const read = async () => {
      for await (const _ of readJsonlDocuments(join(dir, "missing.jsonl"))) {
        // nothing
      }
    };
    await expect(read()).rejects.toThrow(/ENOENT/);
  });
});
