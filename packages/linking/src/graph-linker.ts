import {
  type Document,
  type Encoder,
  type Link,
  type LinkedDocument,
  type Linker,
  normalizeSurface,
  parseWith,
} from "@knowfuse/core";
import { type AliasHit, AliasTrie } from "./alias-index/alias-trie.js";
import { loadAliasIndex } from "./alias-index/load-alias-index.js";
import { loadWordRarity } from "./alias-index/load-word-rarity.js";
import { type Analysis, Analyzer } from "./analysis/analyzer.js";
import { type DetectedMention, detectMentions } from "./detection/detect-mentions.js";
import {
  candidateProbabilities,
  type LogitGroup,
  trainConditionalLogit,
} from "./disambiguation/conditional-logit.js";
import { isStopWord, stem, Vocabulary } from "./disambiguation/context-words.js";
import { cosine, EncoderSimilarity } from "./disambiguation/encoder-similarity.js";
import { type CoarsePos, coarsePos } from "./disambiguation/entity-pos.js";
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
import { sparseGraphFromLists } from "./disambiguation/personalized-page-rank.js";
import { personalizedPageRankBatch } from "./disambiguation/personalized-page-rank-batch.js";
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
  /** Feature vector in FEATURE_NAMES order. */
  features: Float64Array;
}

/** A mention with its candidates and their features, before scoring. */
export interface FeaturizedMention {
  mention: DetectedMention;
  candidates: ScoredCandidate[];
}

const CONTENT_POS = new Set(["NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM", "X"]);
const NUM_FEATURES = FEATURE_NAMES.length;

