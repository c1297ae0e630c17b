import type {
  Alias,
  AliasEntry,
  EmbeddingSpaceInfo,
  Entity,
  JsonValue,
  KnowledgeCategory,
} from "@knowfuse/core";

/** An entity as the stores keep it: absent optional fields as null, properties as JSON text. */
export interface StoredEntity {
  id: string;
  label: string;
  description: string | null;
  types: string[];
  category: string;
  source: string;
  properties: string | null;
}

/** An alias as the stores keep it: absent prior and key as null. */
export interface StoredAlias {
  text: string;
  prior: number | null;
  key: string | null;
}

/** One alias of a form as the stores read it for `streamAliases`. */
export interface StoredAliasEntry extends StoredAlias {
  normalized: string;
  entityId: string;
}

/** An embedding space as the stores read it, with its config as JSON text. */
export interface StoredSpace {
  name: string;
  dim: number;
  model: string | null;
  config: string | null;
  count: number;
}

/** The alias of a stored row, leaving out the fields stored as null. */
export function aliasFromRow(row: StoredAlias): Alias {
  const alias: Alias = { text: row.text };
  if (row.prior !== null) alias.prior = row.prior;
  if (row.key !== null) alias.key = row.key;
  return alias;
}

/** The entity of a stored row with the given aliases, leaving out the fields stored as null. */
export function entityFromRow(row: StoredEntity, aliases: Alias[]): Entity {
  const entity: Entity = {
    id: row.id,
    label: row.label,
    aliases,
    types: row.types,
    category: row.category as KnowledgeCategory,
    source: row.source,
  };
  if (row.description !== null) entity.description = row.description;
  if (row.properties !== null) entity.properties = JSON.parse(row.properties) as Record<string, JsonValue>;
  return entity;
}

/**
 * The alias entry of a stored row; an alias without a prior gets an even
 * share of its form, 1 / `entities` (the number of entities the form names).
 */
export function aliasEntryFromRow(row: StoredAliasEntry, entities: number): AliasEntry {
  const entry: AliasEntry = {
    alias: row.text,
    normalized: row.normalized,
    entityId: row.entityId,
    prior: row.prior ?? 1 / entities,
  };
  if (row.key !== null) entry.key = row.key;
  return entry;
}

/** The embedding space info of a stored row, leaving out the fields stored as null. */
export function spaceInfoFromRow(row: StoredSpace): EmbeddingSpaceInfo {
  const info: EmbeddingSpaceInfo = { name: row.name, dim: row.dim, count: row.count };
  if (row.model !== null) info.model = row.model;
  if (row.config !== null) info.config = JSON.parse(row.config) as Record<string, unknown>;
  return info;
}
