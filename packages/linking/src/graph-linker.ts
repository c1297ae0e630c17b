import {
  type Document,
  type Encoder,
  type Link,
  type LinkedDocument,
  type Linker,
  normalizeSurface,
  parseWith,
} from "@knowfuse/core";
import { type AliasHit, AliasTrie, nodeListKey } from "./alias-index/alias-trie.js";
import { loadAliasIndex } from "./alias-index/load-alias-index.js";
import { loadWordRarity } from "./alias-index/load-word-rarity.js";
import { type Analysis, Analyzer } from "./analysis/analyzer.js";
import { LexemeSlots } from "./analysis/lexeme-slots.js";
import { type DetectedMention, detectMentions } from "./detection/detect-mentions.js";
import {
  type CandidateGraph,
  type CoherenceMention,
  type CoherenceMethod,
  candidateGraph,
  restartMass,
} from "./disambiguation/coherence-mention.js";
import {
  flatCandidateProbabilities,
  flatCandidateProbabilitiesInto,
  type LogitGroup,
  trainConditionalLogit,
} from "./disambiguation/conditional-logit.js";
import { isStopWord, stem, Vocabulary } from "./disambiguation/context-words.js";
import { contiguousArrays } from "./disambiguation/contiguous-arrays.js";
import { cosine, EncoderSimilarity } from "./disambiguation/encoder-similarity.js";
import { type CoarsePos, coarsePos } from "./disambiguation/entity-pos.js";
import { type EvidenceRecordBuilder, evidenceRecordBuilder } from "./disambiguation/evidence-record.js";
import {
  DEFAULT_WEIGHTS,
  evidenceOf,
  FEATURE_INDEX as F,
  FEATURE_NAMES,
  type FeatureName,
  weightRecord,
  weightVector,
} from "./disambiguation/features.js";
import { type EntityKnowledge, KnowledgeCache } from "./disambiguation/knowledge-cache.js";
import type { KnowledgeSnapshot } from "./disambiguation/knowledge-snapshot.js";
import { loadKnowledgeSnapshot } from "./disambiguation/load-knowledge-snapshot.js";
import { NodeScratch } from "./disambiguation/node-scratch.js";
import { pageRankCoherence } from "./disambiguation/pagerank-coherence.js";
import { twoStepCoherence } from "./disambiguation/two-step-coherence.js";
import { WordWindow } from "./disambiguation/word-window.js";
import {
  type GraphLinkerOptions,
  type GraphLinkerOptionsInput,
  GraphLinkerOptionsSchema,
} from "./linker-options.js";

/** A mention to resolve as given (not detected): its token range, lookup key and POS, e.g. a WSD instance. */
export interface TargetMention {
  first: number;
  last: number;
  /** The form looked up in the alias index (normalised here). */
  key: string;
  /** Universal POS ("NOUN", "VERB", ...) or a WordNet letter. */
  pos?: string;
}

/** A document already analysed, optionally with the mentions to resolve. */
export interface LinkInput {
  document: Document;
  analysis: Analysis;
  /** Resolve exactly these mentions instead of detecting them. */
  targets?: readonly TargetMention[];
}

/** One candidate of a featurised mention. */
export interface ScoredCandidate {
  entityId: string;
  label: string;
  /** Prior renormalised over the mention's candidates. */
  prior: number;
  /** The alias that matched and its key (e.g. a WordNet sense key). */
  hit: AliasHit;
  /** What the linker knows about the entity (label, description, neighbourhood). */
  knowledge: EntityKnowledge;
}

/** A mention with its candidates and their features, before scoring. */
export interface FeaturizedMention {
  mention: DetectedMention;
  /** The candidates (shared between mentions with the same hits: do not modify). */
  candidates: readonly ScoredCandidate[];
  /** Feature rows of the candidates, row-major: candidate `j`'s feature `k` is at `j * FEATURE_NAMES.length + k`. */
  features: number[];
}

const CONTENT_POS = new Set(["NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM", "X"]);
const NUM_FEATURES = FEATURE_NAMES.length;

/** The coherence methods by option value. */
const COHERENCE_METHODS: Record<GraphLinkerOptions["coherenceMethod"], CoherenceMethod> = {
  "two-step": twoStepCoherence,
  pagerank: pageRankCoherence,
};
/** Per feature: 0 prior, 1 context, 2 coherence, 3 encoder (the evidence it counts towards). */
const EVIDENCE_SLOT = FEATURE_NAMES.map((n) =>
  ["prior", "context", "coherence", "encoder"].indexOf(evidenceOf(n)),
);

