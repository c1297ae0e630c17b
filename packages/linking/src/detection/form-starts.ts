import { AliasTrie, splitPieces } from "../alias-index/alias-trie.js";
import { type AnalyzedToken, tokenForms } from "../analysis/analyzer.js";

/** A token's lookup forms and the trie node each reaches from the root. */
export interface FormStarts {
  /** The token's forms (see {@link tokenForms}); shared: do not modify. */
  forms: readonly string[];
  /** Per form: the root's child along it, -1 when no alias starts so, -2 when the form has nothing to walk. */
  roots: readonly number[];
  /** Per form: its piece number in the trie (-1: in no alias), or -2 when it splits into several pieces. */
  pieces: readonly number[];
  /** True when some form starts an alias. */
  startsAlias: boolean;
}

const SEPARATOR = /[\s-]/;

/** True when a text has something to walk: a character other than whitespace and hyphens. */
export function hasPiece(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 45) continue;
    if ((c > 32 && c < 0xa0) || !SEPARATOR.test(text[i]!)) return true;
  }
  return false;
}

/** Memo of {@link FormStarts} per trie, by token text then lemma (the same words recur). */
const memos = new WeakMap<AliasTrie, Map<string, Map<string, FormStarts>>>();
const MEMO_LIMIT = 200_000;

/**
 * A token's forms with the alias-trie nodes they reach from the root,
 * memoised per trie: the first step of every walk is the one into the root's
 * very large child map, and most tokens are looked up again and again.
 */
export function formStarts(trie: AliasTrie, token: AnalyzedToken): FormStarts {
  let byText = memos.get(trie);
  if (byText === undefined) {
    byText = new Map();
    memos.set(trie, byText);
  }
  let byLemma = byText.get(token.text);
  if (byLemma === undefined) {
    if (byText.size >= MEMO_LIMIT) byText.clear();
    byLemma = new Map();
    byText.set(token.text, byLemma);
  }
  let starts = byLemma.get(token.lemma);
  if (starts === undefined) {
    const forms = tokenForms(token);
    const roots = forms.map((f) => (hasPiece(f) ? trie.walk(AliasTrie.ROOT, f) : -2));
    const pieces = forms.map((f) => (splitPieces(f).length === 1 ? trie.pieceId(f) : -2));
    starts = { forms, roots, pieces, startsAlias: roots.some((r) => r > 0) };
    byLemma.set(token.lemma, starts);
  }
  return starts;
}
