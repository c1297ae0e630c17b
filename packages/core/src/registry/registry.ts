import type { z } from "zod";
import { UnknownNameError } from "../errors/specific-errors.js";
import { ValidationError } from "../errors/validation-error.js";

/** One registered implementation: its config schema, a factory and a summary. */
export interface RegistryEntry<T, S extends z.ZodType = z.ZodType> {
  /** Versioned name, e.g. "kg.sqlite.v1". */
  name: string;
  /** One line saying what it is. */
  description: string;
  /** Validates the options passed to `create`. */
  schema: S;
  /** Builds an instance from validated options. */
  create: (options: z.output<S>) => T | Promise<T>;
  /** Short aliases accepted in place of `name` (e.g. "sqlite"). */
  aliases?: readonly string[];
}

/**
 * A table of pluggable implementations of one kind (graph stores, fusion
 * methods, embedding models, linkers), resolved by versioned name + options.
 * An unknown name is an error that lists the known ones.
 *
 * @example
 * ```ts
 * const stores = new Registry<KnowledgeGraph>("graph store");
 * stores.register({ name: "kg.sqlite.v1", aliases: ["sqlite"], description: "...", schema, create });
 * const kg = await stores.create("sqlite", { path: "kg.db" });
 * ```
 */
export class Registry<T> {
  readonly #entries = new Map<string, RegistryEntry<T>>();
  readonly #aliases = new Map<string, string>();

  /** @param kind What is registered, used in error messages ("fusion method"). */
  constructor(readonly kind: string) {}

  /** Adds an implementation; registering a taken name is an error. */
  register<S extends z.ZodType>(entry: RegistryEntry<T, S>): this {
    for (const key of [entry.name, ...(entry.aliases ?? [])]) {
      if (this.#entries.has(key) || this.#aliases.has(key)) {
        throw new ValidationError(
          `${this.kind} "${key}" is already registered`,
          [{ path: [key], message: "duplicate" }],
          {
            code: "INVALID_CONFIG",
          },
        );
      }
    }
    this.#entries.set(entry.name, entry as unknown as RegistryEntry<T>);
    for (const alias of entry.aliases ?? []) this.#aliases.set(alias, entry.name);
    return this;
  }

  /** True when `name` (or an alias) is registered. */
  has(name: string): boolean {
    return this.#entries.has(name) || this.#aliases.has(name);
  }

  /** The entry for `name` or an alias; throws {@link UnknownNameError} listing the known names. */
  get(name: string): RegistryEntry<T> {
    const entry = this.#entries.get(this.#aliases.get(name) ?? name);
    if (!entry) throw new UnknownNameError(this.kind, name, this.names());
    return entry;
  }

  /** Every registered versioned name, sorted. */
  names(): string[] {
    return [...this.#entries.keys()].sort();
  }

  /** Every entry, sorted by name. */
  entries(): RegistryEntry<T>[] {
    return this.names().map((n) => this.#entries.get(n)!);
  }

  /** Validates `options` with the entry's schema and builds an instance. */
  async create(name: string, options: unknown = {}): Promise<T> {
    const entry = this.get(name);
    const parsed = entry.schema.safeParse(options);
    if (!parsed.success) {
      throw ValidationError.fromZod(parsed.error, `options of ${this.kind} "${entry.name}"`, {
        code: "INVALID_CONFIG",
      });
    }
    return entry.create(parsed.data);
  }
}
