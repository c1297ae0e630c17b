import type { Entity } from "@knowfuse/core";
import { computeHypernymFeatures, ensureHypernymFeatureSpace } from "@knowfuse/fusion";
import { openSqliteKnowledgeGraph } from "@knowfuse/kg";
import { describe, expect, it } from "vitest";

const entity = (id: string): Entity => ({
  id,
  label: id,
  aliases: [],
  types: [],
  category: "linguistic",
  source: "test",
});

const cos = (a: Float32Array, b: Float32Array) => {
  let d = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    d += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return d / Math.sqrt(na * nb);
};

describe("hypernym feature embedding (SQLite store)", () => {
  it("gives entities under a common ancestor similar vectors and is deterministic", async () => {
    const kg = await openSqliteKnowledgeGraph({ path: ":memory:" });
    // animal > mammal > {cat, dog}; artifact > {car}; car also has a part relation that is not followed.
    await kg.upsertEntities(["animal", "mammal", "cat", "dog", "artifact", "car", "wheel"].map(entity));
    const rel = (head: string, relation: string, tail: string) => ({
      head,
      relation,
      tail,
      source: "test",
      weight: 1,
    });
    await kg.upsertRelations([
      rel("mammal", "hypernym", "animal"),
      rel("cat", "hypernym", "mammal"),
      rel("dog", "hypernym", "mammal"),
      rel("car", "hypernym", "artifact"),
      rel("car", "has_part", "wheel"),
    ]);
    const v = await computeHypernymFeatures(kg, { dim: 256 });
    expect(v.size).toBe(7);
    const cat = v.get("cat")!;
    expect(cat.length).toBe(256);
    // Unit RMS.
    expect(cat.reduce((s, x) => s + x * x, 0) / 256).toBeCloseTo(1, 5);
    // cat and dog share mammal and animal: cosine about 2/3; cat and car share nothing: about 0.
    expect(cos(cat, v.get("dog")!)).toBeGreaterThan(0.5);
    expect(Math.abs(cos(cat, v.get("car")!))).toBeLessThan(0.25);
    const again = await computeHypernymFeatures(kg, { dim: 256 });
    expect(Array.from(again.get("cat")!)).toEqual(Array.from(cat));
    const made = await ensureHypernymFeatureSpace(kg, "features", { dim: 16 });
    expect(made).toMatchObject({ dim: 16, created: true });
    expect((await ensureHypernymFeatureSpace(kg, "features", { dim: 16 })).created).toBe(false);
    expect((await kg.getEmbeddings("features", ["cat"])).get("cat")!.length).toBe(16);
    await kg.close();
  });
});
