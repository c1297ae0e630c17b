#!/usr/bin/env node
// Runs a TypeScript entry point of the workspace on its source (the "source"
// export condition) through tsx, from the directory the user typed the command in.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error("usage: node scripts/run-ts.mjs <file.ts> [args...]");
  process.exit(2);
}
const root = fileURLToPath(new URL("..", import.meta.url));
let tsx;
try {
  tsx = import.meta.resolve("tsx");
} catch {
  console.error("knowfuse: dependencies are not installed yet; run `npm run setup` first.");
  process.exit(1);
}
const file = fileURLToPath(new URL(entry, `file://${root}/`));
const result = spawnSync(process.execPath, ["--conditions=source", "--import", tsx, file, ...args], {
  stdio: "inherit",
  cwd: process.env.INIT_CWD ?? process.cwd(),
  env: { ...process.env, KNOWFUSE_ROOT: process.env.KNOWFUSE_ROOT ?? root },
});
if (result.signal) process.kill(process.pid, result.signal);
process.exit(result.status ?? 1);
