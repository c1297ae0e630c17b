import { open, readFile, rename, unlink } from "node:fs/promises";
import { DimensionMismatchError, ModelLoadError, Parameter, parseWith } from "@knowfuse/core";
import { z } from "zod";
import { KgeEmbeddings } from "./kge-embeddings.js";
import { resolveKgeModel } from "./kge-model-registry.js";
import { KgeVocabulary } from "./kge-vocabulary.js";

const MAGIC = "KFKGE001";

const HeaderSchema = z.object({
  format: z.literal("knowfuse-kge"),
  version: z.literal(1),
  model: z.string(),
  dim: z.number().int().positive(),
  relationWidth: z.number().int().positive(),
  entities: z.array(z.string()),
  relations: z.array(z.string()),
  config: z.record(z.string(), z.unknown()),
});

/**
 * Writes a model file: the 8-byte magic `KFKGE001`, a uint32 (little-endian)
 * header length, a JSON header (model, dim, vocabulary, training config),
 * padding to 4 bytes, then the float32 entity table and relation table
 * (little-endian). Written to a temporary file and renamed, so a crash never
 * leaves a half-written model.
 */
export async function saveKgeModel(path: string, embeddings: KgeEmbeddings): Promise<void> {
  const header = new TextEncoder().encode(
    JSON.stringify({
      format: "knowfuse-kge",
      version: 1,
      model: embeddings.model.name,
      dim: embeddings.dim,
      relationWidth: embeddings.model.relationWidth(embeddings.dim),
      entities: embeddings.vocab.entities,
      relations: embeddings.vocab.relations,
      config: embeddings.config,
    }),
  );
  const pad = (4 - ((12 + header.length) % 4)) % 4;
  const prefix = Buffer.alloc(12 + header.length + pad, 0x20);
  prefix.write(MAGIC, 0, "latin1");
  prefix.writeUInt32LE(header.length + pad, 8);
  prefix.set(header, 12);
  const tmp = `${path}.tmp-${process.pid}`;
  const file = await open(tmp, "w");
  try {
    await file.write(prefix);
    for (const p of [embeddings.entities, embeddings.relations]) {
      await file.write(new Uint8Array(p.data.buffer, p.data.byteOffset, p.data.byteLength));
    }
    await file.sync();
    await file.close();
    await rename(tmp, path);
  } catch (error) {
    await file.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw error;
  }
}

/**
 * Reads a model file written by {@link saveKgeModel}. A missing or corrupt file
 * is a {@link ModelLoadError}; a payload that does not fit the header's
 * dimension, or a dimension other than `expectedDim`, is a
 * {@link DimensionMismatchError}.
 */
export async function loadKgeModel(
  path: string,
  options: { expectedDim?: number } = {},
): Promise<KgeEmbeddings> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw new ModelLoadError(`cannot read embedding model file ${path}`, { cause, details: { path } });
  }
  if (bytes.length < 12 || bytes.toString("latin1", 0, 8) !== MAGIC) {
    throw new ModelLoadError(`${path} is not a knowfuse embedding model (expected magic ${MAGIC})`, {
      details: { path },
    });
  }
  const headerLength = bytes.readUInt32LE(8);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString("utf8", 12, 12 + headerLength));
  } catch (cause) {
    throw new ModelLoadError(`${path}: the header is not valid JSON`, { cause, details: { path } });
  }
  const header = parseWith(HeaderSchema, json, `${path} header`);
  const model = await resolveKgeModel(header.model);
  if (options.expectedDim !== undefined && options.expectedDim !== header.dim) {
    throw new DimensionMismatchError(`embedding model ${path}`, options.expectedDim, header.dim, {
      details: { path },
    });
  }
  if (model.relationWidth(header.dim) !== header.relationWidth) {
    throw new DimensionMismatchError(
      `relation width of ${header.model} in ${path}`,
      model.relationWidth(header.dim),
      header.relationWidth,
      { details: { path } },
    );
  }
  const offset = 12 + headerLength;
  const entityFloats = header.entities.length * header.dim;
  const relationFloats = 2 * header.relations.length * header.relationWidth;
  const payloadFloats = (bytes.length - offset) / 4;
  if (payloadFloats !== entityFloats + relationFloats) {
    throw new DimensionMismatchError(
      `payload of ${path} (floats for ${header.entities.length} entities and ${header.relations.length} relations at dim ${header.dim})`,
      entityFloats + relationFloats,
      payloadFloats,
      { details: { path } },
    );
  }
  const floats = new Float32Array(payloadFloats);
  new Uint8Array(floats.buffer).set(bytes.subarray(offset));
  const vocab = new KgeVocabulary([...header.entities], [...header.relations]);
  const entities = new Parameter(
    "entities",
    [header.entities.length, header.dim],
    floats.slice(0, entityFloats),
  );
  const relations = new Parameter(
    "relations",
    [2 * header.relations.length, header.relationWidth],
    floats.slice(entityFloats),
  );
  return new KgeEmbeddings(model, header.dim, vocab, entities, relations, header.config);
}
