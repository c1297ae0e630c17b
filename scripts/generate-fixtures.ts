// Generates the deterministic fixture models the tests and the demo use
// (tiny BERT and tiny RoBERTa, into the git-ignored cache). Idempotent: a
// model whose directory already records the same options hash is skipped.
// The BERT-base model for benchmarks is generated on demand by the bench.
import {
  ensureFixtureModel,
  FIXTURE_MODELS,
  type FixtureModelName,
  fixtureModelPath,
  modelOptionsHash,
  readGeneratorStamp,
} from "../packages/fusion/src/index.js";

const names: FixtureModelName[] = ["tiny-bert", "tiny-roberta"];
for (const name of names) {
  const current = readGeneratorStamp(fixtureModelPath(name)) === modelOptionsHash(FIXTURE_MODELS[name]);
  const directory = await ensureFixtureModel(name);
  console.error(`[setup] fixture ${name}: ${current ? "up to date" : "generated"} in ${directory}`);
}