/**
 * Sorts a link's few candidates by score, highest first, keeping ties in order
 * (an insertion sort: for ten items it beats the general sort's set-up cost).
 */
function sortByScore<T extends { score: number }>(items: T[]): T[] {
  for (let i = 1; i < items.length; i++) {
    const item = items[i]!;
    let j = i - 1;
    while (j >= 0 && items[j]!.score < item.score) {
      items[j + 1] = items[j]!;
      j--;
    }
    items[j + 1] = item;
  }
  return items;
}

/** The index of the largest of the first `count` values (the first of equals), -1 when there is none. */
function argMax(values: ArrayLike<number>, count = values.length): number {
  let best = -1;
  for (let i = 0; i < count; i++) if (best < 0 || values[i]! > values[best]!) best = i;
  return best;
}

/** A mention's ranked candidates with their description and neighbour words packed side by side. */
interface RankedCandidates {
  candidates: ScoredCandidate[];
  /** Candidate `j`'s description words are `words[bounds[2j]..bounds[2j+1])`, its neighbours' words follow up to `bounds[2j+2]`. */
  words: Int32Array;
  bounds: Int32Array;
  /** Feature rows with the prior features filled (copied into a document's buffer for each mention). */
  priorFeatures: Float64Array;
  /** The candidates as coherence sees them (graph nodes, restart masses, packed neighbours). */
  graph: CandidateGraph;
  /** What a link shows of each candidate, in flat arrays (read for every link without visiting candidate objects). */
  entityIds: string[];
  aliases: string[];
  priors: number[];
}

/**
 * One document's mentions with their memoised candidates and every feature
 * row in one buffer: mention `i`'s candidate `j` has feature `k` at
 * `features[offsets[i] + j * FEATURE_NAMES.length + k]`. The buffer is the
 * linker's scratch, valid until the next document is featurised.
 */
interface DocumentFeatures {
  mentions: DetectedMention[];
  ranked: RankedCandidates[];
  offsets: number[];
  features: Float64Array;
}

/** Packs the candidates' word bags into one array (read together, in order, for every mention that has them). */
function packWords(candidates: ScoredCandidate[], priorFeatures: Float64Array): RankedCandidates {
  let size = 0;
  for (const c of candidates) size += c.knowledge.descriptionWords.length + c.knowledge.neighbourWords.length;
  const words = new Int32Array(size);
  const bounds = new Int32Array(2 * candidates.length + 1);
  let at = 0;
  candidates.forEach((c, j) => {
    bounds[2 * j] = at;
    words.set(c.knowledge.descriptionWords, at);
    at += c.knowledge.descriptionWords.length;
    bounds[2 * j + 1] = at;
    words.set(c.knowledge.neighbourWords, at);
    at += c.knowledge.neighbourWords.length;
  });
  bounds[2 * candidates.length] = at;
  const n = candidates.length;
  const nodeBounds = new Int32Array(n + 1);
  candidates.forEach((c, j) => {
    nodeBounds[j + 1] = nodeBounds[j]! + c.knowledge.neighbourNodes.length;
  });
  const neighbours = new Int32Array(nodeBounds[n]!);
  candidates.forEach((c, j) => {
    neighbours.set(c.knowledge.neighbourNodes, nodeBounds[j]!);
  });
  const graph = candidateGraph(
    Int32Array.from(candidates, (c) => c.knowledge.node),
    Float64Array.from(candidates, (c) => restartMass(c.prior, n)),
    neighbours,
    nodeBounds,
  );
  // Every phase of a document reads a mention's arrays one after the other
  // (right after wink has filled the caches with its own data): kept side by
  // side, they cost a few reads from memory rather than one each.
  const packed = contiguousArrays({
    words,
    bounds,
    priorFeatures,
    nodes: graph.nodes,
    restart: graph.restart,
    neighbours: graph.neighbours,
    graphBounds: graph.bounds,
    ownStep: graph.ownStep,
    ownTouches: graph.ownTouches,
    ownStepToNode: graph.ownStepToNode,
  });
  return {
    candidates,
    words: packed.words,
    bounds: packed.bounds,
    priorFeatures: packed.priorFeatures,
    graph: {
      nodes: packed.nodes,
      restart: packed.restart,
      neighbours: packed.neighbours,
      bounds: packed.graphBounds,
      ownStep: packed.ownStep,
      ownTouches: packed.ownTouches,
      ownStepToNode: packed.ownStepToNode,
    },
    entityIds: candidates.map((c) => c.entityId),
    aliases: candidates.map((c) => c.hit.normalized),
    priors: candidates.map((c) => c.prior),
  };
}

