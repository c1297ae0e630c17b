/**
 * @packageDocumentation
 * @knowfuse/fusion: the Transformer encoder (Hugging Face-layout ONNX models
 * with transformers.js tokenizers and character offsets), the deterministic
 * model generator, alignment, knowledge fusion layers and task heads.
 */
export const PACKAGE_NAME = "@knowfuse/fusion";

export { type AlignedSpan, type Alignment, alignLinks } from "./alignment/align-links.js";
export { byteLevelAlphabet } from "./encoder/byte-level-alphabet.js";
export { type EncoderOptions, encoderOptionsSchema } from "./encoder/encoder-options.js";
export {
  createEncoderRegistry,
  onnxEncoderEntryOptionsSchema,
  registerEncoders,
} from "./encoder/encoder-registry.js";
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
export {
  createEnrichedEncoder,
  type EnrichedEncoder,
  type EnrichedEncoderOptions,
  type PreparedBatch,
} from "./enriched-encoder/enriched-encoder.js";
export {
  computeHypernymFeatures,
  ensureHypernymFeatureSpace,
  HYPERNYM_FEATURES_MODEL,
  type HypernymFeatureOptions,
  hypernymFeatureOptionsSchema,
} from "./entity-features/hypernym-features.js";
export {
  type ConcatFusionOptions,
  concatFusionOptionsSchema,
  createConcatFusion,
} from "./fusion-methods/concat-fusion.js";
export {
  createErnieFusion,
  type ErnieFusionOptions,
  ernieFusionOptionsSchema,
} from "./fusion-methods/ernie-fusion.js";
export type {
  FusionGraphInputs,
  FusionInputName,
  FusionLayer,
  FusionTrainForward,
  ParamRef,
} from "./fusion-methods/fusion-layer.js";
export {
  createKarFusion,
  type KarFusionOptions,
  karFusionOptionsSchema,
} from "./fusion-methods/kar-fusion.js";
export {
  createNoneFusion,
  type NoneFusionOptions,
  noneFusionOptionsSchema,
} from "./fusion-methods/none-fusion.js";
export { buildFusionGraph, OnnxFusionMethod } from "./fusion-methods/onnx-fusion-method.js";
export {
  declareFusionInputs,
  type FusionPackStats,
  type PackedFusionInput,
  packFusionInput,
} from "./fusion-methods/pack-fusion-input.js";
export {
  createFusionMethod,
  createFusionRegistry,
  registerFusionMethods,
} from "./fusion-methods/register-fusion-methods.js";
export { LayerSplitRunner } from "./graph-split/layer-split-runner.js";
export { type GraphSplit, splitGraph } from "./graph-split/split-graph.js";
export { type LabelledTarget, poolingMatrix } from "./heads/pooling-matrix.js";
export {
  createTaskHead,
  type HeadKind,
  headKindSchema,
  type TaskHead,
  type TaskHeadOptions,
  taskHeadOptionsSchema,
} from "./heads/task-head.js";
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
export {
  byteLevelBpeTokenizerFiles,
  type TokenizerFiles,
  wordPieceTokenizerFiles,
} from "./model-generator/tokenizer-files.js";
export { WORD_PIECE_SPECIALS, wordPieceVocabulary } from "./model-generator/word-piece-vocabulary.js";
export {
  decodeSafetensors,
  encodeSafetensors,
  readSafetensors,
  type SafetensorsContent,
  writeSafetensors,
} from "./safetensors/safetensors.js";
export { ADAPTER_FILES, type Adapter, loadAdapter, saveAdapter } from "./training/adapter-io.js";
export { buildTrainingGraph, gradName } from "./training/build-training-graph.js";
export {
  buildTaskBatches,
  classificationScores,
  type TaskBatches,
  type TaskExample,
} from "./training/task-examples.js";
export {
  accuracy,
  type EpochRecord,
  predictBatches,
  type TrainAdapterOptions,
  type TrainAdapterResult,
  trainAdapter,
} from "./training/train-adapter.js";
export { makeTrainingBatch, type TrainingBatch } from "./training/training-batch.js";
