import { readFileSync } from "node:fs";
import { ImportLineError, NotFoundError } from "@knowfuse/core";

/**
 * Reads a WSD gold key file: `instance-id key [key...]` per line; any of the
 * keys counts as correct. A line without a key is an {@link ImportLineError}.
 */
export function readGoldKeys(path: string): Map<string, string[]> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new NotFoundError(`gold key file ${path} cannot be read`, { cause: error, details: { path } });
  }
  const gold = new Map<string, string[]>();
  text.split("\n").forEach((line, n) => {
    const parts = line.trim().split(/\s+/);
    if (parts.length === 1 && parts[0] === "") return;
    if (parts.length < 2)
      throw new ImportLineError(path, n + 1, "expected an instance id followed by at least one key");
    gold.set(parts[0]!, parts.slice(1));
  });
  return gold;
}
