import { safeIdentifier } from "./cypher-identifier.js";

// Every Cypher statement the Neo4j store sends lives in this module, so that a
// test can enumerate them all (see `allCypherStatements`) and have Neo4j's own
// parser lint each one. Values always travel as parameters; the only text
// built from user data is a relationship type, validated and backtick-escaped
// by `safeIdentifier`.
//
// Graph model:
//   (:Node:Entity {id, label, description, types, category, source, properties})
//   (:Node {id})  a relation end that is not (or no longer) an entity, as the
//                 SQLite store also keeps relations whose ends are not entities
//   (:Entity)-[:HAS_ALIAS]->(:Alias {text, normalized, grams, prior, key, ord, entityId})
//   (:Embedding {space, entityId, vector})
//   (:EmbeddingSpace {name, dim, model, config})
//   (:Node)-[:`<relation name>` {weight, source}]->(:Node)
//   (:KnowfuseMeta {key: "content", uuid, version})

/** Name of the full-text index over alias trigrams, used for fuzzy lookup. */
export const ALIAS_FULLTEXT_INDEX = "knowfuse_alias_grams";

/** Name of the vector index over embedding vectors. */
export const EMBEDDING_VECTOR_INDEX = "knowfuse_embedding_vector";

/** The node labels the store uses. */
export const NODE_LABELS = [
  "Node",
  "Entity",
  "Alias",
  "Embedding",
  "EmbeddingSpace",
  "KnowfuseMeta",
] as const;

/** The fixed relationship types the store uses (relations between nodes take their own names). */
export const FIXED_RELATIONSHIP_TYPES = ["HAS_ALIAS"] as const;

/** Every property key the store reads or writes, and the keys of the parameter maps it reads. */
export const PROPERTY_KEYS = [
  "id",
  "label",
  "description",
  "types",
  "category",
  "source",
  "properties",
  "text",
  "normalized",
  "grams",
  "prior",
  "key",
  "ord",
  "entityId",
  "space",
  "vector",
  "name",
  "dim",
  "model",
  "config",
  "weight",
  "uuid",
  "version",
  "graphVersion",
  "head",
  "tail",
  "aliases",
  "index",
  "lucene",
] as const;

/**
 * The schema statements run on connect: unique ids, lookup indexes, a
 * full-text index on alias trigrams (whitespace analyser) and a vector index on
 * embeddings (Neo4j 5 syntax), all idempotent (`IF NOT EXISTS`).
 *
 * @param vectorDimensions When given, the vector index only accepts vectors of
 *   this size (Neo4j before 5.23 requires it; later versions accept any size when absent).
 */
export function schemaStatements(vectorDimensions?: number): string[] {
  const vectorConfig =
    vectorDimensions === undefined
      ? "{`vector.similarity_function`: 'cosine'}"
      : `{\`vector.dimensions\`: ${Math.trunc(vectorDimensions)}, \`vector.similarity_function\`: 'cosine'}`;
  return [
    "CREATE CONSTRAINT knowfuse_node_id IF NOT EXISTS FOR (n:Node) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT knowfuse_embedding_key IF NOT EXISTS FOR (v:Embedding) REQUIRE (v.space, v.entityId) IS UNIQUE",
    "CREATE CONSTRAINT knowfuse_space_name IF NOT EXISTS FOR (s:EmbeddingSpace) REQUIRE s.name IS UNIQUE",
    "CREATE CONSTRAINT knowfuse_meta_key IF NOT EXISTS FOR (m:KnowfuseMeta) REQUIRE m.key IS UNIQUE",
    "CREATE INDEX knowfuse_entity_id IF NOT EXISTS FOR (e:Entity) ON (e.id)",
    "CREATE INDEX knowfuse_entity_source IF NOT EXISTS FOR (e:Entity) ON (e.source)",
    "CREATE INDEX knowfuse_alias_normalized IF NOT EXISTS FOR (a:Alias) ON (a.normalized)",
    "CREATE INDEX knowfuse_embedding_entity IF NOT EXISTS FOR (v:Embedding) ON (v.entityId)",
    `CREATE FULLTEXT INDEX ${ALIAS_FULLTEXT_INDEX} IF NOT EXISTS FOR (a:Alias) ON EACH [a.grams] OPTIONS {indexConfig: {\`fulltext.analyzer\`: 'whitespace'}}`,
    `CREATE VECTOR INDEX ${EMBEDDING_VECTOR_INDEX} IF NOT EXISTS FOR (v:Embedding) ON (v.vector) OPTIONS {indexConfig: ${vectorConfig}}`,
  ];
}

