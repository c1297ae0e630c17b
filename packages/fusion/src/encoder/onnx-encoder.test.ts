import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AutoTokenizer } from "@huggingface/transformers";
import { datasetPath, isKnowfuseError, readLines } from "@knowfuse/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureFixtureModel, ensureGeneratedModel } from "../model-generator/fixture-models.js";
import { byteLevelAlphabet } from "./byte-level-alphabet.js";
import { createEncoderRegistry } from "./encoder-registry.js";
import { loadEncoder, type OnnxEncoder } from "./onnx-encoder.js";

const scratch = mkdtempSync(join(tmpdir(), "knowfuse-encoder-"));
let bert: OnnxEncoder;
let roberta: OnnxEncoder;
let bertDir: string;

beforeAll(async () => {
  bertDir = await ensureFixtureModel("tiny-bert");
  bert = await loadEncoder(bertDir, { threads: 1 });
  roberta = await loadEncoder(await ensureFixtureModel("tiny-roberta"), { threads: 1 });
});
afterAll(async () => {
  await bert.close();
  await roberta.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** BERT's normalisation of a slice of the original text (independent of the encoder's per-character map). */
const bertNormal = (s: string) =>
  s
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "");

/** Checks every piece's offsets against the text: the slice spells the piece. */
function expectOffsetsSpellPieces(
  encoder: "bert" | "roberta",
  text: string,
  pieces: string[],
  offsets: [number, number][],
  specials: ReadonlySet<string>,
): void {
  const [, charToByte] = byteLevelAlphabet();
  const decoder = new TextDecoder("utf-8", { fatal: true });
  pieces.forEach((piece, k) => {
    const [s, e] = offsets[k]!;
    if (specials.has(piece)) {
      expect([s, e]).toEqual([0, 0]);
      return;
    }
    expect(s).toBeLessThan(e);
    const slice = text.slice(s, e);
    if (encoder === "bert") {
      if (piece === "[UNK]") expect(slice.trim()).toBe(slice);
      else expect(bertNormal(slice), `${piece} @ ${s}`).toBe(piece.replace(/^##/, ""));
    } else {
      let decoded: string | undefined;
      try {
        decoded = decoder.decode(Uint8Array.from([...piece].map((c) => charToByte.get(c)!)));
      } catch {
        decoded = undefined; // part of a multi-byte character: the offsets cover that character
      }
      if (decoded === undefined) expect([...slice].length).toBe(1);
      else
        expect(slice, `${piece} @ ${s}`).toBe(
          decoded.trim() === "" ? decoded.slice(0, slice.length) : decoded.trimStart(),
        );
    }
  });
}

const TRICKY = [
  "The Café's  cats, naïve ☃ Élan RUNNING quickly!",
  "İstanbul 𝔘 e-mail: x@y.org (1999) — “quoted”\ttab\nnew line",
  "ÀÉÎÕÜ straße ﬁne 北京 ok",
];

describe("OnnxEncoder", () => {
  it("returns hidden states, the mask and offsets whose slices spell the pieces (capitals, accents, unknown symbols)", async () => {
    for (const [name, encoder, specials] of [
      ["bert", bert, new Set(["[CLS]", "[SEP]", "[PAD]"])],
      ["roberta", roberta, new Set(["<s>", "</s>", "<pad>"])],
    ] as const) {
      const batch = await encoder.encode(TRICKY);
      expect(batch.hidden.dims).toEqual([3, batch.sequenceLength, 32]);
      expect(batch.hiddenSize).toBe(32);
      expect(batch.textIndex).toEqual([0, 1, 2]);
      expect(batch.windowStart).toEqual([0, 0, 0]);
      TRICKY.forEach((text, r) => {
        expect(batch.pieces[r]).toHaveLength(batch.sequenceLength);
        expectOffsetsSpellPieces(name, text, batch.pieces[r]!, batch.offsets[r]!, specials);
      });
      expect(batch.hidden.data.every(Number.isFinite)).toBe(true);
    }
    const b = bert.tokenize(["☃ Élan"]);
    expect(b.pieces[0]!.slice(0, 3)).toEqual(["[CLS]", "[UNK]", "e"]);
    expect(b.offsets[0]!.slice(1, 3)).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it("gives the same states for a padded batch as for separate unpadded runs", async () => {
    const texts = ["a cat", "the person said that the group would make a location known", "run!"];
    for (const encoder of [bert, roberta]) {
      const together = await encoder.encode(texts);
      for (let r = 0; r < texts.length; r++) {
        const alone = await encoder.encode([texts[r]!]);
        const n = alone.sequenceLength;
        expect(
          together.attentionMask
            .slice(r * together.sequenceLength, r * together.sequenceLength + n)
            .every((m) => m === 1),
        ).toBe(true);
        const h = encoder.hiddenSize;
        const start = r * together.sequenceLength * h;
        let worst = 0;
        for (let i = 0; i < n * h; i++)
          worst = Math.max(worst, Math.abs(together.hidden.data[start + i]! - alone.hidden.data[i]!));
        expect(worst).toBeLessThan(1e-5);
      }
    }
  });

  it("encodes an empty text as just the special tokens", async () => {
    const batch = await bert.encode([""]);
    expect(batch.pieces).toEqual([["[CLS]", "[SEP]"]]);
    expect(batch.hidden.dims).toEqual([1, 2, 32]);
    expect((await roberta.encode([""])).pieces).toEqual([["<s>", "</s>"]]);
    expect((await bert.encode([])).batch).toBe(0);
  });

  it("refuses a text over the window unless truncation or windowing is asked for", async () => {
    const words = Array.from({ length: 150 }, (_, i) => `w${i}`).join(" ");
    const error = await bert.encode(["short", words]).catch((e: unknown) => e);
    expect(isKnowfuseError(error, "INPUT_TOO_LONG")).toBe(true);
    expect((error as { details: Record<string, unknown> }).details.textIndex).toBe(1);

    const cut = await bert.encode(["short", words], { truncation: true });
    expect(cut.sequenceLength).toBe(bert.maxLength);
    expect(cut.pieces[1]!.at(-1)).toBe("[SEP]");

    const full = bert.tokenize([words], { windowing: { stride: 0 } });
    const stride = 10;
    const windows = await bert.encode(["short", words], { windowing: { stride } });
    expect(windows.textIndex[0]).toBe(0);
    const rows = windows.textIndex.flatMap((t, r) => (t === 1 ? [r] : []));
    expect(rows.length).toBeGreaterThan(1);
    const textTokens = full.pieces.flatMap((p) => p.filter((x) => !["[CLS]", "[SEP]", "[PAD]"].includes(x)));
    const window = bert.maxLength - 2;
    rows.forEach((r, k) => {
      expect(windows.windowStart[r]).toBe(k * (window - stride));
      const inner = windows.pieces[r]!.filter((x) => !["[CLS]", "[SEP]", "[PAD]"].includes(x));
      expect(inner).toEqual(textTokens.slice(windows.windowStart[r], windows.windowStart[r]! + window));
    });
    const last = rows.at(-1)!;
    expect(windows.windowStart[last]! + window).toBeGreaterThanOrEqual(textTokens.length);

    const badStride = await bert.encode([words], { windowing: { stride: window } }).catch((e: unknown) => e);
    expect(isKnowfuseError(badStride, "INVALID_INPUT")).toBe(true);
    expect(String(badStride)).toMatch(/windowing\.stride/);
  });

  it("runs with a configurable thread count and refuses bad options", async () => {
    const two = await loadEncoder(bertDir, { threads: 2 });
    const a = await two.encode(["a cat"]);
    const b = await bert.encode(["a cat"]);
    expect(a.hidden.dims).toEqual(b.hidden.dims);
    expect(a.hidden.data.every((v, i) => Math.abs(v - b.hidden.data[i]!) < 1e-5)).toBe(true);
    await two.close();
    await two.close();
    await expect(two.encode(["x"])).rejects.toThrow(/closed/);
    const bad = await loadEncoder(bertDir, { threads: 0 }).catch((e: unknown) => e);
    expect(isKnowfuseError(bad, "INVALID_CONFIG")).toBe(true);
    expect(String(bad)).toMatch(/threads/);
  });
});

describe("encoder registry", () => {
  it("builds encoder.onnx.v1 by name or alias and validates its options", async () => {
    const registry = createEncoderRegistry();
    expect(registry.names()).toEqual(["encoder.onnx.v1"]);
    const encoder = await registry.create("onnx", { source: bertDir, threads: 1 });
    expect(encoder.hiddenSize).toBe(32);
    expect(encoder.maxLength).toBe(64);
    await encoder.close();
    await expect(registry.create("encoder.onnx.v1", { threads: 1 })).rejects.toThrow(/source/);
    await expect(registry.create("bert", { source: bertDir })).rejects.toThrow(/encoder\.onnx\.v1/);
  });
});

describe("loadEncoder errors", () => {
  const copy = (name: string) => {
    const dir = join(scratch, name);
    cpSync(bertDir, dir, { recursive: true });
    return dir;
  };

  it("names a missing directory or file", async () => {
    const missing = await loadEncoder(join(scratch, "nowhere")).catch((e: unknown) => e);
    expect(isKnowfuseError(missing, "MODEL_LOAD_FAILED")).toBe(true);
    expect(String(missing)).toContain("nowhere");
    for (const file of ["tokenizer.json", "tokenizer_config.json", "config.json", "onnx/model.onnx"]) {
      const dir = copy(`missing-${file.replace("/", "-")}`);
      rmSync(join(dir, file));
      const error = await loadEncoder(dir).catch((e: unknown) => e);
      expect(isKnowfuseError(error, "MODEL_LOAD_FAILED"), String(error)).toBe(true);
      expect(String(error)).toContain(file);
    }
  });

  it("names a corrupt file", async () => {
    const json = copy("corrupt-config");
    writeFileSync(join(json, "config.json"), "{ not json");
    await expect(loadEncoder(json)).rejects.toThrow(/config\.json is not valid JSON/);
    const field = copy("config-field");
    writeFileSync(join(field, "config.json"), JSON.stringify({ vocab_size: "many", hidden_size: 32 }));
    await expect(loadEncoder(field)).rejects.toThrow(/config\.json.*vocab_size/);
    const graph = copy("corrupt-graph");
    writeFileSync(join(graph, "onnx", "model.onnx"), Buffer.from("this is not an onnx model"));
    const error = await loadEncoder(graph).catch((e: unknown) => e);
    expect(isKnowfuseError(error, "MODEL_LOAD_FAILED")).toBe(true);
    expect(String(error)).toContain("model.onnx");
  });

  it("refuses a tokenizer whose ids exceed config.vocab_size or the embedding rows", async () => {
    const config = copy("small-config");
    const cfg = JSON.parse(readFileSync(join(config, "config.json"), "utf8")) as Record<string, unknown>;
    writeFileSync(join(config, "config.json"), JSON.stringify({ ...cfg, vocab_size: 1000 }));
    const a = await loadEncoder(config).catch((e: unknown) => e);
    expect(isKnowfuseError(a, "TOKENIZER_MISMATCH")).toBe(true);
    expect(String(a)).toMatch(/tokenizer\.json.*1999.*vocab_size 1000/);

    const small = await ensureGeneratedModel({ vocabSize: 500 }, join(scratch, "small-model"));
    const rows = copy("small-rows");
    cpSync(join(small, "onnx", "model.onnx"), join(rows, "onnx", "model.onnx"));
    const b = await loadEncoder(rows).catch((e: unknown) => e);
    expect(isKnowfuseError(b, "TOKENIZER_MISMATCH")).toBe(true);
    expect(String(b)).toMatch(/500 rows/);
  });

  it("fails fast with HUB_UNREACHABLE for a hub id when the hub cannot be reached", async () => {
    const error = await loadEncoder("knowfuse-test/no-such-model", {
      hubEndpoint: "http://127.0.0.1:9",
      hubTimeoutMs: 3000,
    }).catch((e: unknown) => e);
    expect(isKnowfuseError(error, "HUB_UNREACHABLE"), String(error)).toBe(true);
    expect(String(error)).toContain("knowfuse-test/no-such-model");
  });
});

describe("OnnxEncoder on real text (Senseval-2 sentences)", () => {
  it("matches transformers.js ids and gives offsets that spell every piece", async () => {
    const sentences: string[] = [];
    let words: string[] = [];
    const entities: Record<string, string> = {
      "&amp;": "&",
      "&lt;": "<",
      "&gt;": ">",
      "&quot;": '"',
      "&apos;": "'",
    };
    for await (const { text } of readLines(datasetPath("wsd", "senseval2.data.xml"))) {
      const m = /^<(?:wf|instance)[^>]*>(.*)<\/(?:wf|instance)>$/.exec(text.trim());
      if (m) words.push(m[1]!.replace(/&\w+;/g, (e) => entities[e] ?? e));
      else if (text.startsWith("</sentence>")) {
        sentences.push(words.join(" "));
        words = [];
        if (sentences.length >= 40) break;
      }
    }
    expect(sentences).toHaveLength(40);
    for (const [name, encoder, specials] of [
      ["bert", bert, new Set(["[CLS]", "[SEP]", "[PAD]"])],
      ["roberta", roberta, new Set(["<s>", "</s>", "<pad>"])],
    ] as const) {
      const reference = await AutoTokenizer.from_pretrained(encoder.directory, { local_files_only: true });
      const batch = await encoder.encode(sentences, { windowing: { stride: 8 } });
      expect(batch.hidden.data.every(Number.isFinite)).toBe(true);
      sentences.forEach((sentence, i) => {
        const rows = batch.textIndex.flatMap((t, r) => (t === i ? [r] : []));
        expect(rows.length).toBeGreaterThan(0);
        if (rows.length === 1) {
          const r = rows[0]!;
          const theirs = reference.encode(sentence);
          expect(
            Array.from(
              batch.inputIds.slice(r * batch.sequenceLength, r * batch.sequenceLength + theirs.length),
            ),
          ).toEqual(theirs);
        }
        for (const r of rows)
          expectOffsetsSpellPieces(name, sentence, batch.pieces[r]!, batch.offsets[r]!, specials);
      });
    }
  });
});
