import { cachePath, type ProgressListener } from "@knowfuse/core";
import { generateModel, modelOptionsHash, readGeneratorStamp } from "./generate-model.js";
import type { ModelGeneratorOptions } from "./model-generator-options.js";

/**
 * The named fixture models: `tiny-bert` and `tiny-roberta` for tests and the
 * demo, `base-bert` (BERT-base shape, ~110M weights, ~440 MB) for benchmarks.
 */
export const FIXTURE_MODELS = {
  "tiny-bert": { architecture: "bert", size: "tiny" },
  "tiny-roberta": { architecture: "roberta", size: "tiny" },
  "base-bert": { architecture: "bert", size: "base" },
} as const satisfies Record<string, ModelGeneratorOptions>;

/** A fixture model name. */
export type FixtureModelName = keyof typeof FIXTURE_MODELS;

/** Where the fixture `name` lives: `cachePath("models", name)` (git-ignored). */
export function fixtureModelPath(name: FixtureModelName): string {
  return cachePath("models", name);
}

/**
 * Makes sure a generated model for `options` exists in `directory` (default:
 * a folder under `cachePath("models")` named by the options hash) and returns
 * the directory. It regenerates only when the recorded options hash differs,
 * so it is cheap to call from every test.
 */
export async function ensureGeneratedModel(
  options: ModelGeneratorOptions,
  directory?: string,
  onProgress?: ProgressListener,
): Promise<string> {
  const hash = modelOptionsHash(options);
  const target = directory ?? cachePath("models", `generated-${hash.slice(0, 16)}`);
  if (readGeneratorStamp(target) === hash) return target;
  return (await generateModel(options, target, onProgress)).directory;
}

/** {@link ensureGeneratedModel} for a named fixture, in {@link fixtureModelPath}. */
export function ensureFixtureModel(name: FixtureModelName, onProgress?: ProgressListener): Promise<string> {
  return ensureGeneratedModel(FIXTURE_MODELS[name], fixtureModelPath(name), onProgress);
}
