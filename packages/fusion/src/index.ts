/**
 * @packageDocumentation
 * @knowfuse/fusion: the Transformer encoder (Hugging Face-layout ONNX models
 * with transformers.js tokenizers and character offsets), the deterministic
 * model generator, alignment, knowledge fusion layers and task heads.
 */
export const PACKAGE_NAME = "@knowfuse/fusion";

export { byteLevelAlphabet } from "./encoder/byte-level-alphabet.js";
export { type EncoderOptions, encoderOptionsSchema } from "./encoder/encoder-options.js";
export { fetchHubModel, type HubOptions, looksLikeHubId } from "./encoder/hub-model.js";
export {
  MODEL_DIRECTORY_FILES,
  type ModelConfig,
  type ModelDirectory,
  readModelDirectory,
  type TokenizerJson,
  tokenizerVocabularySize,
} from "./encoder/model-directory.js";
export { OffsetTokenizer, type TokenizedText } from "./encoder/offset-tokenizer.js";
export { loadEncoder, OnnxEncoder } from "./encoder/onnx-encoder.js";
export { buildBertGraph, ENCODER_GRAPH_NAMES, MASKED_SCORE_BIAS } from "./model-generator/bert-graph.js";
export { bertWeights, type NamedWeight } from "./model-generator/bert-weights.js";
export {
  BYTE_LEVEL_SPECIALS,
  type BytePairVocabulary,
  byteLevelBpeVocabulary,
} from "./model-generator/byte-level-bpe-vocabulary.js";
export { englishLexicon, type LexiconWord } from "./model-generator/english-lexicon.js";
export {
  ensureFixtureModel,
  ensureGeneratedModel,
  FIXTURE_MODELS,
  type FixtureModelName,
  fixtureModelPath,
} from "./model-generator/fixture-models.js";
export {
  GENERATOR_STAMP_FILE,
  type GeneratedModel,
  generateModel,
  MODEL_GENERATOR_VERSION,
  modelOptionsHash,
  readGeneratorStamp,
} from "./model-generator/generate-model.js";
export {
  type ModelGeneratorOptions,
  type ModelShape,
  modelGeneratorOptionsSchema,
  resolveModelShape,
} from "./model-generator/model-generator-options.js";
export { SeededRandom } from "./model-generator/seeded-random.js";
export {
  byteLevelBpeTokenizerFiles,
  type TokenizerFiles,
  wordPieceTokenizerFiles,
} from "./model-generator/tokenizer-files.js";
export { WORD_PIECE_SPECIALS, wordPieceVocabulary } from "./model-generator/word-piece-vocabulary.js";
