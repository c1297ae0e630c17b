import { readFileSync } from "node:fs";
import { datasetPath, ValidationError } from "@knowfuse/core";
import { lintCypherQuery, parseStatementsStrs } from "@neo4j-cypher/language-support";
import { describe, expect, it } from "vitest";
import { escapeIdentifier, isSafeIdentifier, safeIdentifier } from "./cypher-identifier.js";
import { mergeRelationsCypher, mergeRelationsStatement, SAMPLE_PARAMETERS } from "./cypher-statements.js";

/** Names that try to break out of a relationship type, or carry characters a type should not. */
const HOSTILE = [
  "x`]->(m) DETACH DELETE m //",
  "a``b",
  "`",
  "rel]->() WITH 1 AS x MATCH (n) DETACH DELETE n RETURN 1 //",
  "r {weight: 1}",
  "a;b",
  "line\nbreak",
  "tab\there",
  "nul\u0000byte",
  "quote'd",
  'double"quote',
  "two  spaces",
  " leading",
  "trailing ",
  "",
  "x".repeat(201),
  "$(param)",
  "back\\slash",
];

/** The relation names of the shared data sets' training files (column 2). */
function datasetRelations(): string[] {
  const files = [
    datasetPath("wn18rr", "train.txt"),
    datasetPath("conceptnet100k", "train.txt"),
    datasetPath("fb15k237", "valid.txt"),
    datasetPath("umls", "train.tsv"),
  ];
  const names = new Set<string>();
  for (const file of files) {
    for (const line of readFileSync(file, "utf8").split("\n")) {
      const relation = line.split("\t")[1];
      if (relation) names.add(relation);
    }
  }
  return [...names];
}

/** Neo4j's parser on one statement: its error diagnostics and the variables it declares. */
function parse(cypher: string, relationshipTypes: string[]) {
  const result = lintCypherQuery(cypher, {
    defaultLanguage: "CYPHER 5",
    parameters: { ...SAMPLE_PARAMETERS },
    relationshipTypes,
  });
  return {
    errors: result.diagnostics.filter((d) => d.severity === 1).map((d) => String(d.message)),
    variables: [...new Set(result.symbolTables.flat().map((s) => s.variable))].sort(),
  };
}

/** The variables the relation MERGE statement declares when the type stays one identifier. */
const MERGE_VARIABLES = ["h", "r", "row", "t", "written"];

/**
 * The linter is synchronous and slow (about a second a statement on a busy
 * machine); letting the event loop run between statements keeps the vitest
 * worker answering its runner instead of timing out its RPC.
 */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe("relation names as Neo4j relationship types", () => {
  it("accepts every relation name of the real data sets", () => {
    const names = datasetRelations();
    expect(names.length).toBeGreaterThan(250);
    expect(names).toContain("_hypernym");
    expect(names).toContain("co-occurs_with");
    expect(names.filter((n) => !isSafeIdentifier(n))).toEqual([]);
  });

  it.each(HOSTILE.map((name) => [JSON.stringify(name), name] as const))(
    "rejects the hostile name %s with a ValidationError naming the field",
    (_label, name) => {
      expect(isSafeIdentifier(name)).toBe(false);
      let caught: unknown;
      try {
        mergeRelationsStatement(name, ["relations", 7, "relation"]);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ValidationError);
      const error = caught as ValidationError;
      expect(error.code).toBe("INVALID_INPUT");
      expect(error.message).toContain("relations.7.relation");
      expect(error.message).toContain("allowed:");
      expect(error.issues[0]?.path).toEqual(["relations", 7, "relation"]);
    },
  );

  it("backtick-quotes a name and doubles the backticks inside it", () => {
    expect(escapeIdentifier("part of")).toBe("`part of`");
    expect(escapeIdentifier("a`b")).toBe("`a``b`");
    expect(escapeIdentifier("``")).toBe("``````");
    expect(safeIdentifier("/film/film/genre", ["relation"])).toBe("`/film/film/genre`");
  });

  it.each(
    HOSTILE.filter((n) => n !== "" && !n.includes("\u0000")).map((n) => [JSON.stringify(n), n] as const),
  )("escaping alone keeps %s one relationship type in one statement", async (_label, name) => {
    await yieldToEventLoop();
    const cypher = mergeRelationsCypher(escapeIdentifier(name));
    expect(parseStatementsStrs(cypher)).toHaveLength(1);
    expect(parse(cypher, [name])).toEqual({ errors: [], variables: MERGE_VARIABLES });
  });

  it("without escaping, the same names would inject Cypher (so the checks above can fail)", () => {
    const deleting = parse(mergeRelationsCypher("x]->(m) DETACH DELETE m //"), []);
    expect(deleting.errors).toEqual([]);
    expect(deleting.variables).toContain("m");
    const injected = mergeRelationsCypher("X]->(t) RETURN 1; MATCH (n) DETACH DELETE n //");
    expect(parseStatementsStrs(injected).length).toBeGreaterThan(1);
  });
});
