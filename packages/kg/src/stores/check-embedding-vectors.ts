import { DimensionMismatchError, type EmbeddingSpaceInfo, ValidationError } from "@knowfuse/core";

/**
 * The checks every store makes before writing vectors into a space: `dim` is
 * a positive integer, equal to the space's stored dimension when it exists
 * (`storedDim`), and every vector has that length. Throws a
 * {@link ValidationError} or {@link DimensionMismatchError}; returns the
 * vectors as an array of entries.
 */
export function checkEmbeddingVectors(
  space: Omit<EmbeddingSpaceInfo, "count">,
  storedDim: number | undefined,
  vectors: ReadonlyMap<string, Float32Array> | readonly (readonly [string, Float32Array])[],
): [string, Float32Array][] {
  if (!Number.isInteger(space.dim) || space.dim <= 0) {
    throw new ValidationError(
      `embedding space "${space.name}": dim must be a positive integer, got ${space.dim}`,
      [{ path: ["dim"], message: "positive integer" }],
    );
  }
  if (storedDim !== undefined && storedDim !== space.dim) {
    throw new DimensionMismatchError(`embedding space "${space.name}"`, storedDim, space.dim);
  }
  const entries = vectors instanceof Map ? [...vectors.entries()] : (vectors as [string, Float32Array][]);
  for (const [id, vector] of entries) {
    if (vector.length !== space.dim) {
      throw new DimensionMismatchError(
        `vector of "${id}" in embedding space "${space.name}"`,
        space.dim,
        vector.length,
      );
    }
  }
  return entries;
}