/**
 * Waits up to `$seconds` for every index to come online (run on connect, so
 * the first lookups never meet a full-text index that is still being built).
 */
export const AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)";

/** Creates the content- and graph-version record if missing (run on connect). */
export const ENSURE_META = `MERGE (m:KnowfuseMeta {key: 'content'})
ON CREATE SET m.uuid = randomUUID(), m.version = 0, m.graphVersion = 0`;

/**
 * Inserts or replaces entities. `$rows`: `{id, label, description, types,
 * category, source, properties (JSON text or null), aliases: [{text,
 * normalized, grams, prior, key, ord}]}`; ids must be distinct within one
 * call. Old aliases are removed and the new ones created, so aliases are replaced whole.
 */
export const UPSERT_ENTITIES = `UNWIND $rows AS row
MERGE (e:Node {id: row.id})
SET e:Entity, e.label = row.label, e.description = row.description, e.types = row.types,
    e.category = row.category, e.source = row.source, e.properties = row.properties
WITH e, row
CALL (e) {
  OPTIONAL MATCH (e)-[:HAS_ALIAS]->(old:Alias)
  DETACH DELETE old
}
CALL (e, row) {
  UNWIND row.aliases AS alias
  CREATE (e)-[:HAS_ALIAS]->(:Alias {text: alias.text, normalized: alias.normalized, grams: alias.grams,
                                    prior: alias.prior, key: alias.key, ord: alias.ord, entityId: row.id})
}
RETURN count(e) AS written`;

/**
 * Inserts or updates relations of one type, keyed by (head, type, tail).
 * `$rows`: `{head, tail, weight, source}`. The type is validated with
 * {@link safeIdentifier} and backtick-escaped.
 *
 * @param relation The relation name, e.g. "_hypernym".
 * @param path Where the name came from, for the error message.
 */
export function mergeRelationsStatement(
  relation: string,
  path: readonly (string | number)[] = ["relation"],
): string {
  return mergeRelationsCypher(safeIdentifier(relation, path));
}

/**
 * The text of {@link mergeRelationsStatement} for an already quoted type
 * (the output of `escapeIdentifier`). Exposed so tests can show that escaping
 * alone keeps a hostile name one identifier; the store always goes through
 * {@link mergeRelationsStatement}.
 */
export function mergeRelationsCypher(quotedType: string): string {
  return `UNWIND $rows AS row
MERGE (h:Node {id: row.head})
MERGE (t:Node {id: row.tail})
MERGE (h)-[r:${quotedType}]->(t)
SET r.weight = row.weight, r.source = row.source
RETURN count(r) AS written`;
}

/** Moves the content version on; run inside every write transaction that changes only embeddings. */
export const BUMP_CONTENT_VERSION = `MERGE (m:KnowfuseMeta {key: 'content'})
ON CREATE SET m.uuid = randomUUID(), m.version = 0
SET m.version = m.version + 1`;

/**
 * Moves the content and graph versions on; run inside every write transaction
 * that changes entities, aliases or relations (a record without a graph
 * version has had no such write that moved it: version 0).
 */
export const BUMP_GRAPH_VERSION = `MERGE (m:KnowfuseMeta {key: 'content'})
ON CREATE SET m.uuid = randomUUID(), m.version = 0
SET m.version = m.version + 1, m.graphVersion = coalesce(m.graphVersion, 0) + 1`;

/** Reads the content and graph versions: `{uuid, version, graphVersion}`. */
export const CONTENT_VERSION = `MATCH (m:KnowfuseMeta {key: 'content'})
RETURN m.uuid AS uuid, m.version AS version, coalesce(m.graphVersion, 0) AS graphVersion`;

/** An embedding space by `$name`: `{dim}`, no row when it does not exist. */
export const GET_EMBEDDING_SPACE = `MATCH (s:EmbeddingSpace {name: $name})
RETURN s.dim AS dim`;

/** The names of every embedding space, sorted: `{name}`. */
export const EMBEDDING_SPACE_NAMES = `MATCH (s:EmbeddingSpace)
RETURN s.name AS name
ORDER BY name`;

/** Creates an embedding space, or updates its model and config. Params: `$name, $dim, $model, $config`. */
export const MERGE_EMBEDDING_SPACE = `MERGE (s:EmbeddingSpace {name: $name})
ON CREATE SET s.dim = $dim
SET s.model = $model, s.config = $config`;

/** Stores vectors in `$space`. `$rows`: `{id, vector}`. */
export const PUT_EMBEDDINGS = `UNWIND $rows AS row
MERGE (v:Embedding {space: $space, entityId: row.id})
SET v.vector = row.vector
RETURN count(v) AS written`;

