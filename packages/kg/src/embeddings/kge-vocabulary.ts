/**
 * The entity and relation names of a trained embedding model, in row order.
 * Relation row `i + relations.length` is the reciprocal of relation `i`.
 */
export class KgeVocabulary {
  readonly #entityIndex = new Map<string, number>();
  readonly #relationIndex = new Map<string, number>();

  constructor(
    /** Entity names; entity row i embeds `entities[i]`. */
    readonly entities: string[] = [],
    /** Relation names (without reciprocals). */
    readonly relations: string[] = [],
  ) {
    entities.forEach((e, i) => {
      this.#entityIndex.set(e, i);
    });
    relations.forEach((r, i) => {
      this.#relationIndex.set(r, i);
    });
  }

  /** Row of an entity, or undefined. */
  entity(name: string): number | undefined {
    return this.#entityIndex.get(name);
  }

  /** Row of a relation, or undefined. */
  relation(name: string): number | undefined {
    return this.#relationIndex.get(name);
  }

  /** Row of an entity, adding it when new. */
  addEntity(name: string): number {
    let i = this.#entityIndex.get(name);
    if (i === undefined) {
      i = this.entities.length;
      this.entities.push(name);
      this.#entityIndex.set(name, i);
    }
    return i;
  }

  /** Row of a relation, adding it when new. */
  addRelation(name: string): number {
    let i = this.#relationIndex.get(name);
    if (i === undefined) {
      i = this.relations.length;
      this.relations.push(name);
      this.#relationIndex.set(name, i);
    }
    return i;
  }
}
