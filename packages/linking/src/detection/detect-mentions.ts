import { type AliasHit, AliasTrie } from "../alias-index/alias-trie.js";
import type { Analysis } from "../analysis/analyzer.js";
import { type FormStarts, formStartsMemo, hasPiece } from "./form-starts.js";

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
 * The partial walks of one detection start, kept in reused arrays (detection
 * runs for every token, so it allocates nothing per step). Walk state `k` has
 * reached trie node `node[k]` with the text of adjacent tokens `pending[k]`
 * still being glued (walked from the node once closed); it extends state
 * `parent[k]` of the previous token by that token's form number `form[k]`.
 */
class WalkArena {
  readonly node: number[] = [];
  readonly pending: string[] = [];
  readonly parent: number[] = [];
  readonly form: number[] = [];
  size = 0;

  /** Appends a state unless the states from `from` on already hold one with the same node and pending text. */
  add(from: number, node: number, pending: string, parent: number, form: number): void {
    for (let k = from; k < this.size; k++) if (this.node[k] === node && this.pending[k] === pending) return;
    const k = this.size++;
    this.node[k] = node;
    this.pending[k] = pending;
    this.parent[k] = parent;
    this.form[k] = form;
  }
}

const arena = new WalkArena();

/** True when arena state `k` ends on an alias (nothing pending, hits at its node). */
function endsAlias(trie: AliasTrie, k: number): boolean {
  return arena.pending[k] === "" && trie.hasHits(arena.node[k]!);
}

const DEFAULT_CONTENT_POS = new Set(["NOUN", "PROPN", "VERB", "ADJ", "ADV"]);

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
  const memo = formStartsMemo(trie);
  const lexemes = analysis.lexemes;
  for (let t = 0; t < tokens.length; t++) starts[t] = memo.get(tokens[t]!, lexemes?.[t] ?? -1);
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
    // States of token j are arena[from, to); the walk starts from one root state.
    arena.size = 0;
    arena.add(0, AliasTrie.ROOT, "", -1, 0);
    let from = 0;
    let to = 1;
    // The longest match: its last token and the arena states of that token.
    let bestLast = -1;
    let bestFrom = 0;
    let bestTo = 0;
    let hasContent = false;
    for (let j = i; j < tokens.length && j < i + maxTokens; j++) {
      const glued = j > i && tokens[j]!.start === tokens[j - 1]!.end;
      const canDefer = j + 1 < tokens.length && tokens[j + 1]!.start === tokens[j]!.end;
      const s = starts[j]!;
      for (let k = from; k < to; k++) {
        const node = arena.node[k]!;
        const pending = arena.pending[k]!;
        if (pending !== "" && !glued) continue;
        for (let f = 0; f < s.count; f++) {
          let closed: number;
          // The glued text, when a pending piece is being continued.
          let text = "";
          if (pending === "") {
            const root = f === 0 ? s.root0 : s.root1;
            if (root === -2) continue;
            const piece = f === 0 ? s.piece0 : s.piece1;
            // From the root, the memo already knows where the form leads; from
            // elsewhere a one-piece form is one numbered step.
            closed =
              node === AliasTrie.ROOT
                ? root
                : piece === -2
                  ? trie.walk(node, s.forms[f]!)
                  : trie.stepPiece(node, piece);
          } else {
            text = pending + s.forms[f]!;
            if (!hasPiece(text)) continue;
            closed = trie.walk(node, text);
          }
          if (closed > 0) arena.add(to, closed, "", k, f);
          if (canDefer) arena.add(to, node, pending === "" ? s.forms[f]! : text, k, f);
        }
      }
      if (arena.size === to) break;
      from = to;
      to = arena.size;
      const tok = tokens[j]!;
      if (content.has(tok.pos)) hasContent = true;
      if ((!tok.stop || glued) && hasContent) {
        for (let k = from; k < to; k++) {
          if (!endsAlias(trie, k)) continue;
          bestLast = j;
          bestFrom = from;
          bestTo = to;
          break;
        }
      }
    }
    if (bestLast < 0) {
      i++;
      continue;
    }
    let keyState = -1;
    let count = 0;
    for (let k = bestFrom; k < bestTo; k++) {
      if (!endsAlias(trie, k)) continue;
      if (keyState < 0) keyState = k;
      count++;
    }
    const nodes: number[] = new Array(count);
    for (let k = keyState, n = 0; n < count; k++) if (endsAlias(trie, k)) nodes[n++] = arena.node[k]!;
    mentions.push({
      first: i,
      last: bestLast,
      key: walkKey(tokens, starts, i, keyState),
      hits: trie.hitsOf(nodes),
      nodes,
      pos: headPos(analysis, i, bestLast),
    });
    i = bestLast + 1;
  }
  addNilEntities(analysis, starts, mentions);
  return mentions;
}

/**
 * The lookup key of the walk that ended in arena state `state`: the forms it
 * took from token `first` on, joined by a space unless written together.
 */
function walkKey(
  tokens: Analysis["tokens"],
  starts: readonly FormStarts[],
  first: number,
  state: number,
): string {
  // State 0 is the root; every other state took one token's form.
  let length = 0;
  for (let k = state; k > 0; k = arena.parent[k]!) length++;
  const forms: string[] = new Array(length);
  for (let k = state, t = first + length - 1; k > 0; k = arena.parent[k]!, t--)
    forms[t - first] = starts[t]!.forms[arena.form[k]!]!;
  let key = "";
  for (let t = first; t < first + length; t++) {
    const form = forms[t - first]!;
    key =
      key === "" || (t > first && tokens[t]!.start === tokens[t - 1]!.end) ? key + form : `${key} ${form}`;
  }
  return key;
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
