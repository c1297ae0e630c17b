import { KnowfuseError, StoreError } from "@knowfuse/core";

/** Neo4j driver error codes that mean the server cannot be reached or used. */
const UNAVAILABLE_CODES = new Set(["ServiceUnavailable", "SessionExpired"]);

/**
 * True when a driver error means the server is unreachable or refuses us
 * (connection refused, routing failed, pool exhausted, authentication failed).
 */
export function isUnavailableError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (
    typeof code === "string" &&
    (UNAVAILABLE_CODES.has(code) || code.startsWith("Neo.ClientError.Security."))
  ) {
    return true;
  }
  return /acquisition timed out|connection acquisition|failed to connect|could not perform discovery/i.test(
    error.message,
  );
}

/**
 * Turns whatever a driver call threw into a knowfuse error: knowfuse errors
 * pass through; unreachable servers become {@link StoreError} STORE_UNAVAILABLE;
 * everything else STORE_FAILED, keeping the driver error as `cause`.
 *
 * @param where The server address (without credentials).
 * @param operation What was being done, e.g. "upsert entities".
 */
export function toStoreError(error: unknown, where: string, operation: string): KnowfuseError {
  if (error instanceof KnowfuseError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | undefined)?.code;
  const details = { store: where, operation, ...(typeof code === "string" ? { driverCode: code } : {}) };
  if (isUnavailableError(error)) {
    return new StoreError(
      `Neo4j store ${where}: ${operation} failed, the server is unavailable: ${message}`,
      {
        code: "STORE_UNAVAILABLE",
        cause: error,
        details,
      },
    );
  }
  return new StoreError(`Neo4j store ${where}: ${operation} failed: ${message}`, { cause: error, details });
}