/** Vectors of `$ids` in `$space`: `{id, vector}`. */
export const GET_EMBEDDINGS = `UNWIND $ids AS id
MATCH (v:Embedding {space: $space, entityId: id})
RETURN id, v.vector AS vector`;

/** The projection of one entity with its aliases in order (shared by reads of entities). */
const ENTITY_PROJECTION = `CALL (e) {
  OPTIONAL MATCH (e)-[:HAS_ALIAS]->(a:Alias)
  WITH a
  ORDER BY a.ord
  RETURN collect(a {.text, .prior, .key}) AS aliases
}
RETURN e {.id, .label, .description, .types, .category, .source, .properties} AS entity, aliases`;

/** Entities of `$ids` with their aliases: `{entity, aliases}`. */
export const GET_ENTITIES = `UNWIND $ids AS id
MATCH (e:Entity {id: id})
${ENTITY_PROJECTION}`;

/** Every entity with its aliases, streamed: `{entity, aliases}`. */
export const ALL_ENTITIES = `MATCH (e:Entity)
${ENTITY_PROJECTION}`;

/** Every relation, streamed: `{head, relation, tail, weight, source}`. */
export const ALL_RELATIONS = `MATCH (h:Node)-[r]->(t:Node)
RETURN h.id AS head, type(r) AS relation, t.id AS tail, r.weight AS weight, r.source AS source`;

/**
 * Every alias row, streamed, grouped by normalised form, with the number of
 * entities sharing the form: `{text, normalized, entityId, prior, key, entities}`.
 */
export const ALL_ALIASES = `MATCH (a:Alias)
WITH a.normalized AS normalized, collect(a) AS rows, count(DISTINCT a.entityId) AS entities
UNWIND rows AS a
RETURN a.text AS text, normalized, a.entityId AS entityId, a.prior AS prior, a.key AS key, entities`;

/**
 * Every alias row of the normalised forms `$normalized`, in one round trip:
 * `{normalized, entityId, alias, prior}`, ordered by form, entity and alias order.
 */
export const ALIAS_ROWS = `UNWIND $normalized AS n
MATCH (a:Alias {normalized: n})
RETURN n AS normalized, a.entityId AS entityId, a.text AS alias, a.prior AS prior
ORDER BY normalized, entityId, a.ord`;

/**
 * Fuzzy alias forms through the full-text index over alias trigrams, for many
 * surfaces in one round trip. `$queries`: `{index, lucene}` (a Lucene query of
 * quoted trigrams). Per surface, the best `$limit` alias hits are folded into
 * their distinct normalised forms, of which the best `$forms` are kept (the
 * SQLite store likewise pools by form). Returns `{index, normalized}`.
 */
export const LOOKUP_FUZZY = `UNWIND $queries AS q
CALL (q) {
  CALL db.index.fulltext.queryNodes('${ALIAS_FULLTEXT_INDEX}', q.lucene, {limit: $limit}) YIELD node, score
  WITH node.normalized AS normalized, max(score) AS best
  ORDER BY best DESC, normalized
  LIMIT $forms
  RETURN normalized
}
RETURN q.index AS index, normalized`;

/**
 * One hop of a neighbourhood expansion: the edges touching any of `$ids`, in
 * both directions, keeping only `$relations` when it is not null, ordered by
 * (head, relation, tail), at most `$limit`.
 */
export const NEIGHBORS_STEP = `UNWIND $ids AS id
MATCH (:Node {id: id})-[r]-(:Node)
WHERE $relations IS NULL OR type(r) IN $relations
WITH DISTINCT r
RETURN startNode(r).id AS head, type(r) AS relation, endNode(r).id AS tail, r.weight AS weight
ORDER BY head, relation, tail
LIMIT $limit`;

/** Entity, alias and relation totals: `{entities, aliases, relations}`. */
export const STATS_TOTALS = `CALL () { MATCH (e:Entity) RETURN count(e) AS entities }
CALL () { MATCH (a:Alias) RETURN count(a) AS aliases }
CALL () { MATCH (:Node)-[r]->(:Node) RETURN count(r) AS relations }
RETURN entities, aliases, relations`;

/** Entity counts by category: `{category, count}`. */
export const STATS_BY_CATEGORY = `MATCH (e:Entity)
RETURN e.category AS category, count(e) AS count`;

/** Entity counts by source: `{source, count}`. */
export const STATS_ENTITIES_BY_SOURCE = `MATCH (e:Entity)
RETURN e.source AS source, count(e) AS count`;

