/** The four WordNet data files, by the part-of-speech letter used in knowfuse synset ids. */
export type WordnetFilePos = "n" | "v" | "a" | "r";

const COMMON: Record<string, string> = {
  "!": "antonym",
  "@": "hypernym",
  "@i": "instance_hypernym",
  "~": "hyponym",
  "~i": "instance_hyponym",
  "#m": "member_holonym",
  "#s": "substance_holonym",
  "#p": "part_holonym",
  "%m": "member_meronym",
  "%s": "substance_meronym",
  "%p": "part_meronym",
  "=": "attribute",
  "+": "derivationally_related_form",
  ";c": "domain_topic",
  "-c": "member_of_domain_topic",
  ";r": "domain_region",
  "-r": "member_of_domain_region",
  ";u": "domain_usage",
  "-u": "member_of_domain_usage",
  "*": "entailment",
  ">": "cause",
  "^": "also_see",
  $: "verb_group",
  "&": "similar_to",
  "<": "participle",
  "\\": "pertainym",
};

/**
 * The readable relation name of a WordNet pointer symbol (see WordNet's
 * wninput(5WN)), e.g. "@" → "hypernym", "%p" → "part_meronym". `\` is
 * "pertainym" in noun and adjective files and "derived_from_adjective" in the
 * adverb file. Undefined for an unknown symbol.
 */
export function wordnetPointerName(symbol: string, pos: WordnetFilePos): string | undefined {
  if (symbol === "\\" && pos === "r") return "derived_from_adjective";
  return COMMON[symbol];
}
