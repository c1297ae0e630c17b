import { type AliasHit, AliasTrie } from "../alias-index/alias-trie.js";
import { type Analysis, tokenForms } from "../analysis/analyzer.js";

/** A mention found in an {@link Analysis}: its token range, the aliases it matched and its POS. */
export interface DetectedMention {
  /** First token index. */
  first: number;
  /** Last token index (inclusive). */
  last: number;
  /** The lookup key (normalised forms of the matched tokens, space-joined). */
  key: string;
  /** Aliases matched (empty for a NIL named-entity span). */
  hits: AliasHit[];
  /** Universal POS of the mention's head. */
  pos?: string;
  /** The analyser's entity type when the span came from named-entity recognition. */
  entityType?: string;
}

/** Options of {@link detectMentions}. */
export interface DetectOptions {
  /** POS tags a mention must contain (default NOUN, PROPN, VERB, ADJ, ADV). */
  contentPos?: readonly string[];
  /** Longest alias considered, in tokens (default 8). */
  maxTokens?: number;
}

const DEFAULT_CONTENT_POS = ["NOUN", "PROPN", "VERB", "ADJ", "ADV"];

/**
 * Longest-match mention detection over a token trie of aliases. At each token
 * every combination of the tokens' surface and lemma forms is walked through
 * the trie; the longest span that ends on an alias, does not start or end on a
 * stop word, and contains a content word wins. Named-entity spans that no alias
 * covers are returned as NIL mentions (no hits) rather than dropped.
 */
export function detectMentions(
  analysis: Analysis,
  trie: AliasTrie,
  options: DetectOptions = {},
): DetectedMention[] {
  const content = new Set(options.contentPos ?? DEFAULT_CONTENT_POS);
  const maxTokens = options.maxTokens ?? 8;
  const tokens = analysis.tokens;
  const forms = tokens.map((t) => tokenForms(t));
  const mentions: DetectedMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i]!;
    if (first.stop && first.pos !== "PROPN") {
      i++;
      continue;
    }
    let states: { node: number; key: string }[] = [{ node: AliasTrie.ROOT, key: "" }];
    let best: { last: number; states: { node: number; key: string }[] } | undefined;
    let hasContent = false;
    for (let j = i; j < tokens.length && j < i + maxTokens; j++) {
      const next: { node: number; key: string }[] = [];
      for (const s of states) {
        for (const form of forms[j]!) {
          const node = trie.walk(s.node, form);
          if (node > 0 && !next.some((n) => n.node === node)) {
            next.push({ node, key: s.key === "" ? form : `${s.key} ${form}` });
          }
        }
      }
      if (next.length === 0) break;
      states = next;
      const tok = tokens[j]!;
      if (content.has(tok.pos)) hasContent = true;
      if (!tok.stop && hasContent && states.some((s) => trie.hits(s.node).length > 0)) {
        best = { last: j, states: states.filter((s) => trie.hits(s.node).length > 0) };
      }
    }
    if (!best) {
      i++;
      continue;
    }
    const hits: AliasHit[] = [];
    for (const s of best.states) hits.push(...trie.hits(s.node));
    mentions.push({
      first: i,
      last: best.last,
      key: best.states[0]!.key,
      hits,
      pos: headPos(analysis, i, best.last),
    });
    i = best.last + 1;
  }
  addNilEntities(analysis, mentions);
  return mentions;
}

/** The POS of a span's head: a leading verb for phrasal verbs, else the last token's. */
function headPos(analysis: Analysis, first: number, last: number): string {
  const lead = analysis.tokens[first]!.pos;
  if (lead === "VERB" || first === last) return lead;
  return analysis.tokens[last]!.pos;
}

/** Adds the analyser's entity spans that overlap no detected mention, as NIL mentions. */
function addNilEntities(analysis: Analysis, mentions: DetectedMention[]): void {
  const taken = new Uint8Array(analysis.tokens.length);
  for (const m of mentions) taken.fill(1, m.first, m.last + 1);
  for (const e of analysis.entities) {
    if (taken.subarray(e.first, e.last + 1).some((x) => x === 1)) continue;
    const key = analysis.tokens
      .slice(e.first, e.last + 1)
      .map((t) => tokenForms(t)[0])
      .join(" ");
    mentions.push({
      first: e.first,
      last: e.last,
      key,
      hits: [],
      pos: analysis.tokens[e.last]!.pos,
      entityType: e.type,
    });
  }
  mentions.sort((a, b) => a.first - b.first);
}
