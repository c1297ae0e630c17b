import type { PreTrainedTokenizer } from "@huggingface/transformers";
import { ModelLoadError } from "@knowfuse/core";
import { byteLevelAlphabet } from "./byte-level-alphabet.js";
import type { TokenizerJson } from "./model-directory.js";

/** Word pieces of one text (no special tokens) with their character offsets. */
export interface TokenizedText {
  ids: number[];
  pieces: string[];
  /** `[start, end)` in UTF-16 code units of the original text. */
  offsets: [number, number][];
}

interface WordPieceRules {
  kind: "word-piece";
  lowercase: boolean;
  stripAccents: boolean;
  cleanText: boolean;
  chineseChars: boolean;
  prefix: string;
  unk: string | undefined;
}

type Rules = WordPieceRules | { kind: "byte-level" };

const CACHE_LIMIT = 50_000;

function isPunctuation(cp: number): boolean {
  if (
    (cp >= 33 && cp <= 47) ||
    (cp >= 58 && cp <= 64) ||
    (cp >= 91 && cp <= 96) ||
    (cp >= 123 && cp <= 126)
  ) {
    return true;
  }
  return /\p{P}/u.test(String.fromCodePoint(cp));
}

function isChinese(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b81f) ||
    (cp >= 0x2b820 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

const WHITESPACE = /^\s$/u;
const CONTROL = /^[\p{Cc}\p{Cf}]$/u;

function rulesOf(json: TokenizerJson, source: string): Rules {
  const pre = JSON.stringify(json.pre_tokenizer ?? null);
  if (json.model.type === "WordPiece") {
    const n = (json.normalizer ?? {}) as Record<string, unknown>;
    const bert = n.type === "BertNormalizer";
    const lowercase = bert ? n.lowercase !== false : false;
    return {
      kind: "word-piece",
      lowercase,
      stripAccents: bert ? (n.strip_accents ?? lowercase) === true : false,
      cleanText: bert ? n.clean_text !== false : false,
      chineseChars: bert ? n.handle_chinese_chars !== false : false,
      prefix:
        typeof json.model.continuing_subword_prefix === "string"
          ? json.model.continuing_subword_prefix
          : "##",
      unk: typeof json.model.unk_token === "string" ? json.model.unk_token : undefined,
    };
  }
  if (json.model.type === "BPE" && pre.includes('"ByteLevel"')) return { kind: "byte-level" };
  throw new ModelLoadError(
    `${source}: tokenizer model "${json.model.type}" is not supported for character offsets; supported: WordPiece (BERT family) and byte-level BPE (RoBERTa/GPT-2 family)`,
    { details: { file: source, field: "model.type", value: json.model.type } },
  );
}

/**
 * Wraps a transformers.js tokenizer (which gives no character offsets) and
 * derives each word piece's `[start, end)` offsets in the original text.
 * WordPiece: every character is normalised on its own (lower-casing and accent
 * stripping change the text) while remembering where it came from, the
 * normalised text is split into words as BertPreTokenizer does, and each word is
 * tokenised alone. Byte-level BPE: each whitespace-led chunk is tokenised alone
 * and piece bytes are mapped back to characters (leading spaces trimmed).
 */
export class OffsetTokenizer {
  readonly #tokenizer: PreTrainedTokenizer;
  readonly #rules: Rules;
  readonly #vocab: ReadonlyMap<string, number>;
  readonly #cache = new Map<string, { pieces: string[]; ids: number[] }>();
  /** Special ids put before the text (e.g. [CLS]). */
  readonly prefixIds: readonly number[];
  /** Special ids put after the text (e.g. [SEP]). */
  readonly suffixIds: readonly number[];
  /** The padding id. */
  readonly padId: number;
  /** id → token string. */
  readonly #pieceOf: ReadonlyMap<number, string>;

  constructor(tokenizer: PreTrainedTokenizer, json: TokenizerJson, source: string) {
    this.#tokenizer = tokenizer;
    this.#rules = rulesOf(json, source);
    this.#vocab = tokenizer.get_vocab();
    this.#pieceOf = new Map([...this.#vocab].map(([t, id]) => [id, t] as const));
    const probe = "a";
    const full = tokenizer.encode(probe);
    const bare = tokenizer.encode(probe, { add_special_tokens: false });
    let at = 0;
    search: for (; at + bare.length <= full.length; at++) {
      for (let j = 0; j < bare.length; j++) if (full[at + j] !== bare[j]) continue search;
      break;
    }
    this.prefixIds = full.slice(0, at);
    this.suffixIds = full.slice(at + bare.length);
    this.padId = tokenizer.pad_token_id ?? 0;
  }

  /** The token string of an id (for special and pad tokens). */
  pieceOf(id: number): string {
    return this.#pieceOf.get(id) ?? `<${id}>`;
  }

  #pieces(word: string): { pieces: string[]; ids: number[] } {
    let hit = this.#cache.get(word);
    if (!hit) {
      const pieces = this.#tokenizer.tokenize(word);
      const ids = pieces.map((p) => this.#vocab.get(p) ?? this.#tokenizer.unk_token_id ?? 0);
      hit = { pieces, ids };
      if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear();
      this.#cache.set(word, hit);
    }
    return hit;
  }

  /** Tokenises one text without special tokens, with character offsets per piece. */
  tokenize(text: string): TokenizedText {
    return this.#rules.kind === "word-piece" ? this.#wordPiece(text, this.#rules) : this.#byteLevel(text);
  }

  #wordPiece(text: string, rules: WordPieceRules): TokenizedText {
    // Normalise character by character, remembering each output unit's source span.
    let normal = "";
    const from: number[] = [];
    const to: number[] = [];
    const push = (s: string, start: number, end: number) => {
      normal += s;
      for (let k = 0; k < s.length; k++) {
        from.push(start);
        to.push(end);
      }
    };
    for (let i = 0; i < text.length; ) {
      const cp = text.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      const end = i + ch.length;
      if (rules.cleanText && (cp === 0 || cp === 0xfffd || (CONTROL.test(ch) && !WHITESPACE.test(ch)))) {
        i = end;
        continue;
      }
      if (WHITESPACE.test(ch)) push(" ", i, end);
      else if (rules.chineseChars && isChinese(cp)) push(` ${ch} `, i, end);
      else {
        let s = rules.lowercase ? ch.toLowerCase() : ch;
        if (rules.stripAccents) s = s.normalize("NFD").replace(/\p{Mn}/gu, "");
        push(s, i, end);
      }
      i = end;
    }
    const out: TokenizedText = { ids: [], pieces: [], offsets: [] };
    const emit = (start: number, end: number) => {
      if (end <= start) return;
      const word = normal.slice(start, end);
      const { pieces, ids } = this.#pieces(word);
      let pos = start;
      const lengths = pieces.map((p, k) =>
        k > 0 && p.startsWith(rules.prefix) ? p.length - rules.prefix.length : p.length,
      );
      const fits = pieces[0] !== rules.unk && lengths.reduce((a, b) => a + b, 0) === end - start;
      pieces.forEach((piece, k) => {
        out.pieces.push(piece);
        out.ids.push(ids[k]!);
        if (fits) {
          out.offsets.push([from[pos]!, to[pos + lengths[k]! - 1]!]);
          pos += lengths[k]!;
        } else out.offsets.push([from[start]!, to[end - 1]!]);
      });
    };
    let wordStart = -1;
    for (let i = 0; i < normal.length; ) {
      const cp = normal.codePointAt(i)!;
      const size = cp > 0xffff ? 2 : 1;
      if (WHITESPACE.test(String.fromCodePoint(cp))) {
        if (wordStart >= 0) emit(wordStart, i);
        wordStart = -1;
      } else if (isPunctuation(cp)) {
        if (wordStart >= 0) emit(wordStart, i);
        emit(i, i + size);
        wordStart = -1;
      } else if (wordStart < 0) wordStart = i;
      i += size;
    }
    if (wordStart >= 0) emit(wordStart, normal.length);
    return out;
  }

  #byteLevel(text: string): TokenizedText {
    const [, charToByte] = byteLevelAlphabet();
    const out: TokenizedText = { ids: [], pieces: [], offsets: [] };
    const chunk = (start: number, end: number) => {
      if (end <= start) return;
      const part = text.slice(start, end);
      // UTF-8 byte offset → code-unit index in `part`.
      const unitAtByte: number[] = [];
      for (let i = 0; i < part.length; ) {
        const cp = part.codePointAt(i)!;
        const units = cp > 0xffff ? 2 : 1;
        const bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        for (let b = 0; b < bytes; b++) unitAtByte.push(i);
        i += units;
      }
      unitAtByte.push(part.length);
      const unitEnd = (byte: number) => {
        // The end of the character that holds byte `byte - 1`.
        const unit = unitAtByte[byte - 1]!;
        return unit + ((part.codePointAt(unit) ?? 0) > 0xffff ? 2 : 1);
      };
      const { pieces, ids } = this.#pieces(part);
      let byte = 0;
      pieces.forEach((piece, k) => {
        let length = 0;
        for (const c of piece) length += charToByte.has(c) ? 1 : new TextEncoder().encode(c).length;
        let s = unitAtByte[byte] ?? part.length;
        const e = length > 0 ? unitEnd(byte + length) : s;
        byte += length;
        while (s < e - 1 && WHITESPACE.test(part[s]!)) s++;
        out.pieces.push(piece);
        out.ids.push(ids[k]!);
        out.offsets.push([start + s, start + e]);
      });
    };
    let start = 0;
    let inWord = false;
    for (let i = 0; i < text.length; i++) {
      const space = WHITESPACE.test(text[i]!);
      if (space && inWord) {
        chunk(start, i);
        start = i;
      }
      inWord = !space;
    }
    chunk(start, text.length);
    return out;
  }
}
