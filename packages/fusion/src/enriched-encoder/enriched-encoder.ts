import {
  type AlignedMention,
  DimensionMismatchError,
  type Document,
  type EncodedBatch,
  type Encoder,
  type EnrichedDocument,
  type FusionCandidate,
  type FusionInput,
  type FusionMethod,
  type KnowledgeGraph,
  type LengthPolicy,
  type Link,
  type Linker,
  NotFoundError,
  type TensorView,
  type Token,
  ValidationError,
} from "@knowfuse/core";
import { type Alignment, alignLinks } from "../alignment/align-links.js";
import { LayerSplitRunner } from "../graph-split/layer-split-runner.js";

/** Options of {@link createEnrichedEncoder}. */
export interface EnrichedEncoderOptions {
  encoder: Encoder;
  /** The store holding the entity embeddings. */
  graph: KnowledgeGraph;
  /** Finds and links mentions; optional when links are passed to `encode`. */
  linker?: Linker;
  fusion: FusionMethod;
  /** Name of the embedding space in `graph` (its dim must equal the fusion method's `entityDim`). */
  embeddingSpace: string;
  /**
   * Long-text policy handed to the encoder. Default: windowing with a stride of
   * a quarter of the encoder's window, so a document longer than the window is
   * encoded whole (overlapping windows, states stitched, every link placed).
   */
  policy?: LengthPolicy;
  /** Texts per encoder/fusion call (default 16). */
  batchSize?: number;
  /** Candidates per mention given to the fusion method, best first (default 5). */
  candidates?: number;
  /**
   * Apply the fusion between encoder layers `afterLayer` and `afterLayer + 1`
   * (0-based) instead of after the last: the encoder's ONNX graph is split there
   * and run as two parts. Needs an encoder with a `modelFile` (an OnnxEncoder).
   */
  afterLayer?: number;
}

/** One batch prepared for fusion: encoder output, aligned mentions and counters. */
export interface PreparedBatch {
  encoded: EncodedBatch;
  input: FusionInput;
  alignment: Alignment;
  /** Per text: linked (non-NIL) mentions whose entity has no vector, so the text branch is used. */
  fallbacks: number[];
  /** Runs the fused states through the rest of the encoder (identity unless fusing between layers). */
  finish(fused: TensorView): Promise<TensorView>;
}

/** The knowledge-enriched encoder: `encode(texts)` → one {@link EnrichedDocument} per text, in order. */
export interface EnrichedEncoder {
  readonly hiddenSize: number;
  /**
   * Links (unless `links` are given, one array per text), encodes, aligns, fetches
   * embeddings and fuses, batch by batch. Documents come back in input order.
   */
  encode(
    texts: readonly (string | Document)[],
    options?: { links?: readonly (readonly Link[])[] },
  ): Promise<EnrichedDocument[]>;
  /** The steps before fusion for one batch (used by training to cache encoder states). */
  prepare(texts: readonly string[], links: readonly (readonly Link[])[]): Promise<PreparedBatch>;
  /** Total counters over every `encode` call (documents, links, aligned, fallbacks, unaligned). */
  readonly totals: Record<string, number>;
  /** Closes the fusion method and split sessions (the encoder, graph and linker belong to the caller). Idempotent. */
  close(): Promise<void>;
}

/**
 * Builds an enriched encoder. The embedding space's dimension is checked against
 * the fusion method now, so a mismatch is a {@link DimensionMismatchError} at
 * build time, not mid-stream; an unknown space is a NotFoundError listing the
 * known ones.
 *
 * @example
 * ```ts
 * const enriched = await createEnrichedEncoder({ encoder, graph, linker, fusion, embeddingSpace: "wn-features" });
 * const [doc] = await enriched.encode(["The bank raised interest rates."]);
 * doc.hidden; // { data: Float32Array, dims: [tokens, hidden] }
 * ```
 */
