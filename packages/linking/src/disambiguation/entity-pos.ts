import type { Entity } from "@knowfuse/core";

/** WordNet-style coarse parts of speech: noun, verb, adjective, adverb. */
export type CoarsePos = "n" | "v" | "a" | "r";

const NAMES: Record<string, CoarsePos> = {
  n: "n",
  noun: "n",
  v: "v",
  verb: "v",
  a: "a",
  s: "a",
  adj: "a",
  adjective: "a",
  "adjective satellite": "a",
  adjective_satellite: "a",
  r: "r",
  adv: "r",
  adverb: "r",
};

/** Maps a universal POS tag (or a WordNet letter or name) to a {@link CoarsePos}; undefined when it has none. */
export function coarsePos(tag: string | undefined): CoarsePos | undefined {
  if (!tag) return undefined;
  // The analyser's universal tags first: this runs for every mention, and lower-casing allocates.
  switch (tag) {
    case "NOUN":
    case "PROPN":
    case "NUM":
      return "n";
    case "VERB":
    case "AUX":
      return "v";
    case "ADJ":
      return "a";
    case "ADV":
      return "r";
  }
  const t = tag.toLowerCase();
  if (t === "propn" || t === "num") return "n";
  if (t === "aux") return "v";
  return NAMES[t];
}

/**
 * The part of speech of an entity, for entities that have one (WordNet
 * synsets): `properties.pos`, else a type such as "noun" or "wordnet:noun", else
 * undefined (entities of other graphs are not filtered by POS).
 */
export function entityPos(entity: Entity): CoarsePos | undefined {
  const prop = entity.properties?.pos;
  if (typeof prop === "string") {
    const p = coarsePos(prop);
    if (p) return p;
  }
  for (const type of entity.types) {
    const p = NAMES[type.toLowerCase().replace(/^.*[:/]/, "")];
    if (p) return p;
  }
  return undefined;
}
