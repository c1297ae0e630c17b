import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { DimensionMismatchError, datasetPath, TrainingDivergedError } from "@knowfuse/core";
import { afterAll, describe, expect, it } from "vitest";
import type { Command } from "../command.js";
import { openStore } from "../open-store.js";
import { kgEvalEmbeddingsCommand } from "./kg-eval-embeddings.js";
import { kgImportTriplesCommand } from "./kg-import-triples.js";
import { kgTrainEmbeddingsCommand } from "./kg-train-embeddings.js";

const tmp = mkdtempSync(join(tmpdir(), "kf-cli-kge-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const store = join(tmp, "kg.db");
const train = datasetPath("umls", "train.tsv");
const dev = datasetPath("umls", "dev.tsv");

async function run(command: Command, values: Record<string, string | boolean>, positionals: string[] = []) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c) => {
    out += c;
  });
  stderr.on("data", (c) => {
    err += c;
  });
  const code = await command.run({ values, positionals, stdout, stderr });
  return { code, out, err };
}

describe("kg train-embeddings / eval-embeddings on real UMLS triples", () => {
  it("trains, writes the model file and the store's embedding space, and evaluates it", async () => {
    const imported = await run(kgImportTriplesCommand, { store, source: "umls", "id-prefix": "umls:" }, [
      train,
    ]);
    expect(imported.code).toBe(0);
    const model = join(tmp, "umls.kge");
    const trained = await run(kgTrainEmbeddingsCommand, {
      train,
      valid: dev,
      model: "complex",
      dim: "16",
      epochs: "2",
      "batch-size": "256",
      lr: "0.3",
      threads: "1",
      out: model,
      store,
      space: "umls-complex",
      "id-prefix": "umls:",
    });
    expect(trained.code).toBe(0);
    const summary = JSON.parse(trained.out.trim().split("\n").at(-1)!);
    expect(summary).toMatchObject({
      model: "kge.complex.v1",
      dim: 16,
      entities: 135,
      epochs: 2,
      stored: 135,
    });
    expect(existsSync(model)).toBe(true);

    const kg = await openStore(store);
    try {
      const vectors = await kg.getEmbeddings("umls-complex", ["umls:virus", "umls:cell", "virus"]);
      expect([...vectors.keys()].sort()).toEqual(["umls:cell", "umls:virus"]);
      expect(vectors.get("umls:virus")?.length).toBe(16);
      const space = (await kg.stats()).embeddingSpaces.find((s) => s.name === "umls-complex");
      expect(space).toMatchObject({ dim: 16, model: "kge.complex.v1" });
      expect(space?.config).toMatchObject({ objective: "1vsall", batchSize: 256 });
    } finally {
      await kg.close();
    }

    // A test file with one unknown entity: counted and reported, the rest ranked.
    const test = join(tmp, "test.tsv");
    writeFileSync(
      test,
      `${readFileSync(dev, "utf8").split("\n").slice(0, 20).join("\n")}\nvirus\tprocess_of\tno_such_concept\n`,
    );
    const evaluated = await run(kgEvalEmbeddingsCommand, {
      "model-file": model,
      test,
      filter: `${train},${dev}`,
      threads: "1",
    });
    expect(evaluated.code).toBe(0);
    expect(evaluated.err).toMatch(/1 triple\(s\) name an entity or relation the model does not know/);
    const last = JSON.parse(evaluated.out.trim().split("\n").at(-1)!);
    expect(last).toMatchObject({ task: "link-prediction", n: 20, unknown: 1 });
    for (const key of ["mrr", "hits1", "hits3", "hits10"]) {
      expect(last[key]).toBeGreaterThan(0);
      expect(last[key]).toBeLessThanOrEqual(1);
    }
    expect(last.hits1).toBeLessThanOrEqual(last.hits3);
    expect(last.hits3).toBeLessThanOrEqual(last.hits10);

    await expect(
      run(kgEvalEmbeddingsCommand, { "model-file": model, test, dim: "32" }),
    ).rejects.toBeInstanceOf(DimensionMismatchError);
  });

  it("an absurd learning rate stops with TrainingDivergedError and still writes the last good model", async () => {
    const model = join(tmp, "diverged.kge");
    await expect(
      run(kgTrainEmbeddingsCommand, {
        train,
        model: "distmult",
        dim: "8",
        epochs: "2",
        optimizer: "sgd",
        lr: "1e30",
        regularizer: "none",
        threads: "1",
        out: model,
      }),
    ).rejects.toBeInstanceOf(TrainingDivergedError);
    expect(existsSync(model)).toBe(true);
  });

  it("names a missing required flag", async () => {
    await expect(run(kgTrainEmbeddingsCommand, { train, model: "complex", dim: "8" })).rejects.toThrow(
      /--out/,
    );
  });
});
