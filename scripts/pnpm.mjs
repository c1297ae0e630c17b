#!/usr/bin/env node
// Runs the pinned pnpm (from package.json "packageManager") through npx, so a
// machine with only Node and npm needs nothing installed globally.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

const root = new URL("..", import.meta.url);
const { packageManager } = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));
const npx = process.platform === "win32" ? "npx.cmd" : "npx";
const result = spawnSync(npx, ["--yes", packageManager, ...process.argv.slice(2)], {
  stdio: "inherit",
  cwd: process.cwd(),
  env: { ...process.env, npm_config_yes: "true" },
});
if (result.error) {
  console.error(`knowfuse: could not start ${packageManager} through npx: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