export async function createEnrichedEncoder(options: EnrichedEncoderOptions): Promise<EnrichedEncoder> {
  const { encoder, graph, linker, fusion, embeddingSpace } = options;
  if (encoder.hiddenSize !== fusion.hiddenSize) {
    throw new DimensionMismatchError(
      `hidden size of ${fusion.kind} vs encoder ${encoder.source}`,
      fusion.hiddenSize,
      encoder.hiddenSize,
    );
  }
  if (fusion.entityDim > 0) {
    const spaces = (await graph.stats()).embeddingSpaces;
    const space = spaces.find((s) => s.name === embeddingSpace);
    if (!space) {
      throw new NotFoundError(
        `embedding space "${embeddingSpace}" is not in the store; known: ${spaces.map((s) => s.name).join(", ") || "(none)"}`,
        { details: { embeddingSpace, known: spaces.map((s) => s.name) } },
      );
    }
    if (space.dim !== fusion.entityDim) {
      throw new DimensionMismatchError(
        `embedding space "${embeddingSpace}" vs ${fusion.kind} entityDim`,
        fusion.entityDim,
        space.dim,
      );
    }
  }
  let split: LayerSplitRunner | undefined;
  if (options.afterLayer !== undefined) {
    const modelFile = (encoder as Partial<{ modelFile: string }>).modelFile;
    if (typeof modelFile !== "string") {
      throw new ValidationError(
        `afterLayer needs an encoder with an ONNX modelFile; ${encoder.source} has none`,
        [{ path: ["afterLayer"], message: "only for ONNX encoders (loadEncoder)" }],
      );
    }
    split = await LayerSplitRunner.create(modelFile, options.afterLayer);
  }
  const policy = options.policy ?? defaultPolicy(encoder);
  const batchSize = options.batchSize ?? 16;
  const maxCandidates = options.candidates ?? 5;
  const totals: Record<string, number> = { documents: 0, links: 0, aligned: 0, fallbacks: 0, unaligned: 0 };

  const prepare = async (
    texts: readonly string[],
    links: readonly (readonly Link[])[],
  ): Promise<PreparedBatch> => {
    let encoded: EncodedBatch;
    if (split) {
      const tokens = encoder.tokenize(texts, policy);
      const mid =
        tokens.batch === 0
          ? { data: new Float32Array(0), dims: [0, 0, encoder.hiddenSize] }
          : await split.runA(tokens);
      encoded = { ...tokens, hidden: mid, hiddenSize: encoder.hiddenSize };
    } else {
      encoded = await encoder.encode(texts, policy);
    }
    const alignment = alignLinks(encoded, texts, links);
    const ids = new Set<string>();
    if (fusion.entityDim > 0) {
      for (const span of alignment.spans) {
        if (span.link.entityId) ids.add(span.link.entityId);
        for (const c of span.link.candidates.slice(0, maxCandidates)) ids.add(c.entityId);
      }
    }
    const vectors =
      ids.size > 0 ? await graph.getEmbeddings(embeddingSpace, [...ids]) : new Map<string, Float32Array>();
    const fallbacks = new Array<number>(texts.length).fill(0);
    const counted = new Set<Link>();
    const mentions: AlignedMention[] = alignment.spans.map((span) => {
      const { link } = span;
      const vector = link.entityId ? vectors.get(link.entityId) : undefined;
      if (fusion.entityDim > 0 && link.entityId && !vector && !counted.has(link)) {
        counted.add(link);
        fallbacks[span.textIndex]! += 1;
      }
      const candidates: FusionCandidate[] = [];
      for (const c of link.candidates.slice(0, maxCandidates)) {
        const v = vectors.get(c.entityId);
        if (v) candidates.push({ entityId: c.entityId, prior: c.prior, vector: v });
      }
      return {
        row: span.row,
        tokenStart: span.tokenStart,
        tokenEnd: span.tokenEnd,
        entityId: link.entityId,
        ...(vector ? { vector } : {}),
        // A NIL link or one without a vector contributes no entity (text branch only).
        candidates: vector ? candidates : [],
      };
    });
    const input: FusionInput = { hidden: encoded.hidden, attentionMask: encoded.attentionMask, mentions };
    const finish = async (fused: TensorView) =>
      split && encoded.batch > 0 ? split.runB(fused, encoded) : fused;
    return { encoded, input, alignment, fallbacks, finish };
  };

  const encodeBatch = async (
    docs: Document[],
    links: readonly (readonly Link[])[],
  ): Promise<EnrichedDocument[]> => {
    const texts = docs.map((d) => d.text);
    const prepared = await prepare(texts, links);
    const fused = await prepared.finish(await fusion.fuse(prepared.input));
    const { encoded, alignment } = prepared;
    const T = encoded.sequenceLength;
    const H = encoded.hiddenSize;
    return docs.map((document, i) => {
      // Rows of this text; with windowing each text token is taken once, from the window
      // where it has the most context: an overlap is cut in the middle.
      const tokens: Token[] = [];
      const rows: number[] = [];
      const cols: number[] = [];
      const textRows: number[] = [];
      for (let r = 0; r < encoded.batch; r++) if (encoded.textIndex[r] === i) textRows.push(r);
      const pieces = textRows.map((r) => (encoded.offsets[r] ?? []).filter(([s, e]) => e > s).length);
      const starts = textRows.map((r) => encoded.windowStart[r] ?? 0);
      let from = 0;
      textRows.forEach((r, j) => {
        const next = starts[j + 1];
        const to =
          next === undefined
            ? Number.POSITIVE_INFINITY
            : next + Math.floor(Math.max(0, starts[j]! + pieces[j]! - next) / 2);
        let k = 0;
        (encoded.offsets[r] ?? []).forEach(([s, e], t) => {
          if (e <= s) return;
          const global = starts[j]! + k++;
          if (global < from || global >= to) return;
          tokens.push({ text: document.text.slice(s, e), start: s, end: e });
          rows.push(r);
          cols.push(t);
        });
        from = Math.max(from, to);
      });
      let data: Float32Array;
      const contiguous = rows.every((r, j) => r === rows[0] && cols[j] === cols[0]! + j);
      if (rows.length > 0 && contiguous) {
        const from = (rows[0]! * T + cols[0]!) * H;
        data = fused.data.subarray(from, from + rows.length * H);
      } else {
        data = new Float32Array(rows.length * H);
        rows.forEach((r, j) => {
          const from = (r * T + cols[j]!) * H;
          data.set(fused.data.subarray(from, from + H), j * H);
        });
      }
      const pooled = new Float32Array(H);
      for (let j = 0; j < rows.length; j++)
        for (let h = 0; h < H; h++) pooled[h] = pooled[h]! + data[j * H + h]! / rows.length;
      const docLinks = links[i] ?? [];
      const aligned = new Set(alignment.spans.filter((s) => s.textIndex === i).map((s) => s.link));
      const stats = {
        links: docLinks.length,
        aligned: aligned.size,
        unaligned: alignment.unaligned.filter((u) => u.textIndex === i).length,
        fallbackNoEmbedding: prepared.fallbacks[i] ?? 0,
      };
      totals.documents! += 1;
      totals.links! += stats.links;
      totals.aligned! += stats.aligned;
      totals.unaligned! += stats.unaligned;
      totals.fallbacks! += stats.fallbackNoEmbedding;
      return {
        document,
        tokens,
        links: [...docLinks],
        hidden: { data, dims: [rows.length, H] },
        pooled,
        stats,
      };
    });
  };

  return {
    hiddenSize: encoder.hiddenSize,
    totals,
    prepare,
    async encode(texts, opts = {}) {
      const docs: Document[] = texts.map((t, i) => (typeof t === "string" ? { id: String(i), text: t } : t));
      const out: EnrichedDocument[] = [];
      for (let at = 0; at < docs.length; at += batchSize) {
        const chunk = docs.slice(at, at + batchSize);
        let links: readonly (readonly Link[])[];
        if (opts.links) links = opts.links.slice(at, at + batchSize);
        else if (linker) links = (await linker.link(chunk)).map((l) => l.links);
        else links = chunk.map(() => []);
        out.push(...(await encodeBatch(chunk, links)));
      }
      return out;
    },
    async close() {
      await fusion.close();
      await split?.close();
      split = undefined;
    },
  };
}

/** Windowing with a stride of a quarter of the encoder's window (always below the window's text length). */
function defaultPolicy(encoder: Encoder): LengthPolicy {
  return { windowing: { stride: Math.floor(encoder.maxLength / 4) } };
}
