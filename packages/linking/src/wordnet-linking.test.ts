import { datasetPath, type KnowledgeGraph } from "@knowfuse/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_WEIGHTS, FEATURE_INDEX, FEATURE_NAMES } from "./disambiguation/features.js";
import { GraphLinker } from "./graph-linker.js";
import { openWordnetTestStore } from "./testing/wordnet-test-store.test-suite.js";
import { evaluateWsd, type FeaturizedWsd, featurizeWsd } from "./wsd/evaluate-wsd.js";
import { readGoldKeys } from "./wsd/read-gold-keys.js";
import { readWsdCorpus } from "./wsd/read-wsd-corpus.js";

/** Reference figures from ../shared/datasets/README.md (WordNet 3.1 sense 1), in percent. */
const MFS_F1 = { semeval2015: 67.8 };

describe("GraphLinker on full WordNet 3.1", () => {
  let kg: KnowledgeGraph;
  let linker: GraphLinker;
  let data: FeaturizedWsd;
  const gold = readGoldKeys(datasetPath("wsd", "semeval2015.gold.key.txt"));

  beforeAll(async () => {
    kg = await openWordnetTestStore();
    linker = await GraphLinker.open({ store: kg });
    data = await featurizeWsd(linker, readWsdCorpus(datasetPath("wsd", "semeval2015.data.xml")));
  }, 300_000);

  afterAll(async () => {
    await linker?.close();
    await kg?.close();
  });

  it("reproduces the most-frequent-sense baseline when only the prior rank is used", () => {
    linker.setWeights({ "prior.first": 1 });
    const mfs = evaluateWsd(linker, data, gold);
    expect(mfs.answered).toBe(mfs.n);
    expect(Math.abs(mfs.f1 - MFS_F1.semeval2015)).toBeLessThan(0.1);
  });

  it("beats the most-frequent-sense baseline on semeval2015 with weights learned on senseval2", () => {
    linker.setWeights(DEFAULT_WEIGHTS);
    const score = evaluateWsd(linker, data, gold);
    expect(score.n).toBe(1022);
    expect(score.f1).toBeGreaterThan(MFS_F1.semeval2015 + 1);
  });

  it("links a text the same way whatever the linker has linked before (memoised candidates)", async () => {
    linker.setWeights(DEFAULT_WEIGHTS);
    const texts = readWsdCorpus(datasetPath("wsd", "semeval2015.data.xml")).map((t, i) => ({
      id: String(i),
      text: t.sentences
        .slice(0, 6)
        .map((s) => s.words.map((w) => w.text).join(" "))
        .join("\n"),
    }));
    const fresh = await GraphLinker.open({ store: kg });
    try {
      const summary = (docs: Awaited<ReturnType<GraphLinker["link"]>>) =>
        docs.map((d) => d.links.map((l) => [l.mention.start, l.entityId, l.score, l.candidates?.length]));
      const first = summary(await linker.link(texts));
      const again = summary(await linker.link(texts));
      const reversed = summary((await fresh.link([...texts].reverse())).reverse());
      expect(first.flat().length).toBeGreaterThan(50);
      expect(again).toEqual(first);
      expect(reversed).toEqual(first);
    } finally {
      await fresh.close();
    }
  });

  it("links free text to synsets, choosing the sense its context supports", async () => {
    linker.setWeights(DEFAULT_WEIGHTS);
    const [doc] = await linker.link([
      { id: "1", text: "She went to the bank to deposit her money and the cashier counted it." },
      { id: "2", text: "They sat on the river bank and watched the water flow past." },
    ]);
    const [, river] = await linker.link([
      { id: "1", text: "" },
      { id: "2", text: "They sat on the river bank and watched the water flow past." },
    ]);
    const keyOf = async (surface: string, links: NonNullable<typeof doc>["links"]) => {
      const link = links.find((l) => l.mention.surface === surface)!;
      const entity = (await kg.getEntities([link.entityId!])).get(link.entityId!)!;
      return entity.aliases.find((a) => a.text === "bank")?.key;
    };
    expect(await keyOf("bank", doc!.links)).toBe("bank%1:14:00::");
    const riverBank = river!.links.find((l) => l.mention.surface.includes("bank"))!;
    expect(["river bank", "bank"]).toContain(riverBank.mention.surface);
    if (riverBank.mention.surface === "bank")
      expect(await keyOf("bank", river!.links)).toBe("bank%1:17:01::");
    for (const l of doc!.links.filter((x) => x.entityId)) {
      expect(l.evidence).toHaveProperty("prior");
      expect(l.evidence).toHaveProperty("context");
      expect(l.evidence).toHaveProperty("coherence");
    }
  });

  it("gives verb mentions coherence features only with verbCoherence", async () => {
    const coherenceOf = (m: FeaturizedWsd["mentions"][number]) =>
      m.candidates.flatMap((_, j) =>
        (["coherence.share", "coherence.first"] as const).map(
          (n) => m.features[j * FEATURE_NAMES.length + FEATURE_INDEX[n]]!,
        ),
      );
    const isVerb = (m: FeaturizedWsd["mentions"][number]) => m.mention.pos === "VERB";
    const verbs = data.mentions.filter(isVerb);
    expect(verbs.length).toBeGreaterThan(100);
    for (const m of verbs) expect(coherenceOf(m).every((v) => v === 0)).toBe(true);
    expect(data.mentions.some((m) => !isVerb(m) && coherenceOf(m).some((v) => v !== 0))).toBe(true);
    const withVerbs = await GraphLinker.open({ store: kg, verbCoherence: true });
    try {
      const all = await featurizeWsd(withVerbs, readWsdCorpus(datasetPath("wsd", "semeval2015.data.xml")));
      expect(all.mentions.filter(isVerb).some((m) => coherenceOf(m).some((v) => v !== 0))).toBe(true);
    } finally {
      await withVerbs.close();
    }
  });

  it("computes no context evidence when context is off, and the other features as before", async () => {
    const isContext = FEATURE_NAMES.map((n) => n.startsWith("context."));
    const columns = (m: FeaturizedWsd["mentions"][number], context: boolean) =>
      m.features.filter((_, k) => isContext[k % FEATURE_NAMES.length] === context);
    const noContext = await GraphLinker.open({ store: kg, context: false });
    try {
      const without = await featurizeWsd(
        noContext,
        readWsdCorpus(datasetPath("wsd", "semeval2015.data.xml")),
      );
      expect(data.mentions.some((m) => columns(m, true).some((v) => v !== 0))).toBe(true);
      expect(without.mentions.every((m) => columns(m, true).every((v) => v === 0))).toBe(true);
      expect(without.mentions.map((m) => columns(m, false))).toEqual(
        data.mentions.map((m) => columns(m, false)),
      );
      const [doc] = await noContext.link([{ id: "1", text: "She deposited her money at the bank." }]);
      const chosen = doc!.links.filter((l) => l.entityId !== null);
      expect(chosen.length).toBeGreaterThan(0);
      for (const l of chosen)
        expect(Object.keys(l.evidence)).toEqual(["probability", "priorProbability", "prior", "coherence"]);
    } finally {
      await noContext.close();
    }
  });

  it("scores coherence by personalised PageRank when asked, with the same answer on a clear case", async () => {
    const pagerank = await GraphLinker.open({ store: kg, coherenceMethod: "pagerank" });
    try {
      const text = "She went to the bank to deposit her money and the cashier counted it.";
      const [byWalk] = await linker.link([{ id: "1", text }]);
      const [byPageRank] = await pagerank.link([{ id: "1", text }]);
      const bank = (d: typeof byWalk) => d!.links.find((l) => l.mention.surface === "bank")!;
      expect(bank(byPageRank).entityId).toBe(bank(byWalk).entityId);
      expect(bank(byPageRank).evidence.coherence).not.toBe(bank(byWalk).evidence.coherence);
    } finally {
      await pagerank.close();
    }
  });
});
