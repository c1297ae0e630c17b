/**
 * @packageDocumentation
 * Entity linking against any knowfuse graph store: wink-nlp analysis,
 * longest-match mention detection over an alias trie compiled from the store,
 * candidates with priors, and disambiguation by learned weights over prior,
 * context, graph coherence (personalised PageRank) and optional encoder
 * similarity. Also the WSD evaluation readers and scorer.
 */
export { type AliasHit, type AliasRow, AliasTrie, splitPieces } from "./alias-index/alias-trie.js";
export { type LoadAliasIndexOptions, loadAliasIndex } from "./alias-index/load-alias-index.js";
export {
  type Analysis,
  type AnalyzedToken,
  Analyzer,
  type AnalyzerOptions,
  type EntitySpan,
  tokenForms,
} from "./analysis/analyzer.js";
export { type DetectedMention, type DetectOptions, detectMentions } from "./detection/detect-mentions.js";
export {
  type CandidateGraph,
  type CoherenceMention,
  type CoherenceMethod,
  type CoherenceSettings,
  type CoherenceSupport,
  candidateGraph,
  restartMass,
} from "./disambiguation/coherence-mention.js";
export {
  type ConditionalLogitOptions,
  candidateProbabilities,
  conditionalLogitLoss,
  flatCandidateProbabilities,
  type LogitGroup,
  trainConditionalLogit,
} from "./disambiguation/conditional-logit.js";
export { contentWords, isStopWord, stem, Vocabulary } from "./disambiguation/context-words.js";
export { cosine, EncoderSimilarity } from "./disambiguation/encoder-similarity.js";
export { type CoarsePos, coarsePos, entityPos } from "./disambiguation/entity-pos.js";
export {
  DEFAULT_WEIGHTS,
  evidenceOf,
  FEATURE_INDEX,
  FEATURE_NAMES,
  type FeatureName,
  FeatureWeightsSchema,
  weightRecord,
  weightVector,
} from "./disambiguation/features.js";
export {
  type EntityKnowledge,
  KnowledgeCache,
  type KnowledgeCacheOptions,
} from "./disambiguation/knowledge-cache.js";
export {
  KnowledgeSnapshot,
  type KnowledgeSnapshotBuildOptions,
  type KnowledgeSnapshotTables,
  type SnapshotEntity,
} from "./disambiguation/knowledge-snapshot.js";
export {
  decodeKnowledgeSnapshot,
  encodeKnowledgeSnapshot,
} from "./disambiguation/knowledge-snapshot-file.js";
export {
  type LoadKnowledgeSnapshotOptions,
  loadKnowledgeSnapshot,
} from "./disambiguation/load-knowledge-snapshot.js";
export { NodeScratch } from "./disambiguation/node-scratch.js";
export { pageRankCoherence } from "./disambiguation/pagerank-coherence.js";
export {
  type PageRankOptions,
  personalizedPageRank,
  type SparseGraph,
  sparseGraph,
  sparseGraphFromLists,
} from "./disambiguation/personalized-page-rank.js";
export { personalizedPageRankBatch } from "./disambiguation/personalized-page-rank-batch.js";
export { twoStepCoherence } from "./disambiguation/two-step-coherence.js";
export { WordWindow } from "./disambiguation/word-window.js";
export {
  type FeaturizedMention,
  GraphLinker,
  type LinkInput,
  type ScoredCandidate,
  type TargetMention,
} from "./graph-linker.js";
export { guardStore } from "./guard-store.js";
export {
  type GraphLinkerOptions,
  type GraphLinkerOptionsInput,
  GraphLinkerOptionsSchema,
} from "./linker-options.js";
export { createLinkerRegistry } from "./linker-registry.js";
export {
  answerWsd,
  evaluateWsd,
  type FeaturizedWsd,
  featurizeWsd,
  goldIndices,
  trainWsd,
} from "./wsd/evaluate-wsd.js";
export { readGoldKeys } from "./wsd/read-gold-keys.js";
export { readWsdCorpus, type WsdSentence, type WsdText, type WsdWord } from "./wsd/read-wsd-corpus.js";
export { scoreWsd, type WsdScore } from "./wsd/score-wsd.js";
export { type WsdLinkInput, wsdLinkInputs } from "./wsd/wsd-link-inputs.js";
