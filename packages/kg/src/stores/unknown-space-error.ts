import { NotFoundError } from "@knowfuse/core";

/** The error of reading an embedding space that `where` does not hold, naming the `known` ones. */
export function unknownSpaceError(space: string, where: string, known: string[]): NotFoundError {
  return new NotFoundError(
    `embedding space "${space}" does not exist in ${where}; known: ${known.join(", ") || "(none)"}`,
    { details: { space, known } },
  );
}
