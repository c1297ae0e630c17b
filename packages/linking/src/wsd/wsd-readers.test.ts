import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { datasetPath, isKnowfuseError } from "@knowfuse/core";
import { describe, expect, it } from "vitest";
import { readGoldKeys } from "./read-gold-keys.js";
import { readWsdCorpus } from "./read-wsd-corpus.js";
import { scoreWsd } from "./score-wsd.js";
import { wsdLinkInputs } from "./wsd-link-inputs.js";

describe("WSD framework readers and scorer", () => {
  it("reads every instance of semeval2015 and its gold keys", () => {
    const texts = readWsdCorpus(datasetPath("wsd", "semeval2015.data.xml"));
    const gold = readGoldKeys(datasetPath("wsd", "semeval2015.gold.key.txt"));
    const ids = texts.flatMap((t) => t.sentences.flatMap((s) => s.words.flatMap((w) => w.instanceId ?? [])));
    expect(ids).toHaveLength(1022);
    expect(new Set(ids)).toEqual(new Set(gold.keys()));
    const inputs = wsdLinkInputs(texts);
    const input = inputs[0]!;
    for (const t of input.analysis.tokens) expect(input.analysis.text.slice(t.start, t.end)).toBe(t.text);
    expect(inputs.reduce((n, i) => n + i.targets.length, 0)).toBe(1022);
  });

  it("scores like the framework: any gold key counts, precision over answered, recall over all", () => {
    const gold = new Map([
      ["a", ["k1", "k2"]],
      ["b", ["k3"]],
      ["c", ["k4"]],
      ["d", ["k5"]],
    ]);
    const s = scoreWsd(
      new Map([
        ["a", "k2"],
        ["b", "k3"],
        ["c", "wrong"],
        ["zz", "k9"],
      ]),
      gold,
    );
    expect(s).toMatchObject({ task: "wsd", n: 4, answered: 3, correct: 2 });
    expect(s.precision).toBeCloseTo(200 / 3, 10);
    expect(s.recall).toBeCloseTo(50, 10);
    expect(s.f1).toBeCloseTo((2 * (200 / 3) * 50) / (200 / 3 + 50), 10);
    expect(scoreWsd(new Map(), gold).f1).toBe(0);
  });

  it("reports malformed lines with their file and line number", () => {
    const dir = mkdtempSync(join(tmpdir(), "wsd-"));
    const xml = join(dir, "bad.data.xml");
    writeFileSync(
      xml,
      '<corpus>\n<text id="t">\n<sentence id="s">\n<wf lemma="a">a</wf>\n</sentence>\n</text>\n</corpus>\n',
    );
    expect(() => readWsdCorpus(xml)).toThrow(/bad\.data\.xml:4/);
    const keys = join(dir, "bad.gold.key.txt");
    writeFileSync(keys, "d000.s000.t000 art%1:09:00::\nlonely\n");
    try {
      readGoldKeys(keys);
      expect.unreachable();
    } catch (e) {
      expect(isKnowfuseError(e, "IMPORT_LINE_INVALID")).toBe(true);
      expect((e as Error).message).toContain(":2:");
    }
    expect(() => readGoldKeys(join(dir, "missing.txt"))).toThrow(/cannot be read/);
  });
});
