import { Parameter, type Prng } from "@knowfuse/core";
import type { KgeModel } from "./kge-model.js";
import type { KgeVocabulary } from "./kge-vocabulary.js";

/**
 * A knowledge graph embedding: the model, the vocabulary and the two
 * parameter tables (`entities` [N, dim], `relations` [2·relations, width],
 * reciprocal relations in the second half), plus the training configuration.
 */
export class KgeEmbeddings {
  constructor(
    readonly model: KgeModel,
    readonly dim: number,
    readonly vocab: KgeVocabulary,
    readonly entities: Parameter,
    readonly relations: Parameter,
    /** The training configuration (recorded in model files and embedding spaces). */
    public config: Record<string, unknown> = {},
  ) {}

  /** Freshly initialised parameters for `vocab` (normal values of `initScale`; RotatE phases uniform in [-π, π]). */
  static create(
    model: KgeModel,
    dim: number,
    vocab: KgeVocabulary,
    rng: Prng,
    initScale = model.defaultInitScale,
  ): KgeEmbeddings {
    const entities = new Parameter("entities", [vocab.entities.length, dim]).initNormal(rng, initScale);
    const relations = new Parameter("relations", [2 * vocab.relations.length, model.relationWidth(dim)]);
    if (model.phaseRelations) relations.initUniform(rng, Math.PI);
    else relations.initNormal(rng, initScale);
    return new KgeEmbeddings(model, dim, vocab, entities, relations);
  }

  /** Number of relation rows (twice the relations: reciprocals included). */
  get relationRows(): number {
    return this.relations.shape[0]!;
  }

  /** The vector of an entity (a view into the table), or undefined when unknown. */
  entityVector(name: string): Float32Array | undefined {
    const i = this.vocab.entity(name);
    return i === undefined ? undefined : this.entities.data.subarray(i * this.dim, (i + 1) * this.dim);
  }
}