/** Relation counts by (source, type): `{source, relation, count}`. */
export const STATS_RELATIONS = `MATCH (:Node)-[r]->(:Node)
RETURN r.source AS source, type(r) AS relation, count(r) AS count`;

/** Embedding spaces with their vector counts: `{name, dim, model, config, count}`. */
export const STATS_EMBEDDING_SPACES = `MATCH (s:EmbeddingSpace)
CALL (s) { MATCH (v:Embedding {space: s.name}) RETURN count(v) AS count }
RETURN s.name AS name, s.dim AS dim, s.model AS model, s.config AS config, count
ORDER BY name`;

/** Deletes the relations whose source is `$source`: `{deleted}`. */
export const DELETE_SOURCE_RELATIONS = `MATCH (:Node)-[r]->(:Node)
WHERE r.source = $source
DELETE r
RETURN count(r) AS deleted`;

/**
 * Deletes the entities whose source is `$source` with their aliases and
 * vectors: `{deleted}`. A deleted entity that still ends relations of other
 * sources stays as a bare `:Node` (as those relations stay in the SQLite store).
 */
export const DELETE_SOURCE_ENTITIES = `MATCH (e:Entity {source: $source})
CALL (e) {
  OPTIONAL MATCH (e)-[:HAS_ALIAS]->(a:Alias)
  DETACH DELETE a
}
CALL (e) {
  OPTIONAL MATCH (v:Embedding {entityId: e.id})
  DELETE v
}
REMOVE e:Entity
SET e.label = null, e.description = null, e.types = null, e.category = null, e.source = null, e.properties = null
RETURN count(e) AS deleted`;

/** Deletes bare relation ends (`:Node` but not `:Entity`) left without relations. */
export const PRUNE_BARE_NODES = `MATCH (n:Node)
WHERE NOT n:Entity AND NOT EXISTS { (n)--() }
DELETE n`;

/**
 * Deletes every node the store wrote (entities, relation ends, aliases,
 * vectors, spaces), in batches of 10000 committed one after another: needs an
 * auto-commit session, so it is not atomic.
 */
export const CLEAR_ALL = `MATCH (n)
WHERE n:Node OR n:Alias OR n:Embedding OR n:EmbeddingSpace
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF 10000 ROWS`;

/** A sample value for every parameter the statements take, for linting them. */
export const SAMPLE_PARAMETERS: Readonly<Record<string, unknown>> = {
  rows: [],
  ids: ["a"],
  queries: [],
  normalized: ["a"],
  limit: 10,
  relations: null,
  source: "s",
  space: "s",
  name: "s",
  dim: 4,
  model: null,
  config: null,
  seconds: 300,
  forms: 256,
};

/**
 * Every statement the store can issue, by name, with the dynamic ones built
 * for `sampleRelations` — for tests that lint them with Neo4j's parser.
 */
export function allCypherStatements(
  sampleRelations: readonly string[] = ["_hypernym"],
): { name: string; cypher: string }[] {
  const fixed: Record<string, string> = {
    AWAIT_INDEXES,
    ENSURE_META,
    UPSERT_ENTITIES,
    BUMP_CONTENT_VERSION,
    BUMP_GRAPH_VERSION,
    CONTENT_VERSION,
    GET_EMBEDDING_SPACE,
    EMBEDDING_SPACE_NAMES,
    MERGE_EMBEDDING_SPACE,
    PUT_EMBEDDINGS,
    GET_EMBEDDINGS,
    GET_ENTITIES,
    ALL_ENTITIES,
    ALL_RELATIONS,
    ALL_ALIASES,
    ALIAS_ROWS,
    LOOKUP_FUZZY,
    NEIGHBORS_STEP,
    STATS_TOTALS,
    STATS_BY_CATEGORY,
    STATS_ENTITIES_BY_SOURCE,
    STATS_RELATIONS,
    STATS_EMBEDDING_SPACES,
    DELETE_SOURCE_RELATIONS,
    DELETE_SOURCE_ENTITIES,
    PRUNE_BARE_NODES,
    CLEAR_ALL,
  };
  return [
    ...schemaStatements().map((cypher, i) => ({ name: `schemaStatements()[${i}]`, cypher })),
    ...schemaStatements(128)
      .filter((cypher) => cypher.includes("vector.dimensions"))
      .map((cypher) => ({ name: "schemaStatements(128) vector index", cypher })),
    ...Object.entries(fixed).map(([name, cypher]) => ({ name, cypher })),
    ...sampleRelations.map((relation) => ({
      name: `mergeRelationsStatement(${JSON.stringify(relation)})`,
      cypher: mergeRelationsStatement(relation),
    })),
  ];
}
