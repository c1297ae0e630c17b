import { isKnowfuseError, type KnowledgeGraph, StoreError } from "@knowfuse/core";

/**
 * Runs one store call; an error that is not already a knowfuse error becomes a
 * {@link StoreError} (STORE_FAILED) naming the store and the operation.
 */
export async function guardStore<T>(kg: KnowledgeGraph, operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isKnowfuseError(error)) throw error;
    throw new StoreError(`${kg.kind}: ${operation} failed: ${(error as Error)?.message ?? String(error)}`, {
      cause: error,
      details: { store: kg.kind, operation },
    });
  }
}
