import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { datasetPath, isKnowfuseError, type KnowledgeGraph, LinkSchema } from "@knowfuse/core";
import {
  conceptnetPhraseId,
  createConceptnetImporter,
  createJsonlImporter,
  createTriplesImporter,
  openSqliteKnowledgeGraph,
} from "@knowfuse/kg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GraphLinker } from "./graph-linker.js";
import { createLinkerRegistry } from "./linker-registry.js";

const dir = mkdtempSync(join(tmpdir(), "knowfuse-linking-"));

/** The first `n` lines of a real data file, plus the lines that contain any of `keep`, written to the temp dir. */
function slice(file: string, n: number, keep: readonly string[] = []): string {
  const lines = readFileSync(file, "utf8").split("\n");
  const out = lines.filter((l, i) => l !== "" && (i < n || keep.some((k) => l.includes(k))));
  const path = join(dir, `${file.split("/").slice(-2).join("-")}`);
  writeFileSync(path, `${out.join("\n")}\n`);
  return path;
}

describe("GraphLinker on a store holding all four kinds of knowledge", () => {
  let kg: KnowledgeGraph;
  let linker: GraphLinker;
  const cacheDir = join(dir, "cache");

  beforeAll(async () => {
    kg = await openSqliteKnowledgeGraph({ path: join(dir, "mixed.db") });
    await createConceptnetImporter({
      file: slice(datasetPath("conceptnet100k", "train.txt"), 3000, ["pet store"]),
    }).run(kg);
    await createTriplesImporter({
      files: [datasetPath("umls", "train.tsv")],
      entityText: datasetPath("umls", "entity2text.txt"),
      entityDescription: datasetPath("umls", "entity2textlong.txt"),
      category: "domain",
      source: "umls",
      idPrefix: "umls:",
    }).run(kg);
    await createTriplesImporter({
      files: [slice(datasetPath("fb15k237", "valid.txt"), 2000)],
      entityText: datasetPath("fb15k237", "entity2text.txt"),
      category: "factual",
      source: "fb15k237",
      idPrefix: "fb:",
    }).run(kg);
    await createTriplesImporter({
      files: [slice(datasetPath("wn18rr", "train.txt"), 2000)],
      entityText: datasetPath("wn18rr", "entity2text.txt"),
      entityTextFormat: "label-description",
      category: "linguistic",
      source: "wn18rr",
      idPrefix: "wn18rr:",
    }).run(kg);
    const odd = join(dir, "odd.jsonl");
    const names = ["C++", "a.*b", "(foo)", "[bar]|baz", "what?"];
    writeFileSync(
      odd,
      `${names.map((n, i) => JSON.stringify({ type: "entity", id: `odd:${i}`, label: n, category: "domain" })).join("\n")}\n`,
    );
    await createJsonlImporter({ file: odd, source: "odd" }).run(kg);
    linker = await GraphLinker.open({ store: kg, cacheDir });
  }, 240_000);

  afterAll(async () => {
    await linker?.close();
    await kg?.close();
  });

  const linked = async (text: string) => (await linker.link([{ id: "t", text }]))[0]!;
  const entityOf = (doc: Awaited<ReturnType<typeof linked>>, surface: string) =>
    doc.links.find((l) => l.mention.surface === surface)?.entityId;

  it("links ConceptNet phrases, UMLS concepts, Freebase names and WN18RR synsets in sentences", async () => {
    const a = await linked("I bought a leash for my small dog at the pet store.");
    expect(entityOf(a, "pet store")).toBe(conceptnetPhraseId("pet store"));
    const b = await linked(
      "The virus infected a mammal, and a pharmacologic substance treated the disease or syndrome.",
    );
    expect(entityOf(b, "virus")).toBe("umls:virus");
    expect(entityOf(b, "pharmacologic substance")).toBe("umls:pharmacologic_substance");
    expect(entityOf(b, "disease or syndrome")).toBe("umls:disease_or_syndrome");
    const c = await linked(
      "Woody Allen shot Midnight in Paris after a visit to the University of Southern California.",
    );
    expect(entityOf(c, "Midnight in Paris")).toBe("fb:/m/0bs5vty");
    expect(entityOf(c, "University of Southern California")).toBe("fb:/m/065y4w7");
    const d = await linked("The land reform did not change phytology.");
    expect(entityOf(d, "land reform")).toBe("wn18rr:00260881");
    expect(entityOf(d, "phytology")).toBe("wn18rr:06066555");
    for (const doc of [a, b, c, d]) {
      for (const l of doc.links) {
        expect(() => LinkSchema.parse(l)).not.toThrow();
        expect(doc.document.text.slice(l.mention.start, l.mention.end)).toBe(l.mention.surface);
        if (l.entityId !== null) {
          expect(l.score).toBeGreaterThan(0);
          expect(l.score).toBeLessThanOrEqual(1);
          expect(Object.keys(l.evidence)).toEqual(expect.arrayContaining(["prior", "context", "coherence"]));
          expect(l.candidates[0]?.entityId).toBe(l.entityId);
        }
      }
    }
  });

  it("reports named-entity spans without an alias as NIL mentions", async () => {
    const doc = await linked("Zyxwv Qwerty met the virus researchers on 3 March 2021.");
    const nil = doc.links.filter((l) => l.entityId === null);
    expect(nil.length).toBeGreaterThan(0);
    expect(nil.every((l) => l.mention.entityType !== undefined)).toBe(true);
    expect(nil.map((l) => l.mention.surface)).toContain("Zyxwv Qwerty");
  });

  it("matches aliases holding regular-expression metacharacters literally", async () => {
    const doc = await linked("She writes C++ and (foo) code, not a.*b or [bar]|baz; what? Nothing else.");
    const bySurface = new Map(doc.links.map((l) => [l.mention.surface, l]));
    expect(bySurface.get("C++")?.candidates.map((c) => c.entityId)).toContain("odd:0");
    expect(bySurface.get("(foo)")?.entityId).toBe("odd:2");
    expect(bySurface.get("a.*b")?.entityId).toBe("odd:1");
    expect(bySurface.get("[bar]|baz")?.entityId).toBe("odd:3");
    const none = await linked("She writes C and foo code, not ab or aXXb.");
    const ids = none.links.flatMap((l) => l.candidates.map((c) => c.entityId));
    for (const id of ["odd:0", "odd:1", "odd:2", "odd:3"]) expect(ids).not.toContain(id);
  });

  it("makes a mention NIL when no candidate clears the threshold, keeping its candidates", async () => {
    const strict = await GraphLinker.open({ store: kg, cacheDir, threshold: 0.999 });
    const [doc] = await strict.link([
      { id: "t", text: "She writes C++ code about a pharmacologic substance." },
    ]);
    const cpp = doc!.links.find((l) => l.mention.surface === "C++")!;
    expect(cpp.candidates.length).toBeGreaterThanOrEqual(2);
    expect(cpp.entityId).toBeNull();
    expect(cpp.score).toBeLessThan(0.999);
    const single = doc!.links.find((l) => l.mention.surface === "pharmacologic substance")!;
    expect(single.candidates).toHaveLength(1);
    expect(single.entityId).toBe("umls:pharmacologic_substance");
  });

  it("does not crash on empty, punctuation-only, non-English and very long documents", async () => {
    const docs = await linker.link([
      { id: "empty", text: "" },
      { id: "punct", text: "?!... ;;; --- (((" },
      { id: "intl", text: "Der Virus in München — 東京の病院, Москва; naïve café 🙂 virus." },
      { id: "long", text: "The virus infected a mammal near the pet store. ".repeat(3000) },
    ]);
    expect(docs.map((d) => d.document.id)).toEqual(["empty", "punct", "intl", "long"]);
    expect(docs[0]!.links).toEqual([]);
    expect(docs[0]!.tokens).toEqual([]);
    expect(docs[1]!.links).toEqual([]);
    expect(docs[2]!.links.some((l) => l.entityId === "umls:virus")).toBe(true);
    const long = docs[3]!;
    expect(long.links.filter((l) => l.entityId === "umls:virus")).toHaveLength(3000);
    for (const l of long.links)
      expect(long.document.text.slice(l.mention.start, l.mention.end)).toBe(l.mention.surface);
  });

  it("caches the alias index on disk and rebuilds it when the store changes", async () => {
    const files = () => readdirSync(cacheDir).filter((f) => f.startsWith("alias-index-"));
    expect(files()).toHaveLength(1);
    const again = await GraphLinker.open({ store: kg, cacheDir });
    expect(files()).toHaveLength(1);
    expect(again.aliases.size).toBe(linker.aliases.size);
    const sample = "A pet store near the zebra.";
    const [expected] = await linker.link([{ id: "s", text: sample }]);
    expect(expected!.links.some((l) => l.mention.surface === "pet store" && l.entityId !== null)).toBe(true);
    const [loaded] = await again.link([{ id: "s", text: sample }]);
    expect(loaded!.links).toEqual(expected!.links);
    // A damaged cache file is compiled again and rewritten, not trusted.
    const file = join(cacheDir, files()[0]!);
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length >> 1));
    const repaired = await GraphLinker.open({ store: kg, cacheDir });
    expect(repaired.aliases.size).toBe(linker.aliases.size);
    expect((await repaired.link([{ id: "s", text: sample }]))[0]!.links).toEqual(expected!.links);
    expect(readFileSync(file)).toEqual(bytes);
    await kg.upsertEntities([
      {
        id: "new:1",
        label: "zorblax",
        aliases: [{ text: "zorblax" }],
        types: [],
        category: "domain",
        source: "new",
      },
    ]);
    const fresh = await GraphLinker.open({ store: kg, cacheDir });
    expect(files()).toHaveLength(2);
    const [doc] = await fresh.link([{ id: "z", text: "A zorblax appeared." }]);
    expect(doc!.links.map((l) => l.entityId)).toContain("new:1");
  });

  it("reads candidate knowledge from a cached snapshot of the store, with the same links as the store's queries", async () => {
    // One snapshot per store version (the store changed in the test before).
    expect(readdirSync(cacheDir).filter((f) => f.startsWith("knowledge-")).length).toBeGreaterThan(0);
    const texts = [
      "I bought a leash for my small dog at the pet store.",
      "The virus infected a mammal, and a pharmacologic substance treated the disease or syndrome.",
      "Woody Allen shot Midnight in Paris after a visit to the University of Southern California.",
      "The land reform did not change phytology.",
    ].map((text, i) => ({ id: String(i), text }));
    const fromStore = await GraphLinker.open({ store: kg, cacheDir, knowledgeSnapshot: false });
    const expected = await fromStore.link(texts);
    expect(expected.flatMap((d) => d.links).filter((l) => l.candidates.length > 1).length).toBeGreaterThan(5);
    // Opened after the store changed in the test before, like the one reading the store.
    const fromSnapshot = await GraphLinker.open({ store: kg, cacheDir });
    expect(await fromSnapshot.link(texts)).toEqual(expected);
    // A store over the size limit gets an empty snapshot: knowledge comes from the store.
    const limited = await GraphLinker.open({ store: kg, cacheDir, knowledgeSnapshotMaxEntities: 10 });
    expect(await limited.link(texts)).toEqual(expected);
  });

  it("is registered by name with an options schema", async () => {
    const registry = createLinkerRegistry();
    expect(registry.names()).toEqual(["linker.graph.v1"]);
    const made = await registry.create("linker.graph.v1", { store: kg, cacheDir, maxCandidates: 3 });
    expect(made.kind).toBe("linker.graph.v1");
    await expect(registry.create("graph", { store: kg, maxCandidates: 0 })).rejects.toMatchObject({
      code: "INVALID_CONFIG",
    });
    await expect(registry.create("graph", { store: {} })).rejects.toMatchObject({ code: "INVALID_CONFIG" });
    await expect(registry.create("linker.nope.v1", { store: kg })).rejects.toMatchObject({
      code: "UNKNOWN_NAME",
    });
  });

  it("gives STORE_UNAVAILABLE when the store cannot be reached", async () => {
    const gone = await openSqliteKnowledgeGraph({ path: join(dir, "gone.db") });
    await gone.close();
    const error = await GraphLinker.open({ store: gone, cacheDir: false }).catch((e: unknown) => e);
    expect(isKnowfuseError(error, "STORE_UNAVAILABLE")).toBe(true);
    const other = await openSqliteKnowledgeGraph({ path: join(dir, "other.db") });
    await createTriplesImporter({
      files: [datasetPath("umls", "train.tsv")],
      entityText: datasetPath("umls", "entity2text.txt"),
      source: "umls",
    }).run(other);
    const l = await GraphLinker.open({ store: other, cacheDir: false, knowledgeSnapshot: false });
    const withSnapshot = await GraphLinker.open({ store: other, cacheDir: false });
    await other.close();
    const late = await l.link([{ id: "x", text: "A virus." }]).catch((e: unknown) => e);
    expect(isKnowfuseError(late, "STORE_UNAVAILABLE")).toBe(true);
    // A linker with a snapshot of the store reads nothing from it once open.
    const [fromSnapshot] = await withSnapshot.link([{ id: "x", text: "A virus." }]);
    expect(fromSnapshot!.links.map((k) => k.entityId)).toContain("virus");
  });
});
