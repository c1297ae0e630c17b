import type { EncodedBatch, Encoder } from "@knowfuse/core";

/** Mean of the rows `[from, to)` of batch row `b` whose attention mask is 1, or undefined when there are none. */
function meanRows(batch: EncodedBatch, b: number, keep: (t: number) => boolean): Float32Array | undefined {
  const { sequenceLength: seq, hiddenSize: h } = batch;
  const out = new Float32Array(h);
  let n = 0;
  for (let t = 0; t < seq; t++) {
    if (batch.attentionMask[b * seq + t] !== 1 || !keep(t)) continue;
    const base = (b * seq + t) * h;
    for (let k = 0; k < h; k++) out[k]! += batch.hidden.data[base + k]!;
    n++;
  }
  if (n === 0) return undefined;
  for (let k = 0; k < h; k++) out[k]! /= n;
  return out;
}

/** Cosine similarity of two vectors (0 when either is zero). */
export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let k = 0; k < a.length; k++) {
    dot += a[k]! * b[k]!;
    na += a[k]! * a[k]!;
    nb += b[k]! * b[k]!;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/**
 * Evidence from a pretrained encoder: the contextual state of each mention
 * (mean of the word pieces inside its character span) and the mean-pooled
 * encoding of each candidate's description, compared by cosine. Description
 * vectors are memoised by entity id.
 */
export class EncoderSimilarity {
  readonly #descriptions = new Map<string, Float32Array>();

  constructor(private readonly encoder: Encoder) {}

  /** The mention states of `spans` (character ranges) in `text`; undefined for a span with no word piece. */
  async mentionStates(
    text: string,
    spans: readonly [number, number][],
  ): Promise<(Float32Array | undefined)[]> {
    if (spans.length === 0 || text.trim() === "") return spans.map(() => undefined);
    const batch = await this.encoder.encode([text], {
      windowing: { stride: Math.floor(this.encoder.maxLength / 4) },
    });
    return spans.map(([start, end]) => {
      for (let b = 0; b < batch.batch; b++) {
        const offsets = batch.offsets[b]!;
        const v = meanRows(batch, b, (t) => {
          const o = offsets[t];
          return o !== undefined && o[1] > o[0] && o[0] < end && o[1] > start;
        });
        if (v) return v;
      }
      return undefined;
    });
  }

  /** The description vectors of entities (memoised), from `texts` keyed by entity id. */
  async descriptionStates(texts: ReadonlyMap<string, string>): Promise<Map<string, Float32Array>> {
    const missing = [...texts.keys()].filter((id) => !this.#descriptions.has(id));
    for (let i = 0; i < missing.length; i += 32) {
      const ids = missing.slice(i, i + 32);
      const batch = await this.encoder.encode(
        ids.map((id) => texts.get(id) || id),
        { truncation: true },
      );
      ids.forEach((id, b) => {
        this.#descriptions.set(id, meanRows(batch, b, () => true) ?? new Float32Array(batch.hiddenSize));
      });
    }
    const out = new Map<string, Float32Array>();
    for (const id of texts.keys()) out.set(id, this.#descriptions.get(id)!);
    return out;
  }
}
