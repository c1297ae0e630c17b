import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * The knowfuse workspace root: `KNOWFUSE_ROOT`, else the nearest folder above
 * the working directory holding `pnpm-workspace.yaml`, else the working directory.
 */
export function workspaceRoot(): string {
  if (process.env.KNOWFUSE_ROOT) return resolve(process.env.KNOWFUSE_ROOT);
  let dir = process.cwd();
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

/**
 * Where the shared data sets are read from: `KNOWFUSE_DATASETS`, else
 * `../shared/datasets` beside the workspace root. Joined with `parts`.
 */
export function datasetPath(...parts: string[]): string {
  const base = process.env.KNOWFUSE_DATASETS ?? resolve(workspaceRoot(), "..", "shared", "datasets");
  return join(base, ...parts);
}

/**
 * The git-ignored cache for generated models, alias indexes and similar
 * artefacts: `KNOWFUSE_CACHE`, else `.cache` under the workspace root. Joined with `parts`.
 */
export function cachePath(...parts: string[]): string {
  const base = process.env.KNOWFUSE_CACHE ?? join(workspaceRoot(), ".cache");
  return join(base, ...parts);
}
