import { type Linker, Registry } from "@knowfuse/core";
import { GraphLinker } from "./graph-linker.js";
import { GraphLinkerOptionsSchema } from "./linker-options.js";

/**
 * Creates the registry of linkers with every linker of this package
 * registered: "linker.graph.v1" (alias "graph"). This is the one place where
 * linking registers its implementations.
 *
 * @example
 * ```ts
 * const linkers = createLinkerRegistry();
 * const linker = await linkers.create("linker.graph.v1", { store: kg, maxCandidates: 5 });
 * ```
 */
export function createLinkerRegistry(): Registry<Linker> {
  return new Registry<Linker>("linker").register({
    name: "linker.graph.v1",
    aliases: ["graph"],
    description:
      "longest-match alias trie + candidates with priors + conditional logit over prior, context overlap, graph coherence (PPR) and optional encoder similarity",
    schema: GraphLinkerOptionsSchema,
    create: (options) => GraphLinker.open(options),
  });
}
