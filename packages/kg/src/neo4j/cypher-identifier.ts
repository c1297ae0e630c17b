import { ValidationError } from "@knowfuse/core";

/**
 * What a relation name (which becomes a Neo4j relationship type) may look
 * like: one or more words of letters, digits and `_ - . / : # +`, separated by
 * single spaces, at most {@link MAX_IDENTIFIER_LENGTH} characters. This admits
 * every relation of WN18RR (`_hypernym`), FB15k-237
 * (`/film/film/genre`), ConceptNet (`IsA`) and UMLS (`co-occurs_with`), and
 * rejects quotes, backticks, brackets, braces, semicolons and control characters.
 */
export const SAFE_IDENTIFIER_PATTERN = /^[\p{L}\p{N}_\-./:#+]+(?: [\p{L}\p{N}_\-./:#+]+)*$/u;

/** Longest relation name accepted. */
export const MAX_IDENTIFIER_LENGTH = 200;

/** The rule of {@link SAFE_IDENTIFIER_PATTERN}, in words, for error messages. */
const ALLOWED =
  "letters, digits and _ - . / : # + in words separated by single spaces, " +
  `at most ${MAX_IDENTIFIER_LENGTH} characters`;

/**
 * Quotes a name for use as a Cypher label or relationship type: wraps it in
 * backticks and doubles any backtick inside, so the whole string is one
 * identifier whatever it contains. Used after {@link assertSafeIdentifier} as a
 * second line of defence.
 *
 * @example
 * ```ts
 * escapeIdentifier("part of");   // "`part of`"
 * escapeIdentifier("a`b");       // "`a``b`"
 * ```
 */
export function escapeIdentifier(name: string): string {
  return `\`${name.replaceAll("`", "``")}\``;
}

/** True when `name` may be used as a relationship type or label (see {@link SAFE_IDENTIFIER_PATTERN}). */
export function isSafeIdentifier(name: string): boolean {
  return name.length <= MAX_IDENTIFIER_LENGTH && SAFE_IDENTIFIER_PATTERN.test(name);
}

/**
 * Throws a {@link ValidationError} naming the field and the bad name when
 * `name` is not a safe identifier; otherwise returns it escaped with {@link escapeIdentifier}.
 *
 * @param path Where the name came from, e.g. `["relations", 3, "relation"]`.
 */
export function safeIdentifier(name: string, path: readonly (string | number)[]): string {
  if (!isSafeIdentifier(name)) {
    const where = path.join(".") || "name";
    throw new ValidationError(
      `${where}: ${JSON.stringify(name)} cannot be a Neo4j relationship type; allowed: ${ALLOWED}`,
      [{ path: [...path], message: `not allowed; allowed: ${ALLOWED}` }],
      { details: { name, pattern: SAFE_IDENTIFIER_PATTERN.source } },
    );
  }
  return escapeIdentifier(name);
}
