import { type AliasHit, AliasTrie } from "../alias-index/alias-trie.js";
import type { Analysis } from "../analysis/analyzer.js";
import { type FormStarts, formStarts, hasPiece } from "./form-starts.js";

/** A mention found in an {@link Analysis}: its token range, the aliases it matched and its POS. */
export interface DetectedMention {
  /** First token index. */
  first: number;
  /** Last token index (inclusive). */
  last: number;
  /** The lookup key (normalised forms of the matched tokens, space-joined). */
  key: string;
  /** Aliases matched (empty for a NIL named-entity span); may be the trie's own list: do not modify. */
  hits: readonly AliasHit[];
  /** The trie nodes whose aliases make up `hits`, in order (a memo key for candidate generation). */
  nodes?: readonly number[];
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

/**
 * A partial walk: the trie node reached, the text of adjacent tokens still
 * being glued (walked from `node` once it is closed), and the key so far.
 */
interface WalkState {
  node: number;
  pending: string;
  key: string;
}

const DEFAULT_CONTENT_POS = new Set(["NOUN", "PROPN", "VERB", "ADJ", "ADV"]);

/** Appends a walk state unless one with the same node and pending text is there. */
function add(states: WalkState[], node: number, pending: string, key: string): void {
  for (const s of states) if (s.node === node && s.pending === pending) return;
  states.push({ node, pending, key });
}

/**
 * Longest-match mention detection over a token trie of aliases. At each token
 * every combination of the tokens' surface and lemma forms is walked through
 * the trie; tokens written without space between them ("C", "+", "+") may also
 * be glued into one piece ("c++"). The longest span that ends on an alias, does
 * not start or end on a free-standing stop word or punctuation, and contains a
 * content word wins. Named-entity spans that no alias
 * covers are returned as NIL mentions (no hits) rather than dropped.
 */
export function detectMentions(
  analysis: Analysis,
  trie: AliasTrie,
  options: DetectOptions = {},
): DetectedMention[] {
  const content = options.contentPos ? new Set(options.contentPos) : DEFAULT_CONTENT_POS;
  const maxTokens = options.maxTokens ?? 8;
  const tokens = analysis.tokens;
  const starts: FormStarts[] = new Array(tokens.length);
  for (let t = 0; t < tokens.length; t++) starts[t] = formStarts(trie, tokens[t]!);
  const mentions: DetectedMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i]!;
    const gluedNext = i + 1 < tokens.length && tokens[i + 1]!.start === first.end;
    if (first.stop && first.pos !== "PROPN" && !gluedNext) {
      i++;
      continue;
    }
    // No alias starts with this token (and it cannot be glued to the next): skip the walk.
    if (!gluedNext && !starts[i]!.startsAlias) {
      i++;
      continue;
    }
    let states: WalkState[] = [{ node: AliasTrie.ROOT, pending: "", key: "" }];
    let best: { last: number; states: WalkState[] } | undefined;
    let hasContent = false;
    for (let j = i; j < tokens.length && j < i + maxTokens; j++) {
      const glued = j > i && tokens[j]!.start === tokens[j - 1]!.end;
      const canDefer = j + 1 < tokens.length && tokens[j + 1]!.start === tokens[j]!.end;
      const next: WalkState[] = [];
      const { forms, roots } = starts[j]!;
      for (const s of states) {
        if (s.pending !== "" && !glued) continue;
        for (let f = 0; f < forms.length; f++) {
          const form = forms[f]!;
          const text = s.pending === "" ? form : s.pending + form;
          if (s.pending === "" ? roots[f] === -2 : !hasPiece(text)) continue;
          const key = s.key === "" || glued ? s.key + form : `${s.key} ${form}`;
          // From the root, the memo already knows where the form leads.
          const closed = s.node === AliasTrie.ROOT && s.pending === "" ? roots[f]! : trie.walk(s.node, text);
          if (closed > 0) add(next, closed, "", key);
          if (canDefer) add(next, s.node, text, key);
        }
      }
      if (next.length === 0) break;
      states = next;
      const tok = tokens[j]!;
      if (content.has(tok.pos)) hasContent = true;
      if ((!tok.stop || glued) && hasContent) {
        let ending: WalkState[] | undefined;
        for (const st of states) {
          if (st.pending !== "" || !trie.hasHits(st.node)) continue;
          if (ending) ending.push(st);
          else ending = [st];
        }
        if (ending) best = { last: j, states: ending };
      }
    }
    if (!best) {
      i++;
      continue;
    }
    const hits =
      best.states.length === 1
        ? trie.hits(best.states[0]!.node)
        : best.states.flatMap((s) => trie.hits(s.node));
    mentions.push({
      first: i,
      last: best.last,
      key: best.states[0]!.key,
      hits,
      nodes: best.states.map((s) => s.node),
      pos: headPos(analysis, i, best.last),
    });
    i = best.last + 1;
  }
  addNilEntities(analysis, starts, mentions);
  return mentions;
}

/** The POS of a span's head: a leading verb for phrasal verbs, else the last token's. */
function headPos(analysis: Analysis, first: number, last: number): string {
  const lead = analysis.tokens[first]!.pos;
  if (lead === "VERB" || first === last) return lead;
  return analysis.tokens[last]!.pos;
}

/** Adds the analyser's entity spans that overlap no detected mention, as NIL mentions. */
function addNilEntities(
  analysis: Analysis,
  starts: readonly FormStarts[],
  mentions: DetectedMention[],
): void {
  const taken = new Uint8Array(analysis.tokens.length);
  for (const m of mentions) taken.fill(1, m.first, m.last + 1);
  for (const e of analysis.entities) {
    let overlaps = false;
    for (let t = e.first; t <= e.last && !overlaps; t++) overlaps = taken[t] === 1;
    if (overlaps) continue;
    const key = starts
      .slice(e.first, e.last + 1)
      .map((t) => t.forms[0])
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
