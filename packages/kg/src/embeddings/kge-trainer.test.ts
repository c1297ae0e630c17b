import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DimensionMismatchError, datasetPath, Prng, TrainingDivergedError } from "@knowfuse/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEntityList } from "./entity-list-file.js";
import { KgeEmbeddings } from "./kge-embeddings.js";
import { loadKgeModel, saveKgeModel } from "./kge-model-file.js";
import { resolveKgeModel } from "./kge-model-registry.js";
import { KgeTrainer } from "./kge-trainer.js";
import { KgeVocabulary } from "./kge-vocabulary.js";
import { evaluateLinkPrediction } from "./link-prediction.js";
import { type IndexedTriples, readTripleFile } from "./triple-file.js";

let dir: string;
let vocab: KgeVocabulary;
let train: IndexedTriples;
let valid: IndexedTriples;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "knowfuse-kge-"));
  vocab = new KgeVocabulary();
  train = (await readTripleFile(datasetPath("umls", "train.tsv"), vocab, true)).triples;
  valid = (await readTripleFile(datasetPath("umls", "dev.tsv"), vocab, false)).triples;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("readTripleFile", () => {
  it("reads the real UMLS files and counts unknown names in a test file instead of failing", async () => {
    expect(vocab.entities.length).toBe(135);
    expect(vocab.relations.length).toBe(46);
    expect(train.count).toBe(5216);
    const file = join(dir, "test.tsv");
    await writeFile(
      file,
      ["acquired_abnormality\tlocation_of\tnot_a_concept", "cell\tpart_of\ttissue", ""].join("\n"),
    );
    const result = await readTripleFile(file, vocab, false);
    expect(result.triples.count).toBe(1);
    expect(result.unknown.count).toBe(1);
    expect(result.unknown.examples[0]?.line).toBe(1);
  });

  it("reads WN18RR's full entity list first, so that validation triples about untrained entities are ranked", async () => {
    const wn = new KgeVocabulary();
    expect(await readEntityList(datasetPath("wn18rr", "entities.dict"), wn)).toBe(40943);
    const first = wn.entities.length;
    await readTripleFile(datasetPath("wn18rr", "train.txt"), wn, true);
    expect(wn.entities.length).toBe(first);
    const validWn = await readTripleFile(datasetPath("wn18rr", "valid.txt"), wn, false);
    expect(validWn.unknown.count).toBe(0);
    expect(validWn.triples.count).toBe(3034);
  });

  it("rejects a line without three fields, naming file and line", async () => {
    const file = join(dir, "bad.tsv");
    await writeFile(file, "a\tr\tb\nonly\ttwo\n");
    await expect(readTripleFile(file, new KgeVocabulary(), true)).rejects.toThrow(
      /bad\.tsv:2: expected head/,
    );
  });
});

