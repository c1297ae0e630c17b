import { datasetPath, type Encoder, type KnowledgeGraph } from "@knowfuse/core";
import { ensureFixtureModel, loadEncoder } from "@knowfuse/fusion";
import { createTriplesImporter, openSqliteKnowledgeGraph } from "@knowfuse/kg";
import { GraphLinker } from "@knowfuse/linking";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

describe("graph linker with an encoder (description-similarity evidence)", () => {
  let kg: KnowledgeGraph;
  let encoder: Encoder;

  beforeAll(async () => {
    kg = await openSqliteKnowledgeGraph({ path: ":memory:" });
    await createTriplesImporter({
      files: [datasetPath("umls", "train.tsv")],
      entityText: datasetPath("umls", "entity2text.txt"),
      entityDescription: datasetPath("umls", "entity2textlong.txt"),
      source: "umls",
      idPrefix: "umls:",
    }).run(kg);
    encoder = await loadEncoder(await ensureFixtureModel("tiny-bert"), { threads: 1 });
  }, 300_000);

  afterAll(async () => {
    await encoder?.close();
    await kg?.close();
  });

  it("adds an encoder evidence term computed by the real ONNX encoder, and none without it", async () => {
    const text = "The virus infected a mammal, and the antibiotic killed the bacterium.";
    const withEncoder = await GraphLinker.open({
      store: kg,
      encoder,
      cacheDir: false,
      weights: { "encoder.cosine": 1 },
    });
    const [a] = await withEncoder.link([{ id: "1", text }]);
    const linked = a!.links.filter((l) => l.entityId !== null);
    expect(linked.length).toBeGreaterThanOrEqual(3);
    for (const l of linked) {
      expect(Number.isFinite(l.evidence.encoder)).toBe(true);
      expect(Math.abs(l.evidence.encoder!)).toBeLessThanOrEqual(1 + 1e-6);
    }
    expect(linked.some((l) => l.evidence.encoder !== 0)).toBe(true);
    const plain = await GraphLinker.open({ store: kg, cacheDir: false });
    const [b] = await plain.link([{ id: "1", text }]);
    for (const l of b!.links) expect(l.evidence).not.toHaveProperty("encoder");
    expect(b!.links.map((l) => l.entityId)).toEqual(a!.links.map((l) => l.entityId));
  });
});
