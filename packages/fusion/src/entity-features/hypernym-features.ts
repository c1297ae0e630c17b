import type { KnowledgeGraph } from "@knowfuse/core";
import { z } from "zod";

/** Options of {@link computeHypernymFeatures}. */
export const hypernymFeatureOptionsSchema = z.object({
  /** Vector size. */
  dim: z.number().int().positive().default(128),
  /** Also add a code per entity type (e.g. WordNet's lexicographer file), with weight `typeWeight`. */
  typeWeight: z.number().min(0).default(0),
  /** Relations that lead from an entity to its parents (stored direction head → tail). */
  relations: z.array(z.string()).default(["hypernym", "instance_hypernym"]),
  /** Ancestors further than this many steps are ignored. */
  maxDepth: z.number().int().nonnegative().default(20),
  /** Weight of an ancestor `k` steps up is `decay^k` (the entity itself has weight 1). */
  decay: z.number().positive().max(1).default(1),
  seed: z.number().int().default(17),
});

/** Options of {@link computeHypernymFeatures} as written by users. */
export type HypernymFeatureOptions = z.input<typeof hypernymFeatureOptionsSchema>;

/** FNV-1a hash of a string mixed with a seed. */
function hash(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A deterministic pseudo-random ±1 vector for an id (the same id always gives the same vector). */
function signVector(id: string, dim: number, seed: number): Float32Array {
  const v = new Float32Array(dim);
  let s = hash(id, seed) || 1;
  for (let i = 0; i < dim; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    v[i] = (s >>> 0) & 1 ? 1 : -1;
  }
  return v;
}

/**
 * A deterministic, training-free entity embedding built from the graph's
 * hierarchy: each entity's vector is the decayed sum of seeded random ±1 codes
 * of itself and of every ancestor reached through `relations` (WordNet hypernyms
 * by default), `Σ_a decay^depth(a) r(a)`, plus `typeWeight` times a code per
 * entity type when asked, scaled to unit RMS. Entities that
 * share ancestors get similar vectors, so the vector carries where an entity
 * sits in the taxonomy. Used when no trained embedding space is available.
 *
 * @returns One vector per entity of the store.
 */
export async function computeHypernymFeatures(
  graph: KnowledgeGraph,
  options: HypernymFeatureOptions = {},
): Promise<Map<string, Float32Array>> {
  const o = hypernymFeatureOptionsSchema.parse(options);
  const wanted = new Set(o.relations);
  const parents = new Map<string, string[]>();
  for await (const r of graph.streamRelations()) {
    if (!wanted.has(r.relation)) continue;
    const list = parents.get(r.head);
    if (list) list.push(r.tail);
    else parents.set(r.head, [r.tail]);
  }
  const codes = new Map<string, Float32Array>();
  const code = (id: string) => {
    let c = codes.get(id);
    if (!c) {
      c = signVector(id, o.dim, o.seed);
      codes.set(id, c);
    }
    return c;
  };
  const out = new Map<string, Float32Array>();
  for await (const entity of graph.streamEntities()) {
    const v = new Float32Array(o.dim);
    // Breadth-first over ancestors; each ancestor counted once at its smallest depth.
    const seen = new Set<string>([entity.id]);
    for (const t of entity.types) {
      if (o.typeWeight === 0) break;
      const c = code(`type:${t}`);
      for (let i = 0; i < o.dim; i++) v[i] = v[i]! + o.typeWeight * c[i]!;
    }
    let frontier = [entity.id];
    for (let depth = 0; depth <= o.maxDepth && frontier.length > 0; depth++) {
      const w = o.decay ** depth;
      const next: string[] = [];
      for (const id of frontier) {
        const c = code(id);
        for (let i = 0; i < o.dim; i++) v[i] = v[i]! + w * c[i]!;
        for (const p of parents.get(id) ?? []) {
          if (!seen.has(p)) {
            seen.add(p);
            next.push(p);
          }
        }
      }
      frontier = next;
    }
    let ss = 0;
    for (let i = 0; i < o.dim; i++) ss += v[i]! * v[i]!;
    const scale = ss > 0 ? Math.sqrt(o.dim / ss) : 0;
    for (let i = 0; i < o.dim; i++) v[i] = v[i]! * scale;
    out.set(entity.id, v);
  }
  return out;
}

/** The model name recorded for spaces made by {@link ensureHypernymFeatureSpace}. */
export const HYPERNYM_FEATURES_MODEL = "features.hypernym.v1";

/**
 * Makes sure the store has the embedding space `name`: when it is missing, it
 * is computed with {@link computeHypernymFeatures} and stored (model
 * "features.hypernym.v1", the options as config). Returns its dimension and
 * whether it was created now.
 */
export async function ensureHypernymFeatureSpace(
  graph: KnowledgeGraph,
  name: string,
  options: HypernymFeatureOptions = {},
): Promise<{ dim: number; created: boolean; model: string | undefined }> {
  const existing = (await graph.stats()).embeddingSpaces.find((s) => s.name === name);
  if (existing) return { dim: existing.dim, created: false, model: existing.model };
  const o = hypernymFeatureOptionsSchema.parse(options);
  const vectors = await computeHypernymFeatures(graph, o);
  await graph.putEmbeddings({ name, dim: o.dim, model: HYPERNYM_FEATURES_MODEL, config: o }, vectors);
  return { dim: o.dim, created: true, model: HYPERNYM_FEATURES_MODEL };
}