/** The ranked candidates of a mention without hits (a NIL entity span), shared. */
const NO_CANDIDATES = packWords([], new Float64Array(0));

/**
 * The graph linker ("linker.graph.v1"): wink-nlp analysis, longest-match
 * mention detection over the store's alias trie, candidates with priors, and
 * disambiguation by a conditional logit over prior, context overlap (description
 * and neighbours), graph coherence (a random walk from the other mentions'
 * candidates over their neighbourhoods: two steps by default, or personalised
 * PageRank) and, with a pretrained encoder, description similarity.
 * Works with any {@link KnowledgeGraph}.
 *
 * @example
 * ```ts
 * const linker = await GraphLinker.open({ store: kg });
 * const [doc] = await linker.link([{ id: "1", text: "The pet store sold a dog." }]);
 * for (const l of doc.links) console.log(l.mention.surface, l.entityId, l.score, l.evidence);
 * ```
 */
export class GraphLinker implements Linker {
  /** Registered name. */
  readonly kind = "linker.graph.v1";
  readonly #options: GraphLinkerOptions;
  readonly #trie: AliasTrie;
  readonly #analyzer: Analyzer;
  readonly #vocabulary = new Vocabulary();
  readonly #knowledge: KnowledgeCache;
  readonly #encoder: EncoderSimilarity | undefined;
  #weights: Float64Array;
  #closed = false;
  readonly #coherenceScratch = new NodeScratch();

  /** Ranked candidates (prior features filled) by POS and trie nodes of the hits; valid for the store's life. */
  readonly #candidateMemo = new Map<string | number, RankedCandidates>();
  /** {@link KnowledgeCache.evictions} when the memo was last known to be consistent with the cache. */
  #memoEvictions = 0;
  /** Context-word id by lemma (-1: not a content word). */
  readonly #lemmaWords = new Map<string, number>();
  /** The same by lexeme id (see {@link Analysis.lexemes}): an array read instead of hashing the lemma. */
  readonly #lexemeWords = new LexemeSlots<number>();
  readonly #window = new WordWindow();
  /** Scratch: a mention's own context words. */
  #ownWords = new Int32Array(16);
  /** Scratch: the two overlaps of one bag with the window (see {@link WordWindow.overlap}). */
  readonly #overlap = new Float64Array(2);
  /** Scratch for a document's feature rows (see {@link DocumentFeatures}). */
  #featureBuffer = new Float64Array(4096);
  /** Scratch for one link's candidate probabilities. */
  #probabilities = new Float64Array(16);
  /** Builds a link's evidence record with the kinds of evidence this linker computes. */
  readonly #evidence: EvidenceRecordBuilder;

