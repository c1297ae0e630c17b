import type { Encoder, KnowledgeGraph, ProgressListener } from "@knowfuse/core";
import { z } from "zod";
import { FeatureWeightsSchema } from "./disambiguation/features.js";

const isStore = (v: unknown): v is KnowledgeGraph =>
  typeof v === "object" && v !== null && typeof (v as KnowledgeGraph).streamAliases === "function";
const isEncoder = (v: unknown): v is Encoder =>
  typeof v === "object" && v !== null && typeof (v as Encoder).encode === "function";

/** Schema of the options of the graph linker ("linker.graph.v1"). */
export const GraphLinkerOptionsSchema = z.strictObject({
  /** The store to link against. */
  store: z.custom<KnowledgeGraph>(isStore, { message: "expected a KnowledgeGraph store (open one with kg)" }),
  /** Optional pretrained encoder: adds the description-similarity evidence (off by default). */
  encoder: z.custom<Encoder>(isEncoder, { message: "expected an Encoder" }).optional(),
  /** Candidates kept per mention, by prior (default 10). */
  maxCandidates: z.number().int().min(1).max(200).default(10),
  /** A mention whose best candidate's probability is below this is NIL (default 0: always answer when there is a candidate). */
  threshold: z.number().min(0).max(1).default(0),
  /**
   * Use context evidence, the overlap of a mention's context with each
   * candidate's description and neighbours' labels (default true). Off, those
   * features stay zero and are not computed.
   */
  context: z.boolean().default(true),
  /** Sentences on each side that form a mention's context (default 1). */
  contextRadius: z.number().int().min(0).max(20).default(1),
  /** Use graph coherence evidence (default true). */
  coherence: z.boolean().default(true),
  /**
   * How coherence is computed: "two-step" (a two-step random walk from the other
   * mentions' candidates, linear in their edges; default) or "pagerank"
   * (personalised PageRank over the window's graph, power iterations).
   */
  coherenceMethod: z.enum(["two-step", "pagerank"]).default("two-step"),
  /**
   * Give coherence features to verb mentions too (default false: in WordNet a
   * verb candidate's support picks the right sense little better than chance,
   * so verb mentions still start walks for the others but are scored without it).
   */
  verbCoherence: z.boolean().default(false),
  /** Sentences on each side whose mentions the walk restarts from (default 1). */
  coherenceRadius: z.number().int().min(0).max(20).default(1),
  /** Continuation probability of the walk, PageRank's damping (default 0.85). */
  damping: z.number().gt(0).lt(1).default(0.85),
  /** PageRank power iterations ("pagerank" only; default 10). */
  iterations: z.number().int().min(1).max(500).default(10),
  /** Weigh context overlaps by word rarity over the store's descriptions (one pass over the store, cached; default true). */
  rarity: z.boolean().default(true),
  /** Keep only candidates whose part of speech fits the mention's, when both are known (default true). */
  posFilter: z.boolean().default(true),
  /** Longest alias matched, in tokens (default 8). */
  maxMentionTokens: z.number().int().min(1).max(64).default(8),
  /** Neighbour edges read per candidate (default 64). */
  edgesPerEntity: z.number().int().min(1).max(10_000).default(64),
  /**
   * Read candidate knowledge from a snapshot of the whole store (built in one
   * pass on first use and cached on disk like the alias index) instead of
   * querying the store per batch of new candidates (default true).
   */
  knowledgeSnapshot: z.boolean().default(true),
  /** Stores with more entities than this get no snapshot (their knowledge is queried; default 500,000). */
  knowledgeSnapshotMaxEntities: z.number().int().min(0).default(500_000),
  /** Feature weights by name (see FEATURE_NAMES); missing names are 0. Default: DEFAULT_WEIGHTS. */
  weights: FeatureWeightsSchema.optional(),
  /** Where the compiled alias index and knowledge snapshot are cached; false to disable (default cachePath("linking")). */
  cacheDir: z.union([z.string().min(1), z.literal(false)]).optional(),
  /** Texts longer than this many characters are analysed in windows (default 20,000). */
  windowChars: z.number().int().min(1000).default(20_000),
  /** Progress of compiling the alias index, word rarity and knowledge snapshot. */
  onProgress: z.custom<ProgressListener>((v) => typeof v === "function").optional(),
});

/** Options of the graph linker, before defaults (what callers pass). */
export type GraphLinkerOptionsInput = z.input<typeof GraphLinkerOptionsSchema>;
/** Options of the graph linker, validated with defaults applied. */
export type GraphLinkerOptions = z.output<typeof GraphLinkerOptionsSchema>;
