export { readEntityList } from "./entity-list-file.js";
export { KgeEmbeddings } from "./kge-embeddings.js";
export type { KgeModel, KgeScoring } from "./kge-model.js";
export { loadKgeModel, saveKgeModel } from "./kge-model-file.js";
export { createKgeModelRegistry, KGE_MODELS, resolveKgeModel } from "./kge-model-registry.js";
export { type KgeEpochRecord, KgeTrainer, type KgeTrainingResult } from "./kge-trainer.js";
export {
  type KgeTrainingOptions,
  type KgeTrainingOptionsInput,
  KgeTrainingOptionsSchema,
} from "./kge-training-options.js";
export { KgeVocabulary } from "./kge-vocabulary.js";
export {
  evaluateLinkPrediction,
  filteredRank,
  knownAnswers,
  type LinkPredictionOptions,
  type LinkPredictionResult,
  type RankingMetrics,
} from "./link-prediction.js";
export { complex } from "./models/complex.js";
export { distmult } from "./models/distmult.js";
export { rotate } from "./models/rotate.js";
export { transe } from "./models/transe.js";
export { buildNegativeSamplingGraph, type NegativeSamplingGraphOptions } from "./negative-sampling-graph.js";
export { buildOneVsAllGraph, type OneVsAllGraphOptions } from "./one-vs-all-graph.js";
export { putKgeEmbeddings } from "./put-kge-embeddings.js";
export type { KgeRegularizer } from "./regularize.js";
export { buildScoringGraph } from "./scoring-graph.js";
export type { TrainingGraphOptions } from "./training-graph.js";
export { type IndexedTriples, readTripleFile, sampleTriples, type TripleFileResult } from "./triple-file.js";