  private constructor(options: GraphLinkerOptions, trie: AliasTrie, snapshot: KnowledgeSnapshot | undefined) {
    this.#options = options;
    this.#trie = trie;
    this.#analyzer = new Analyzer({ windowChars: options.windowChars });
    this.#knowledge = new KnowledgeCache(options.store, this.#vocabulary, {
      edgesPerEntity: options.edgesPerEntity,
      ...(snapshot ? { snapshot } : {}),
    });
    this.#encoder = options.encoder ? new EncoderSimilarity(options.encoder as Encoder) : undefined;
    this.#weights = weightVector(options.weights ?? DEFAULT_WEIGHTS);
    this.#evidence = evidenceRecordBuilder({
      context: options.context,
      coherence: options.coherence,
      encoder: this.#encoder !== undefined,
    });
  }

  /**
   * Validates options, compiles (or loads the cached) alias index and
   * knowledge snapshot and returns a ready linker.
   */
  static async open(options: GraphLinkerOptionsInput): Promise<GraphLinker> {
    const parsed = parseWith(GraphLinkerOptionsSchema, options, "linker.graph.v1 options", "INVALID_CONFIG");
    const loadOptions = {
      ...(parsed.cacheDir === undefined ? {} : { cacheDir: parsed.cacheDir }),
      ...(parsed.onProgress ? { onProgress: parsed.onProgress } : {}),
    };
    const trie = await loadAliasIndex(parsed.store, loadOptions);
    const snapshot = parsed.knowledgeSnapshot
      ? await loadKnowledgeSnapshot(parsed.store, {
          ...loadOptions,
          edgesPerEntity: parsed.edgesPerEntity,
          maxEntities: parsed.knowledgeSnapshotMaxEntities,
        })
      : undefined;
    const linker = new GraphLinker(parsed, trie, snapshot);
    if (parsed.rarity) {
      // A snapshot already holds every entity's words: no second pass over the store.
      const { df, documents } =
        snapshot && snapshot.size > 0
          ? snapshot.wordRarity()
          : await loadWordRarity(parsed.store, loadOptions);
      linker.#vocabulary.setRarity(df, documents);
    }
    return linker;
  }

  /** The compiled alias index. */
  get aliases(): AliasTrie {
    return this.#trie;
  }

  /** The analyser used by {@link GraphLinker.link}. */
  get analyzer(): Analyzer {
    return this.#analyzer;
  }

  /** The current feature weights by name. */
  get weights(): Record<FeatureName, number> {
    return weightRecord(this.#weights);
  }

  /** Replaces the feature weights (missing names count 0). */
  setWeights(weights: Partial<Record<string, number>>): void {
    this.#weights = weightVector(weights);
  }

  /**
   * Learns the feature weights from mentions whose right candidate is known
   * (`gold[i]` is the index into `mentions[i].candidates`, or -1 to skip), sets and returns them.
   */
  learnWeights(
    mentions: readonly FeaturizedMention[],
    gold: readonly number[],
    options: { l2?: number; iterations?: number; features?: readonly FeatureName[] } = {},
  ): Record<FeatureName, number> {
    const mask = FEATURE_NAMES.map((n) => (options.features ? options.features.includes(n) : true));
    const groups: LogitGroup[] = [];
    mentions.forEach((m, i) => {
      const g = gold[i] ?? -1;
      if (g < 0 || m.candidates.length < 2) return;
      groups.push({
        features: m.candidates.map((_, j) =>
          Float64Array.from(m.features.slice(j * NUM_FEATURES, (j + 1) * NUM_FEATURES), (v, k) =>
            mask[k] ? v : 0,
          ),
        ),
        gold: g,
      });
    });
    const trainOptions = {
      ...(options.l2 === undefined ? {} : { l2: options.l2 }),
      ...(options.iterations === undefined ? {} : { iterations: options.iterations }),
    };
    this.#weights = trainConditionalLogit(groups, NUM_FEATURES, trainOptions);
    return this.weights;
  }

  /** Analyses, detects, generates candidates and disambiguates; results in input order. */
  async link(documents: readonly Document[]): Promise<LinkedDocument[]> {
    const inputs = documents.map((document) => ({
      document,
      analysis: this.#analyzer.analyze(typeof document.text === "string" ? document.text : ""),
    }));
    return this.linkAnalyzed(inputs);
  }

  /**
   * Links documents that are already analysed (and optionally come with their
   * mentions). The output's tokens are the analyses' own token objects.
   */
  async linkAnalyzed(inputs: readonly LinkInput[]): Promise<LinkedDocument[]> {
    // Each document's links are made as soon as its features are: the feature
    // buffer is reused for the next document.
    return this.#featurize(inputs, (input, doc) => ({
      document: input.document,
      tokens: input.analysis.tokens,
      links: doc.mentions.map((_, i) => this.#toLink(input.analysis, doc, i)),
    }));
  }

  /** Chooses among a featurised mention's candidates: the index of the best and every probability. */
  choose(mention: FeaturizedMention): { best: number; probabilities: number[] } {
    const probabilities = flatCandidateProbabilities(this.#weights, mention.features);
    return { best: argMax(probabilities), probabilities };
  }

  /** The link of mention `i` of a featurised document. */
  #toLink(analysis: Analysis, doc: DocumentFeatures, i: number): Link {
    const m = doc.mentions[i]!;
    const r = doc.ranked[i]!;
    const first = analysis.tokens[m.first]!;
    const last = analysis.tokens[m.last]!;
    const start = first.start;
    const end = last.end;
    // A one-token mention's surface is its token's text (already a string of its own, no copy).
    const surface = m.first === m.last && first.text !== "" ? first.text : analysis.text.slice(start, end);
    const tokenRange: [number, number] = [m.first, m.last];
    // Each shape is one literal (see the evidence below).
    const mention: Link["mention"] =
      m.pos === undefined
        ? { start, end, surface, key: m.key, tokenRange }
        : m.entityType === undefined
          ? { start, end, surface, key: m.key, tokenRange, pos: m.pos }
          : { start, end, surface, key: m.key, tokenRange, pos: m.pos, entityType: m.entityType };
    const n = r.candidates.length;
    if (this.#probabilities.length < n) this.#probabilities = new Float64Array(2 * n);
    const probabilities = this.#probabilities;
    const offset = doc.offsets[i]!;
    const count = flatCandidateProbabilitiesInto(this.#weights, doc.features, probabilities, offset, n);
    const best = argMax(probabilities, count);
    const candidates: Link["candidates"] = new Array(count);
    for (let i = 0; i < candidates.length; i++)
      candidates[i] = {
        entityId: r.entityIds[i]!,
        prior: r.priors[i]!,
        score: probabilities[i]!,
        alias: r.aliases[i]!,
      };
    sortByScore(candidates);
    const chosen = best >= 0 ? r.candidates[best] : undefined;
    const probability = chosen ? probabilities[best]! : 0;
    if (!chosen || probability < this.#options.threshold) {
      const evidence: Record<string, number> = chosen ? { probability } : {};
      return { mention, entityId: null, score: probability, evidence, candidates };
    }
    // Each kind of evidence's share of the chosen candidate's score.
    let prior = 0;
    let context = 0;
    let coherence = 0;
    let encoder = 0;
    const row = offset + best * NUM_FEATURES;
    for (let k = 0; k < NUM_FEATURES; k++) {
      const part = this.#weights[k]! * doc.features[row + k]!;
      const slot = EVIDENCE_SLOT[k];
      if (slot === 0) prior += part;
      else if (slot === 1) context += part;
      else if (slot === 2) coherence += part;
      else encoder += part;
    }
    const evidence = this.#evidence(probability, chosen.prior, prior, context, coherence, encoder);
    return {
      mention,
      entityId: chosen.entityId,
      label: chosen.label,
      score: probability,
      evidence,
      candidates,
    };
  }

  /** Detects (or takes) mentions, fetches candidate knowledge and computes every feature. */
  async featurize(inputs: readonly LinkInput[]): Promise<FeaturizedMention[][]> {
    return this.#featurize(inputs, (_, doc) =>
      doc.mentions.map((mention, i) => {
        const candidates = doc.ranked[i]!.candidates;
        const from = doc.offsets[i]!;
        const features = Array.from(doc.features.subarray(from, from + candidates.length * NUM_FEATURES));
        return { mention, candidates, features };
      }),
    );
  }

  /**
   * {@link GraphLinker.featurize}, handing each document's features to `each`
   * as soon as they are ready (its buffer is reused for the next document).
   */
  async #featurize<T>(
    inputs: readonly LinkInput[],
    each: (input: LinkInput, doc: DocumentFeatures) => T,
  ): Promise<T[]> {
    const detected = inputs.map((input) =>
      input.targets
        ? input.targets.map((t) => this.#target(t))
        : detectMentions(input.analysis, this.#trie, { maxTokens: this.#options.maxMentionTokens }),
    );
    // Knowledge is needed only for mentions whose candidates are not memoised
    // yet; when the knowledge cache had to evict, the memo starts over.
    if (this.#candidateMemo.size >= 100_000 || this.#knowledge.evictions !== this.#memoEvictions)
      this.#candidateMemo.clear();
    const keys = detected.map((doc) => doc.map((m) => this.#memoKey(m)));
    // The memoised candidates of each mention, where there are some.
    let memoised = keys.map((doc) =>
      doc.map((k) => (k === undefined ? undefined : this.#candidateMemo.get(k))),
    );
    let ids = new Set<string>();
    detected.forEach((doc, d) => {
      doc.forEach((m, i) => {
        if (memoised[d]![i]) return;
        for (const h of m.hits) ids.add(h.entityId);
      });
    });
    if (ids.size > 0) await this.#knowledge.ensure(ids);
    if (this.#knowledge.evictions !== this.#memoEvictions) {
      this.#candidateMemo.clear();
      memoised = keys.map((doc) => doc.map(() => undefined));
      ids = new Set<string>();
      for (const doc of detected) for (const m of doc) for (const h of m.hits) ids.add(h.entityId);
      await this.#knowledge.ensure(ids);
      this.#memoEvictions = this.#knowledge.evictions;
    }
    const out: T[] = [];
    for (let d = 0; d < inputs.length; d++) {
      const mentions = detected[d]!;
      const ranked = mentions.map((m, i) => memoised[d]![i] ?? this.#ranked(m, keys[d]![i]));
      const doc = this.#startFeatures(mentions, ranked);
      const analysis = inputs[d]!.analysis;
      const sentenceOf = this.#sentenceOf(analysis);
      if (this.#options.context) this.#contextFeatures(analysis, sentenceOf, doc);
      if (this.#options.coherence) this.#coherenceFeatures(sentenceOf, doc);
      if (this.#encoder) await this.#encoderFeatures(analysis, doc);
      out.push(each(inputs[d]!, doc));
    }
    return out;
  }

  /** Lays out a document's feature rows in the scratch buffer, prior features filled and the rest zero. */
  #startFeatures(mentions: DetectedMention[], ranked: RankedCandidates[]): DocumentFeatures {
    const offsets: number[] = new Array(mentions.length);
    let size = 0;
    for (let i = 0; i < ranked.length; i++) {
      offsets[i] = size;
      size += ranked[i]!.priorFeatures.length;
    }
    // With an encoder, features are computed across awaits: a buffer of their own keeps concurrent calls apart.
    if (!this.#encoder && this.#featureBuffer.length < size) this.#featureBuffer = new Float64Array(2 * size);
    const features = this.#encoder ? new Float64Array(size) : this.#featureBuffer;
    for (let i = 0; i < ranked.length; i++) features.set(ranked[i]!.priorFeatures, offsets[i]!);
    return { mentions, ranked, offsets, features };
  }

  #target(t: TargetMention): DetectedMention {
    const key = normalizeSurface(t.key);
    const node = this.#trie.walk(AliasTrie.ROOT, key);
    return {
      first: t.first,
      last: t.last,
      key,
      hits: node > 0 ? this.#trie.hits(node) : [],
      nodes: node > 0 ? [node] : [],
      ...(t.pos ? { pos: t.pos } : {}),
    };
  }

  /** The candidate-memo key of a mention: the wanted POS and its trie nodes (none for given hits only). */
  #memoKey(m: DetectedMention): string | number | undefined {
    if (!m.nodes) return undefined;
    const want = this.#options.posFilter ? coarsePos(m.pos) : undefined;
    // One or two trie nodes (the usual cases): a number, cheaper to hash than a string.
    const nodes = nodeListKey(m.nodes);
    if (typeof nodes === "number") return nodes * 8 + (want === undefined ? 0 : 1 + "nvar".indexOf(want));
    return `${want ?? ""}|${nodes}`;
  }

  /** Candidates of a mention: one per entity (its best alias), POS-filtered, renormalised, top K by prior; memoised. */
  #ranked(m: DetectedMention, key: string | number | undefined): RankedCandidates {
    if (m.hits.length === 0) return NO_CANDIDATES;
    // Mentions in one batch may share a key that was not memoised when the batch began.
    let ranked = key === undefined ? undefined : this.#candidateMemo.get(key);
    if (!ranked) {
      const candidates = this.#rankCandidates(m.hits, this.#options.posFilter ? coarsePos(m.pos) : undefined);
      const priorFeatures = new Float64Array(candidates.length * NUM_FEATURES);
      candidates.forEach((c, j) => {
        priorFeatures[j * NUM_FEATURES + F["prior.log"]] = Math.log(c.prior + 0.01);
        priorFeatures[j * NUM_FEATURES + F["prior.first"]] = j === 0 ? 1 : 0;
      });
      ranked = packWords(candidates, priorFeatures);
      if (key !== undefined) this.#candidateMemo.set(key, ranked);
    }
    return ranked;
  }

  /** A mention's candidates from its alias hits, with their prior features (see {@link GraphLinker.#ranked}). */
  #rankCandidates(allHits: readonly AliasHit[], want: CoarsePos | undefined): ScoredCandidate[] {
    const best = new Map<string, AliasHit>();
    for (const h of allHits) {
      const seen = best.get(h.entityId);
      if (!seen || h.prior > seen.prior) best.set(h.entityId, h);
    }
    let hits = [...best.values()].filter((h) => this.#knowledge.get(h.entityId));
    if (want) {
      const fit = hits.filter((h) => {
        const p = this.#knowledge.get(h.entityId)!.pos;
        return p === undefined || p === want;
      });
      if (fit.length > 0) hits = fit;
    }
    const rank = (h: AliasHit) =>
      (h.key === undefined ? undefined : this.#knowledge.get(h.entityId)!.senseNumbers?.[h.key]) ?? 1e9;
    hits.sort((a, b) => b.prior - a.prior || rank(a) - rank(b) || (a.entityId < b.entityId ? -1 : 1));
    hits = hits.slice(0, this.#options.maxCandidates);
    const total = hits.reduce((s, h) => s + h.prior, 0);
    return hits.map((h) => {
      const prior = total > 0 ? h.prior / total : 1 / hits.length;
      const knowledge = this.#knowledge.get(h.entityId)!;
      return { entityId: h.entityId, label: knowledge.label, prior, hit: h, knowledge };
    });
  }

  /** Word ids of each token (-1 for stop words and punctuation). */
  #tokenWords(analysis: Analysis): Int32Array {
    const tokens = analysis.tokens;
    const lexemes = analysis.lexemes;
    const out = new Int32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.stop || !CONTENT_POS.has(t.pos)) out[i] = -1;
      else {
        const lexeme = lexemes?.[i] ?? -1;
        let id = this.#lexemeWords.get(lexeme, t.text, t.lemma);
        if (id === undefined) {
          id = this.#lemmaWord(t.lemma);
          this.#lexemeWords.set(lexeme, t.text, t.lemma, id);
        }
        out[i] = id;
      }
    }
    return out;
  }

  /** The context-word id of a content token's lemma (-1 for stop words), memoised. */
  #lemmaWord(lemma: string): number {
    let id = this.#lemmaWords.get(lemma);
    if (id === undefined) {
      const w = normalizeSurface(lemma);
      id = w.length < 2 || isStopWord(w) ? -1 : this.#vocabulary.id(stem(w));
      if (this.#lemmaWords.size >= 200_000) {
        this.#lemmaWords.clear();
        this.#lexemeWords.clear();
      }
      this.#lemmaWords.set(lemma, id);
    }
    return id;
  }

  /** Sentence index of every token. */
  #sentenceOf(analysis: Analysis): Int32Array {
    const out = new Int32Array(analysis.tokens.length);
    analysis.sentences.forEach(([a, b], s) => {
      out.fill(s, a, b + 1);
    });
    return out;
  }

  #contextFeatures(analysis: Analysis, sentenceOf: Int32Array, doc: DocumentFeatures): void {
    const { mentions, ranked, offsets, features } = doc;
    if (mentions.length === 0) return;
    const words = this.#tokenWords(analysis);
    const sentences: [number, number][] = analysis.sentences.length
      ? analysis.sentences
      : [[0, analysis.tokens.length - 1]];
    const vocabulary = this.#vocabulary;
    const window = this.#window;
    // The mention's own words, and the two overlaps of one bag.
    let own = this.#ownWords;
    const overlap = this.#overlap;
    const r = this.#options.contextRadius;
    let current = -1;
    for (let i = 0; i < mentions.length; i++) {
      const m = mentions[i]!;
      const { words: packed, bounds, candidates } = ranked[i]!;
      if (candidates.length === 0) continue;
      const s = sentenceOf[m.first] ?? 0;
      if (s !== current) {
        current = s;
        window.clear();
        const [from, to] = sentences[Math.min(sentences.length - 1, s)]!;
        const last = sentences[Math.min(sentences.length - 1, s + r)]![1];
        for (let t = sentences[Math.max(0, s - r)]![0]; t <= last; t++) {
          const w = words[t]!;
          if (w >= 0) window.add(w, t >= from && t <= to);
        }
      }
      if (own.length < m.last - m.first + 1) {
        own = new Int32Array(2 * (m.last - m.first + 1));
        this.#ownWords = own;
      }
      let ownCount = 0;
      for (let t = m.first; t <= m.last; t++) if (words[t]! >= 0) own[ownCount++] = words[t]!;
      for (let j = 0; j < candidates.length; j++) {
        const row = offsets[i]! + j * NUM_FEATURES;
        window.overlap(packed, bounds[2 * j]!, bounds[2 * j + 1]!, own, ownCount, vocabulary, overlap);
        features[row + F["context.description"]] = overlap[0]! / 10;
        features[row + F["context.sentenceDescription"]] = overlap[1]! / 10;
        window.overlap(packed, bounds[2 * j + 1]!, bounds[2 * j + 2]!, own, ownCount, vocabulary, overlap);
        features[row + F["context.neighbours"]] = overlap[0]! / 10;
        features[row + F["context.sentenceNeighbours"]] = overlap[1]! / 10;
      }
    }
  }

  /**
   * Graph coherence: each candidate's support from the other mentions'
   * candidates within `coherenceRadius` sentences ({@link twoStepCoherence} or
   * {@link pageRankCoherence}). Features are its share of its mention's support
   * and whether it ranks first.
   */
  #coherenceFeatures(sentenceOf: Int32Array, doc: DocumentFeatures): void {
    const { mentions, ranked, offsets, features } = doc;
    // The mentions with candidates, by index.
    const active: number[] = [];
    const inputs: CoherenceMention[] = [];
    const o = this.#options;
    mentions.forEach((m, i) => {
      if (ranked[i]!.candidates.length === 0) return;
      active.push(i);
      const g = ranked[i]!.graph;
      // Field by field, one literal: a spread of the graph ran no faster on this hot path.
      inputs.push({
        sentence: sentenceOf[m.first] ?? 0,
        // Verbs' own support is not used (they still start walks for the others).
        scored: o.verbCoherence || coarsePos(m.pos) !== "v",
        nodes: g.nodes,
        restart: g.restart,
        neighbours: g.neighbours,
        bounds: g.bounds,
        ownStep: g.ownStep,
        ownTouches: g.ownTouches,
        ownStepToNode: g.ownStepToNode,
      });
    });
    if (active.length < 2) return;
    const nodeCount = this.#knowledge.internedCount;
    const settings = { radius: o.coherenceRadius, damping: o.damping, iterations: o.iterations };
    const support = COHERENCE_METHODS[o.coherenceMethod](inputs, settings, this.#coherenceScratch, nodeCount);
    active.forEach((m, a) => {
      const values = support[a];
      if (!values) return;
      let total = 0;
      let top = 0;
      for (let j = 0; j < values.length; j++) {
        total += values[j]!;
        if (values[j]! > values[top]!) top = j;
      }
      for (let j = 0; j < values.length; j++) {
        const share = total > 0 ? values[j]! / total : 1 / values.length;
        const row = offsets[m]! + j * NUM_FEATURES;
        features[row + F["coherence.share"]] = Math.log(share + 0.01);
        features[row + F["coherence.first"]] = total > 0 && j === top ? 1 : 0;
      }
    });
  }

  async #encoderFeatures(analysis: Analysis, doc: DocumentFeatures): Promise<void> {
    const encoder = this.#encoder!;
    const { mentions, ranked, offsets, features } = doc;
    // The mentions with candidates, by index.
    const withCandidates = mentions.flatMap((_, i) => (ranked[i]!.candidates.length > 0 ? [i] : []));
    if (withCandidates.length === 0) return;
    const spans = withCandidates.map((i) => {
      const m = mentions[i]!;
      return [analysis.tokens[m.first]!.start, analysis.tokens[m.last]!.end] as [number, number];
    });
    const states = await encoder.mentionStates(analysis.text, spans);
    const texts = new Map<string, string>();
    for (const i of withCandidates) {
      for (const c of ranked[i]!.candidates)
        texts.set(c.entityId, `${c.knowledge.label}: ${c.knowledge.description}`);
    }
    const vectors = await encoder.descriptionStates(texts);
    withCandidates.forEach((i, a) => {
      const state = states[a];
      if (!state) return;
      ranked[i]!.candidates.forEach((c, j) => {
        features[offsets[i]! + j * NUM_FEATURES + F["encoder.cosine"]] = cosine(
          state,
          vectors.get(c.entityId)!,
        );
      });
    });
  }

  /** Releases the analyser's memory; the store stays open (it belongs to the caller). Idempotent. */
  async close(): Promise<void> {
    this.#closed = true;
  }

  /** True after {@link GraphLinker.close}. */
  get closed(): boolean {
    return this.#closed;
  }
}
