import { BYTE_LEVEL_SPECIALS, type BytePairVocabulary } from "./byte-level-bpe-vocabulary.js";
import { WORD_PIECE_SPECIALS } from "./word-piece-vocabulary.js";

/** The two JSON files of a Hugging Face tokenizer. */
export interface TokenizerFiles {
  /** `tokenizer.json` (Hugging Face tokenizers format). */
  tokenizer: Record<string, unknown>;
  /** `tokenizer_config.json`. */
  config: Record<string, unknown>;
}

function addedTokens(specials: readonly string[]): Record<string, unknown>[] {
  return specials.map((content, id) => ({
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  }));
}

function template(first: string, last: string, ids: ReadonlyMap<string, number>): Record<string, unknown> {
  const special = (id: string, typeId = 0) => ({ SpecialToken: { id, type_id: typeId } });
  const sequence = (id: string, typeId = 0) => ({ Sequence: { id, type_id: typeId } });
  return {
    type: "TemplateProcessing",
    single: [special(first), sequence("A"), special(last)],
    pair: [special(first), sequence("A"), special(last), sequence("B", 1), special(last, 1)],
    special_tokens: Object.fromEntries(
      [first, last].map((t) => [t, { id: t, ids: [ids.get(t)!], tokens: [t] }]),
    ),
  };
}

/**
 * A BERT WordPiece tokenizer (BertNormalizer with lower-casing and accent
 * stripping, BertPreTokenizer, WordPiece with `##` continuation, `[CLS] $A [SEP]`).
 */
export function wordPieceTokenizerFiles(vocab: readonly string[], maxLength: number): TokenizerFiles {
  const ids = new Map(vocab.map((t, i) => [t, i] as const));
  return {
    tokenizer: {
      version: "1.0",
      truncation: null,
      padding: null,
      added_tokens: addedTokens(WORD_PIECE_SPECIALS),
      normalizer: {
        type: "BertNormalizer",
        clean_text: true,
        handle_chinese_chars: true,
        strip_accents: null,
        lowercase: true,
      },
      pre_tokenizer: { type: "BertPreTokenizer" },
      post_processor: template("[CLS]", "[SEP]", ids),
      decoder: { type: "WordPiece", prefix: "##", cleanup: true },
      model: {
        type: "WordPiece",
        unk_token: "[UNK]",
        continuing_subword_prefix: "##",
        max_input_chars_per_word: 100,
        vocab: Object.fromEntries(ids),
      },
    },
    config: {
      tokenizer_class: "BertTokenizer",
      do_lower_case: true,
      strip_accents: null,
      tokenize_chinese_chars: true,
      model_max_length: maxLength,
      pad_token: "[PAD]",
      unk_token: "[UNK]",
      cls_token: "[CLS]",
      sep_token: "[SEP]",
      mask_token: "[MASK]",
      clean_up_tokenization_spaces: true,
    },
  };
}

/**
 * A RoBERTa-style byte-level BPE tokenizer (no normaliser, ByteLevel
 * pre-tokenizer without prefix space, `<s> $A </s>`).
 */
export function byteLevelBpeTokenizerFiles(bpe: BytePairVocabulary, maxLength: number): TokenizerFiles {
  const ids = new Map(bpe.vocab.map((t, i) => [t, i] as const));
  const byteLevel = { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true };
  return {
    tokenizer: {
      version: "1.0",
      truncation: null,
      padding: null,
      added_tokens: addedTokens(BYTE_LEVEL_SPECIALS),
      normalizer: null,
      pre_tokenizer: byteLevel,
      post_processor: template("<s>", "</s>", ids),
      decoder: byteLevel,
      model: {
        type: "BPE",
        dropout: null,
        unk_token: null,
        continuing_subword_prefix: "",
        end_of_word_suffix: "",
        fuse_unk: false,
        byte_fallback: false,
        ignore_merges: false,
        vocab: Object.fromEntries(ids),
        merges: bpe.merges.map(([a, b]) => `${a} ${b}`),
      },
    },
    config: {
      tokenizer_class: "RobertaTokenizer",
      add_prefix_space: false,
      model_max_length: maxLength,
      bos_token: "<s>",
      eos_token: "</s>",
      sep_token: "</s>",
      cls_token: "<s>",
      unk_token: "<unk>",
      pad_token: "<pad>",
      mask_token: "<mask>",
      clean_up_tokenization_spaces: false,
    },
  };
}