describe("KgeTrainer on real UMLS triples", () => {
  it("ComplEx 1-vs-all learns: validation MRR well above the relation-frequency baseline (0.52)", async () => {
    const emb = KgeEmbeddings.create(await resolveKgeModel("complex"), 64, vocab, new Prng(1));
    const result = await new KgeTrainer(emb, {
      epochs: 6,
      batchSize: 256,
      regWeight: 0.005,
      dropout: 0.2,
      optimizer: { type: "adagrad", lr: 0.3 },
      threads: 1,
    }).fit(train, valid);
    expect(result.history.length).toBeGreaterThan(0);
    expect(result.history[0]!.loss).toBeGreaterThan(result.history.at(-1)!.loss);
    // The reported loss includes the N3 term; the data loss is the cross-entropy alone.
    expect(result.history[0]!.loss).toBeGreaterThan(result.history[0]!.dataLoss);
    expect(result.history[0]!.dataLoss).toBeGreaterThan(0);
    expect(result.bestValidMrr).toBeGreaterThan(0.6);
    const again = await evaluateLinkPrediction(emb, valid, { filter: [train, valid], threads: 1 });
    expect(again.mrr).toBeCloseTo(result.bestValidMrr, 5);
  });

  it("RotatE with self-adversarial negative sampling learns (well above the untrained figure)", async () => {
    const emb = KgeEmbeddings.create(await resolveKgeModel("rotate"), 64, vocab, new Prng(2));
    const result = await new KgeTrainer(emb, {
      objective: "negative-sampling",
      epochs: 8,
      batchSize: 256,
      negatives: 32,
      gamma: 12,
      regularizer: "none",
      optimizer: { type: "adam", lr: 0.03 },
      threads: 1,
    }).fit(train, valid);
    // Untrained embeddings score about 0.05 here.
    expect(result.bestValidMrr).toBeGreaterThan(0.3);
  });

  it("is reproducible: the same seed gives identical parameters, another seed does not", async () => {
    const tiny = { data: train.data.subarray(0, 3 * 400), count: 400 };
    const run = async (seed: number) => {
      const emb = KgeEmbeddings.create(await resolveKgeModel("distmult"), 16, vocab, new Prng(seed));
      await new KgeTrainer(emb, { epochs: 2, batchSize: 64, dropout: 0.3, seed, threads: 1 }).fit(tiny);
      return emb.entities.data;
    };
    const a = await run(5);
    const b = await run(5);
    const c = await run(6);
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    expect(Buffer.from(a.buffer).equals(Buffer.from(c.buffer))).toBe(false);
  });

  it("stops with TrainingDivergedError on a NaN loss and keeps the last good parameters", async () => {
    const emb = KgeEmbeddings.create(await resolveKgeModel("complex"), 16, vocab, new Prng(3));
    const before = Float32Array.from(emb.entities.data);
    const trainer = new KgeTrainer(emb, {
      epochs: 3,
      batchSize: 128,
      regularizer: "none",
      optimizer: { type: "sgd", lr: 1e30 },
      threads: 1,
    });
    const error = await trainer.fit(train).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainingDivergedError);
    expect(emb.entities.data.every(Number.isFinite)).toBe(true);
    // No epoch completed, so the last good state is the initial one.
    expect(Array.from(emb.entities.data)).toEqual(Array.from(before));
  });

  it("rejects negative sampling for a dot-product model and odd dims for complex models", async () => {
    const emb = KgeEmbeddings.create(await resolveKgeModel("complex"), 16, vocab, new Prng(3));
    expect(() => new KgeTrainer(emb, { objective: "negative-sampling" })).toThrow(/1vsall/);
    const odd = KgeEmbeddings.create(
      await resolveKgeModel("rotate"),
      15,
      new KgeVocabulary(["a"], ["r"]),
      new Prng(3),
    );
    expect(() => new KgeTrainer(odd, {})).toThrow(/even dim/);
  });
});

describe("model files", () => {
  it("round-trip: the reloaded model evaluates identically", async () => {
    const emb = KgeEmbeddings.create(await resolveKgeModel("rotate"), 8, vocab, new Prng(4));
    emb.config = { note: "test" };
    const file = join(dir, "m.kge");
    await saveKgeModel(file, emb);
    const loaded = await loadKgeModel(file);
    expect(loaded.model.name).toBe("kge.rotate.v1");
    expect(loaded.config).toEqual({ note: "test" });
    expect(Array.from(loaded.entities.data)).toEqual(Array.from(emb.entities.data));
    expect(Array.from(loaded.relations.data)).toEqual(Array.from(emb.relations.data));
    const slice = { data: valid.data.subarray(0, 30), count: 10 };
    const a = await evaluateLinkPrediction(emb, slice, { threads: 1 });
    const b = await evaluateLinkPrediction(loaded, slice, { threads: 1 });
    expect(b.mrr).toBe(a.mrr);
  });

  it("a dimension mismatch is a DimensionMismatchError; a foreign file a ModelLoadError", async () => {
    const emb = KgeEmbeddings.create(await resolveKgeModel("transe"), 8, vocab, new Prng(4));
    const file = join(dir, "t.kge");
    await saveKgeModel(file, emb);
    await expect(loadKgeModel(file, { expectedDim: 16 })).rejects.toBeInstanceOf(DimensionMismatchError);
    const bytes = await readFile(file);
    const truncated = join(dir, "truncated.kge");
    await writeFile(truncated, bytes.subarray(0, bytes.length - 8));
    await expect(loadKgeModel(truncated)).rejects.toBeInstanceOf(DimensionMismatchError);
    const foreign = join(dir, "foreign.kge");
    await writeFile(foreign, "not a model");
    await expect(loadKgeModel(foreign)).rejects.toMatchObject({ code: "MODEL_LOAD_FAILED" });
  });
});
