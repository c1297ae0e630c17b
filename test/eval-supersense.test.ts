import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { evaluateSupersense, main, supersenseOfKey } from "@knowfuse/cli";
import { datasetPath } from "@knowfuse/core";
import { openSqliteKnowledgeGraph, type SqliteKnowledgeGraph } from "@knowfuse/kg";
import { readGoldKeys } from "@knowfuse/linking";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openWordnetTestStore } from "../packages/linking/src/testing/wordnet-test-store.test-suite.js";

describe("supersense labels", () => {
  it("reads the lexicographer file from the sense key", () => {
    expect(supersenseOfKey("art%1:09:00::")).toBe("noun.cognition");
    expect(supersenseOfKey("peculiar%5:00:00:specific:00")).toBe("adj.all");
    expect(supersenseOfKey("be%2:42:03::")).toBe("verb.stative");
    expect(supersenseOfKey("nokey")).toBeUndefined();
  });

  it("the CLI names the missing flags", async () => {
    const write = process.stderr.write;
    let err = "";
    process.stderr.write = ((chunk: string) => {
      err += chunk;
      return true;
    }) as typeof process.stderr.write;
    try {
      expect(await main(["eval", "supersense", "--fusion", "ernie"])).toBe(1);
    } finally {
      process.stderr.write = write;
    }
    expect(err).toMatch(/INVALID_INPUT.*missing --train, --test/);
  });
});

describe("eval supersense on Senseval-2 → SemEval-2015 with full WordNet 3.1", () => {
  let dir: string;
  let kg: SqliteKnowledgeGraph;

  beforeAll(async () => {
    // The shared read-only WordNet test store, copied so the feature space can be written.
    const shared = (await openWordnetTestStore()) as SqliteKnowledgeGraph;
    const source = shared.path;
    await shared.close();
    dir = await mkdtemp(join(tmpdir(), "supersense-"));
    await copyFile(source, join(dir, "wn.db"));
    kg = await openSqliteKnowledgeGraph({ path: join(dir, "wn.db") });
  }, 600_000);

  afterAll(async () => {
    await kg?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("ERNIE fusion with WordNet hypernym features beats the bare encoder by a wide margin", async () => {
    const train = {
      xml: datasetPath("wsd", "senseval2.data.xml"),
      gold: readGoldKeys(datasetPath("wsd", "senseval2.gold.key.txt")),
    };
    const test = {
      xml: datasetPath("wsd", "semeval2015.data.xml"),
      gold: readGoldKeys(datasetPath("wsd", "semeval2015.gold.key.txt")),
    };
    const none = await evaluateSupersense({ kg, train, test, fusion: "none", epochs: 8, threads: 1 });
    const ernie = await evaluateSupersense({ kg, train, test, fusion: "ernie", epochs: 8, threads: 1 });
    expect(none.n).toBe(1022);
    expect(ernie.n).toBe(1022);
    expect(ernie.unaligned).toBe(0);
    expect(ernie.space_model).toBe("features.hypernym.v1");
    // Majority class is 11.8% of SemEval-2015; the random-weight encoder alone stays near it.
    expect(ernie.accuracy).toBeGreaterThan(none.accuracy + 0.2);
    expect(ernie.macro_f1).toBeGreaterThan(none.macro_f1);
  }, 600_000);
});