/**
 * The graph linker ("linker.graph.v1"): wink-nlp analysis, longest-match
 * mention detection over the store's alias trie, candidates with priors, and
 * disambiguation by a conditional logit over prior, context overlap (description
 * and neighbours), graph coherence (personalised PageRank over the candidates'
 * neighbourhoods) and, with a pretrained encoder, description similarity.
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
  #stampValue = 0;
  #scratchArrays:
    | {
        localOf: Int32Array;
        seen: Int32Array;
        count: Int32Array;
        countStamp: Int32Array;
        candidateStamp: Int32Array;
        visitStamp: Int32Array;
      }
    | undefined;

  /** Ranked candidates (prior features filled) by POS and trie nodes of the hits; valid for the store's life. */
  readonly #candidateMemo = new Map<string, ScoredCandidate[]>();
  #wordScratch:
    | { wide: Int32Array; wideStamp: Int32Array; narrow: Int32Array; narrowStamp: Int32Array }
    | undefined;

  /** Work arrays indexed by interned entity number, grown to at least `n`. */
  #scratch(n: number) {
    const have = this.#scratchArrays;
    if (have && have.localOf.length >= n) return have;
    const size = Math.max(n, 2 * (have?.localOf.length ?? 1024));
    const grow = (old: Int32Array | undefined) => {
      const a = new Int32Array(size);
      if (old) a.set(old);
      return a;
    };
    this.#scratchArrays = {
      localOf: grow(have?.localOf),
      seen: grow(have?.seen),
      count: grow(have?.count),
      countStamp: grow(have?.countStamp),
      candidateStamp: grow(have?.candidateStamp),
      visitStamp: grow(have?.visitStamp),
    };
    return this.#scratchArrays;
  }

  private constructor(options: GraphLinkerOptions, trie: AliasTrie) {
    this.#options = options;
    this.#trie = trie;
    this.#analyzer = new Analyzer({ windowChars: options.windowChars });
    this.#knowledge = new KnowledgeCache(options.store, this.#vocabulary, {
      edgesPerEntity: options.edgesPerEntity,
    });
    this.#encoder = options.encoder ? new EncoderSimilarity(options.encoder as Encoder) : undefined;
    this.#weights = weightVector(options.weights ?? DEFAULT_WEIGHTS);
  }

  /** Validates options, compiles (or loads the cached) alias index and returns a ready linker. */
  static async open(options: GraphLinkerOptionsInput): Promise<GraphLinker> {
    const parsed = parseWith(GraphLinkerOptionsSchema, options, "linker.graph.v1 options", "INVALID_CONFIG");
    const loadOptions = {
      ...(parsed.cacheDir === undefined ? {} : { cacheDir: parsed.cacheDir }),
      ...(parsed.onProgress ? { onProgress: parsed.onProgress } : {}),
    };
    const trie = await loadAliasIndex(parsed.store, loadOptions);
    const linker = new GraphLinker(parsed, trie);
    if (parsed.rarity) {
      const { df, documents } = await loadWordRarity(parsed.store, loadOptions);
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
        features: m.candidates.map((c) => c.features.map((v, k) => (mask[k] ? v : 0))),
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

  /** Links documents that are already analysed (and optionally come with their mentions). */
  async linkAnalyzed(inputs: readonly LinkInput[]): Promise<LinkedDocument[]> {
    const featurized = await this.featurize(inputs);
    return inputs.map((input, d) => ({
      document: input.document,
      tokens: input.analysis.tokens.map((t) => ({
        text: t.text,
        start: t.start,
        end: t.end,
        lemma: t.lemma,
        pos: t.pos,
      })),
      links: featurized[d]!.map((m) => this.#toLink(input.analysis, m)),
    }));
  }

  /** Chooses among a featurised mention's candidates: the index of the best and every probability. */
  choose(mention: FeaturizedMention): { best: number; probabilities: Float64Array } {
    const probabilities = candidateProbabilities(
      this.#weights,
      mention.candidates.map((c) => c.features),
    );
    let best = -1;
    for (let i = 0; i < probabilities.length; i++)
      if (best < 0 || probabilities[i]! > probabilities[best]!) best = i;
    return { best, probabilities };
  }

  #toLink(analysis: Analysis, m: FeaturizedMention): Link {
    const first = analysis.tokens[m.mention.first]!;
    const last = analysis.tokens[m.mention.last]!;
    const mention = {
      start: first.start,
      end: last.end,
      surface: analysis.text.slice(first.start, last.end),
      key: m.mention.key,
      tokenRange: [m.mention.first, m.mention.last] as [number, number],
      ...(m.mention.pos ? { pos: m.mention.pos } : {}),
      ...(m.mention.entityType ? { entityType: m.mention.entityType } : {}),
    };
    const { best, probabilities } = this.choose(m);
    const candidates = m.candidates
      .map((c, i) => ({
        entityId: c.entityId,
        prior: c.prior,
        score: probabilities[i]!,
        alias: c.hit.normalized,
      }))
      .sort((a, b) => b.score - a.score);
    const chosen = best >= 0 ? m.candidates[best] : undefined;
    if (!chosen || probabilities[best]! < this.#options.threshold) {
      const evidence: Record<string, number> = chosen ? { probability: probabilities[best]! } : {};
      return { mention, entityId: null, score: chosen ? probabilities[best]! : 0, evidence, candidates };
    }
    const evidence: Record<string, number> = {
      probability: probabilities[best]!,
      priorProbability: chosen.prior,
    };
    FEATURE_NAMES.forEach((name, k) => {
      const group = evidenceOf(name);
      if (group === "encoder" && !this.#encoder) return;
      if (group === "coherence" && !this.#options.coherence) return;
      evidence[group] = (evidence[group] ?? 0) + this.#weights[k]! * chosen.features[k]!;
    });
    return {
      mention,
      entityId: chosen.entityId,
      label: chosen.label,
      score: probabilities[best]!,
      evidence,
      candidates,
    };
  }

  /** Detects (or takes) mentions, fetches candidate knowledge and computes every feature. */
  async featurize(inputs: readonly LinkInput[]): Promise<FeaturizedMention[][]> {
    const detected = inputs.map((input) =>
      input.targets
        ? input.targets.map((t) => this.#target(t))
        : detectMentions(input.analysis, this.#trie, { maxTokens: this.#options.maxMentionTokens }),
    );
    const ids = new Set<string>();
    for (const doc of detected) for (const m of doc) for (const h of m.hits) ids.add(h.entityId);
    await this.#knowledge.ensure(ids);
    const out: FeaturizedMention[][] = [];
    for (let d = 0; d < inputs.length; d++) {
      const mentions = detected[d]!.map((m) => ({ mention: m, candidates: this.#candidates(m) }));
      this.#contextFeatures(inputs[d]!.analysis, mentions);
      if (this.#options.coherence) this.#coherenceFeatures(inputs[d]!.analysis, mentions);
      if (this.#encoder) await this.#encoderFeatures(inputs[d]!.analysis, mentions);
      out.push(mentions);
    }
    return out;
  }

  #target(t: TargetMention): DetectedMention {
    const key = normalizeSurface(t.key);
    const node = this.#trie.walk(AliasTrie.ROOT, key);
    return {
      first: t.first,
      last: t.last,
      key,
      hits: node > 0 ? [...this.#trie.hits(node)] : [],
      nodes: node > 0 ? [node] : [],
      ...(t.pos ? { pos: t.pos } : {}),
    };
  }

  /** Candidates of a mention: one per entity (its best alias), POS-filtered, renormalised, top K by prior. */
  #candidates(m: DetectedMention): ScoredCandidate[] {
    const want = this.#options.posFilter ? coarsePos(m.pos) : undefined;
    const key = m.nodes ? `${want ?? ""}|${m.nodes.join(",")}` : undefined;
    let ranked = key === undefined ? undefined : this.#candidateMemo.get(key);
    if (!ranked) {
      ranked = this.#rankCandidates(m.hits, want);
      if (key !== undefined) {
        if (this.#candidateMemo.size >= 100_000) this.#candidateMemo.clear();
        this.#candidateMemo.set(key, ranked);
      }
    }
    return ranked.map((c) => ({ ...c, features: c.features.slice() }));
  }

  /** A mention's candidates from its alias hits, with their prior features (see {@link GraphLinker.#candidates}). */
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
    return hits.map((h, i) => {
      const prior = total > 0 ? h.prior / total : 1 / hits.length;
      const features = new Float64Array(NUM_FEATURES);
      features[F["prior.log"]] = Math.log(prior + 0.01);
      features[F["prior.first"]] = i === 0 ? 1 : 0;
      return { entityId: h.entityId, label: this.#knowledge.get(h.entityId)!.label, prior, hit: h, features };
    });
  }

  /** Word ids of each token (-1 for stop words and punctuation). */
  #tokenWords(analysis: Analysis): Int32Array {
    return Int32Array.from(analysis.tokens, (t) => {
      if (t.stop || !CONTENT_POS.has(t.pos)) return -1;
      const w = normalizeSurface(t.lemma);
      if (w.length < 2 || isStopWord(w)) return -1;
      return this.#vocabulary.id(stem(w));
    });
  }

  /** Sentence index of every token. */
  #sentenceOf(analysis: Analysis): Int32Array {
    const out = new Int32Array(analysis.tokens.length);
    analysis.sentences.forEach(([a, b], s) => {
      out.fill(s, a, b + 1);
    });
    return out;
  }

  /** Word-indexed counts of a context window, valid where `stamp[w]` is the current stamp. */
  #wordCounts(n: number): {
    wide: Int32Array;
    wideStamp: Int32Array;
    narrow: Int32Array;
    narrowStamp: Int32Array;
  } {
    const have = this.#wordScratch;
    if (have && have.wide.length >= n) return have;
    const size = Math.max(n, 2 * (have?.wide.length ?? 4096));
    this.#wordScratch = {
      wide: new Int32Array(size),
      wideStamp: new Int32Array(size),
      narrow: new Int32Array(size),
      narrowStamp: new Int32Array(size),
    };
    return this.#wordScratch;
  }

  #contextFeatures(analysis: Analysis, mentions: FeaturizedMention[]): void {
    if (mentions.length === 0) return;
    const words = this.#tokenWords(analysis);
    const sentenceOf = this.#sentenceOf(analysis);
    const sentences: [number, number][] = analysis.sentences.length
      ? analysis.sentences
      : [[0, analysis.tokens.length - 1]];
    const vocabulary = this.#vocabulary;
    const { wide, wideStamp, narrow, narrowStamp } = this.#wordCounts(vocabulary.size);
    const count = (into: Int32Array, stamps: Int32Array, stamp: number, from: number, to: number) => {
      for (let t = from; t <= to; t++) {
        const w = words[t]!;
        if (w < 0) continue;
        if (stamps[w] !== stamp) {
          stamps[w] = stamp;
          into[w] = 0;
        }
        into[w]! += 1;
      }
    };
    const own: number[] = [];
    // Overlap of a bag with the wide window and, in the same pass, with the
    // mention's sentence (inside the wide window), minus the mention's own words.
    let inSentence = 0;
    const overlap = (bag: Int32Array, stamp: number) => {
      let n = 0;
      let s = 0;
      for (const w of bag) {
        if (wideStamp[w] !== stamp) continue;
        let o = 0;
        for (const x of own) if (x === w) o++;
        if (wide[w]! - o > 0) n += vocabulary.weight(w);
        if (narrowStamp[w] === stamp && narrow[w]! - o > 0) s += vocabulary.weight(w);
      }
      inSentence = s / 10;
      return n / 10;
    };
    const r = this.#options.contextRadius;
    let current = -1;
    let stamp = 0;
    for (const m of mentions) {
      if (m.candidates.length === 0) continue;
      const s = sentenceOf[m.mention.first] ?? 0;
      if (s !== current) {
        current = s;
        stamp = ++this.#stampValue;
        count(
          wide,
          wideStamp,
          stamp,
          sentences[Math.max(0, s - r)]![0],
          sentences[Math.min(sentences.length - 1, s + r)]![1],
        );
        const [from, to] = sentences[Math.min(sentences.length - 1, s)]!;
        count(narrow, narrowStamp, stamp, from, to);
      }
      own.length = 0;
      for (let t = m.mention.first; t <= m.mention.last; t++) if (words[t]! >= 0) own.push(words[t]!);
      for (const c of m.candidates) {
        const k = this.#knowledge.get(c.entityId)!;
        c.features[F["context.description"]] = overlap(k.descriptionWords, stamp);
        c.features[F["context.sentenceDescription"]] = inSentence;
        c.features[F["context.neighbours"]] = overlap(k.neighbourWords, stamp);
        c.features[F["context.sentenceNeighbours"]] = inSentence;
      }
    }
  }

  /**
   * Graph coherence, UKB's "word to word" personalised PageRank: the graph is
   * the candidates of the mentions within `coherenceRadius` sentences plus their
   * neighbours; for each mention the walk restarts at the *other* mentions'
   * candidates (mass per mention split by prior), so a candidate's rank is the
   * support it gets from the rest of the context. Features are its share of its
   * mention's rank and whether it ranks first.
   */
  #coherenceFeatures(analysis: Analysis, mentions: FeaturizedMention[]): void {
    const active = mentions.filter((m) => m.candidates.length > 0);
    if (active.length < 2) return;
    const knowledge = this.#knowledge;
    const sentenceOf = this.#sentenceOf(analysis);
    // Per active mention: its candidates' knowledge, looked up once.
    const known = active.map((m) => m.candidates.map((c) => knowledge.get(c.entityId)!));
    const bySentence = new Map<number, number[]>();
    active.forEach((m, i) => {
      const s = sentenceOf[m.mention.first] ?? 0;
      const list = bySentence.get(s);
      if (list) list.push(i);
      else bySentence.set(s, [i]);
    });
    const r = this.#options.coherenceRadius;
    const pageRank = { damping: this.#options.damping, iterations: this.#options.iterations };
    const heads: number[] = [];
    const tails: number[] = [];
    const edgeWeights: number[] = [];
    const restart: number[] = [];
    const loopOrder: number[] = [];
    const loopWeight: number[] = [];
    for (const [s, own] of bySentence) {
      if (!own.some((i) => active[i]!.candidates.length >= 2)) continue;
      const window: number[] = [];
      for (let t = s - r; t <= s + r; t++) for (const i of bySentence.get(t) ?? []) window.push(i);
      if (window.length < 2) continue;
      const scratch = this.#scratch(knowledge.internedCount);
      const stamp = ++this.#stampValue;
      const { localOf, seen, count, countStamp, candidateStamp, visitStamp } = scratch;
      let size = 0;
      restart.length = 0;
      for (const i of window) {
        const ks = known[i]!;
        const cs = active[i]!.candidates;
        const spread = 1 + 0.05 * cs.length;
        for (let j = 0; j < cs.length; j++) {
          const g = ks[j]!.node;
          candidateStamp[g] = stamp;
          if (seen[g] !== stamp) {
            seen[g] = stamp;
            localOf[g] = size++;
            restart.push(0);
          }
          restart[localOf[g]!]! += (cs[j]!.prior + 0.05) / spread / window.length;
        }
      }
      // Neighbours shared by several candidates stay nodes; a neighbour only one
      // candidate touches can only send the walk back to it, so it becomes a
      // self-loop of that candidate (same out-weight, a much smaller graph).
      const unique: EntityKnowledge[] = [];
      for (const i of window) {
        for (const k of known[i]!) {
          if (visitStamp[k.node] === stamp) continue;
          visitStamp[k.node] = stamp;
          unique.push(k);
          for (const g of k.neighbourNodes) {
            if (countStamp[g] !== stamp) {
              countStamp[g] = stamp;
              count[g] = 0;
            }
            count[g]! += 1;
          }
        }
      }
      heads.length = 0;
      tails.length = 0;
      edgeWeights.length = 0;
      loopOrder.length = 0;
      const candidateCount = size;
      loopWeight.length = candidateCount;
      loopWeight.fill(0);
      for (const k of unique) {
        const a = localOf[k.node]!;
        for (const g of k.neighbourNodes) {
          if (candidateStamp[g] === stamp) {
            if (localOf[g] !== a) {
              heads.push(a);
              tails.push(localOf[g]!);
              edgeWeights.push(1);
            }
          } else if (count[g]! >= 2) {
            if (seen[g] !== stamp) {
              seen[g] = stamp;
              localOf[g] = size++;
            }
            heads.push(a);
            tails.push(localOf[g]!);
            edgeWeights.push(1);
          } else {
            if (loopWeight[a] === 0) loopOrder.push(a);
            loopWeight[a]! += 1;
          }
        }
      }
      for (const a of loopOrder) {
        heads.push(a);
        tails.push(a);
        edgeWeights.push(loopWeight[a]! / 2);
      }
      const graph = sparseGraphFromLists(size, heads, tails, edgeWeights);
      const walked = own.filter((i) => active[i]!.candidates.length >= 2);
      const M = walked.length;
      const q = new Float64Array(size * M);
      for (let v = 0; v < candidateCount; v++) q.fill(restart[v]!, v * M, v * M + M);
      walked.forEach((i, m) => {
        for (const k of known[i]!) q[localOf[k.node]! * M + m] = 0;
      });
      const rank = personalizedPageRankBatch(graph, q, M, pageRank);
      walked.forEach((i, m) => {
        const cs = active[i]!.candidates;
        const support = known[i]!.map((k) => rank[localOf[k.node]! * M + m]!);
        const total = support.reduce((x, y) => x + y, 0);
        let top = 0;
        support.forEach((v, j) => {
          if (v > support[top]!) top = j;
        });
        cs.forEach((c, j) => {
          const share = total > 0 ? support[j]! / total : 1 / cs.length;
          c.features[F["coherence.share"]] = Math.log(share + 0.01);
          c.features[F["coherence.first"]] = total > 0 && j === top ? 1 : 0;
        });
      });
    }
  }

  async #encoderFeatures(analysis: Analysis, mentions: FeaturizedMention[]): Promise<void> {
    const encoder = this.#encoder!;
    const withCandidates = mentions.filter((m) => m.candidates.length > 0);
    if (withCandidates.length === 0) return;
    const spans = withCandidates.map(
      (m) =>
        [analysis.tokens[m.mention.first]!.start, analysis.tokens[m.mention.last]!.end] as [number, number],
    );
    const states = await encoder.mentionStates(analysis.text, spans);
    const texts = new Map<string, string>();
    for (const m of withCandidates) {
      for (const c of m.candidates) {
        const k = this.#knowledge.get(c.entityId)!;
        texts.set(c.entityId, `${k.label}: ${k.description}`);
      }
    }
    const vectors = await encoder.descriptionStates(texts);
    withCandidates.forEach((m, i) => {
      const state = states[i];
      if (!state) return;
      for (const c of m.candidates) c.features[F["encoder.cosine"]] = cosine(state, vectors.get(c.entityId)!);
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
