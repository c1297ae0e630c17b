import {
  type Candidate,
  type CandidateLookupOptions,
  type KnowledgeGraph,
  normalizeSurface,
  type ProgressListener,
  ProgressReporter,
} from "@knowfuse/core";
import { lookupSettings } from "./lookup-settings.js";
import { compareCandidates } from "./rank-candidates.js";

/** Options of {@link AliasIndex.compile}. */
export interface AliasIndexCompileOptions {
  /** Receives progress (job "alias-index", unit "aliases"). */
  onProgress?: ProgressListener;
}

/**
 * An in-memory candidate index compiled from a store's `streamAliases()`:
 * exact lookups (after the same `normalizeSurface` as every store, with the same
 * ranking and priors) answered from a hash map, fuzzy lookups delegated to the
 * store. Also maps alias keys (e.g. WordNet sense keys) to their entity.
 *
 * @example
 * ```ts
 * const index = await AliasIndex.compile(kg);
 * const [bank] = index.lookupExact(["bank"]);
 * const [typo] = await index.lookup(["bnak"], { fuzzy: true }); // asks the store
 * ```
 */
export class AliasIndex {
  readonly #forms: Map<string, Candidate[]>;
  readonly #keys: Map<string, string>;

  private constructor(
    private readonly kg: KnowledgeGraph,
    forms: Map<string, Candidate[]>,
    keys: Map<string, string>,
    /** The store's `contentVersion()` when the index was compiled. */
    readonly contentVersion: string,
  ) {
    this.#forms = forms;
    this.#keys = keys;
  }

  /** Streams every alias of `kg` into a new index. */
  static async compile(kg: KnowledgeGraph, options: AliasIndexCompileOptions = {}): Promise<AliasIndex> {
    const version = await kg.contentVersion();
    const progress = new ProgressReporter("alias-index", "aliases", options.onProgress);
    const forms = new Map<string, Candidate[]>();
    const keys = new Map<string, string>();
    let n = 0;
    for await (const entry of kg.streamAliases()) {
      n += 1;
      if ((n & 4095) === 0) progress.report(n);
      if (entry.key !== undefined) keys.set(entry.key, entry.entityId);
      const candidate: Candidate = {
        entityId: entry.entityId,
        prior: entry.prior,
        score: 1,
        alias: entry.alias,
      };
      const list = forms.get(entry.normalized);
      if (!list) {
        forms.set(entry.normalized, [candidate]);
        continue;
      }
      const same = list.findIndex((c) => c.entityId === entry.entityId);
      if (same < 0) list.push(candidate);
      else if (compareCandidates(candidate, list[same]!) < 0) list[same] = candidate;
    }
    for (const list of forms.values()) list.sort(compareCandidates);
    progress.finish(n);
    return new AliasIndex(kg, forms, keys, version);
  }

  /** Number of distinct normalised forms. */
  get size(): number {
    return this.#forms.size;
  }

  /** Exact candidates for each surface, from memory; each list is fresh (safe to mutate). */
  lookupExact(surfaces: readonly string[], limit = 10): Candidate[][] {
    const out: Candidate[][] = new Array(surfaces.length);
    for (let i = 0; i < surfaces.length; i += 1) {
      const list = this.#forms.get(normalizeSurface(surfaces[i]!));
      if (!list) {
        out[i] = [];
        continue;
      }
      const n = Math.min(limit, list.length);
      const copy: Candidate[] = new Array(n);
      for (let j = 0; j < n; j += 1) {
        const c = list[j]!;
        copy[j] = { entityId: c.entityId, prior: c.prior, score: c.score, alias: c.alias! };
      }
      out[i] = copy;
    }
    return out;
  }

  /**
   * Candidates with the store's semantics: exact ones from memory, or, with
   * `fuzzy: true`, the store's own exact-plus-fuzzy answer.
   */
  async lookup(surfaces: readonly string[], options: CandidateLookupOptions = {}): Promise<Candidate[][]> {
    const { limit, fuzzy } = lookupSettings(options);
    if (fuzzy) return this.kg.lookupCandidates(surfaces, options);
    return this.lookupExact(surfaces, limit);
  }

  /** The entity an alias key (e.g. a WordNet sense key) belongs to. */
  entityForKey(key: string): string | undefined {
    return this.#keys.get(key);
  }
}
