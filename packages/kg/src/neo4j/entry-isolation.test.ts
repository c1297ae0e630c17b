import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Every module specifier a source file imports or re-exports (static and dynamic). */
function specifiers(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)].map((m) => m[1]!);
}

/** The source files reachable from `entry` through relative imports, with the packages they import. */
function reach(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const spec of specifiers(file)) {
      if (!spec.startsWith(".")) {
        packages.add(spec);
        continue;
      }
      const target = resolve(dirname(file), spec.replace(/\.js$/, ".ts"));
      if (existsSync(target)) queue.push(target);
    }
  }
  return { files, packages };
}

describe("the @knowfuse/kg entry points", () => {
  it("the main entry never reaches neo4j-driver or the Neo4j store", () => {
    const { files, packages } = reach(resolve(SRC, "index.ts"));
    expect(files.size).toBeGreaterThan(10);
    expect([...packages].filter((p) => p.startsWith("neo4j-driver"))).toEqual([]);
    expect([...files].filter((f) => f.includes(`${SRC}/neo4j/`))).toEqual([]);
  });

  it("the ./neo4j entry does reach the driver (so the check above can fail)", () => {
    const { packages } = reach(resolve(SRC, "neo4j", "index.ts"));
    expect(packages.has("neo4j-driver")).toBe(true);
  });
});
