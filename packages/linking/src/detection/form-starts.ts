import { AliasTrie, splitPieces } from "../alias-index/alias-trie.js";
import { type Analysis, type AnalyzedToken, tokenForms } from "../analysis/analyzer.js";
import { LexemeSlots } from "../analysis/lexeme-slots.js";

/**
 * A token's lookup forms (one or two: its text and its lemma) and the trie
 * node each reaches from the root. The per-form numbers are fields rather than
 * arrays: detection reads them for every token right after the analyser has
 * filled the caches with its own data, and each array would be one more read
 * from memory.
 */
export interface FormStarts {
  /** The token's forms (see {@link tokenForms}); shared: do not modify. */
  forms: readonly string[];
  /** `forms.length`. */
  count: number;
  /** The root's child along the first form, -1 when no alias starts so, -2 when the form has nothing to walk. */
  root0: number;
  /** The same for the second form (-2 when there is none). */
  root1: number;
  /** The first form's piece number in the trie (-1: in no alias), or -2 when it splits into several pieces. */
  piece0: number;
  /** The same for the second form. */
  piece1: number;
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

/** An entry of {@link FormStartsMemo}: the starts for the first lemma seen with a text, and any others. */
interface TextEntry {
  lemma: string;
  starts: FormStarts;
  others: Map<string, FormStarts> | undefined;
}

const MEMO_LIMIT = 200_000;

/**
 * Tokens' forms with the alias-trie nodes they reach from the root, memoised
 * for one trie by lexeme id when the analysis has one (an array read), and by
 * token text (most texts come with one lemma, kept inline; others sit in a
 * small map): most tokens are looked up again and again, and the first step of
 * a walk needs the piece's number from the map of every piece.
 */
export class FormStartsMemo {
  readonly #trie: AliasTrie;
  readonly #byText = new Map<string, TextEntry>();
  readonly #byLexeme = new LexemeSlots<FormStarts>();

  constructor(trie: AliasTrie) {
    this.#trie = trie;
  }

  /** The forms and starts of a token, whose lexeme id (see {@link Analysis.lexemes}) may be given. */
  get(token: AnalyzedToken, lexeme = -1): FormStarts {
    let starts = this.#byLexeme.get(lexeme, token.text, token.lemma);
    if (starts === undefined) {
      starts = this.#byTextAndLemma(token);
      this.#byLexeme.set(lexeme, token.text, token.lemma, starts);
    }
    return starts;
  }

  #byTextAndLemma(token: AnalyzedToken): FormStarts {
    const entry = this.#byText.get(token.text);
    if (entry !== undefined) {
      if (entry.lemma === token.lemma) return entry.starts;
      let starts = entry.others?.get(token.lemma);
      if (starts === undefined) {
        starts = this.#compute(token);
        entry.others ??= new Map();
        entry.others.set(token.lemma, starts);
      }
      return starts;
    }
    if (this.#byText.size >= MEMO_LIMIT) {
      this.#byText.clear();
      this.#byLexeme.clear();
    }
    const starts = this.#compute(token);
    this.#byText.set(token.text, { lemma: token.lemma, starts, others: undefined });
    return starts;
  }

  #compute(token: AnalyzedToken): FormStarts {
    const trie = this.#trie;
    const forms = tokenForms(token);
    const root = (f: string | undefined) =>
      f !== undefined && hasPiece(f) ? trie.walk(AliasTrie.ROOT, f) : -2;
    const piece = (f: string | undefined) =>
      f !== undefined && splitPieces(f).length === 1 ? trie.pieceId(f) : -2;
    const [first, second] = forms;
    const root0 = root(first);
    const root1 = root(second);
    return {
      forms,
      count: forms.length,
      root0,
      root1,
      piece0: piece(first),
      piece1: piece(second),
      startsAlias: root0 > 0 || root1 > 0,
    };
  }
}

const memos = new WeakMap<AliasTrie, FormStartsMemo>();

/** The {@link FormStartsMemo} of a trie (one per trie, kept while the trie lives). */
export function formStartsMemo(trie: AliasTrie): FormStartsMemo {
  let memo = memos.get(trie);
  if (memo === undefined) {
    memo = new FormStartsMemo(trie);
    memos.set(trie, memo);
  }
  return memo;
}
