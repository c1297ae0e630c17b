#!/usr/bin/env node
// Idempotent set-up for a fresh clone: the pinned pnpm (through npx), the
// workspace install, the native build of better-sqlite3, and the generated
// fixture models. Safe to run again: every step checks before it works.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const quiet = process.argv.includes("--quiet");
const say = (msg) => {
  if (!quiet) console.error(`[setup] ${msg}`);
};

function run(cmd, args, what) {
  const r = spawnSync(cmd, args, { stdio: quiet ? ["ignore", "ignore", "inherit"] : "inherit", cwd: root });
  if (r.status !== 0) {
    console.error(`[setup] ${what} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
}

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`[setup] Node ${process.versions.node} is too old: knowfuse needs Node >= 20.19.`);
  process.exit(1);
}

say("installing the workspace with the pinned pnpm");
const lock = existsSync(`${root}/pnpm-lock.yaml`);
run(
  process.execPath,
  [`${root}/scripts/pnpm.mjs`, "install", ...(lock ? ["--frozen-lockfile"] : []), "--reporter=append-only"],
  "pnpm install",
);

// better-sqlite3 builds from source with node-gyp; check that the addon loads.
const requireFromKg = createRequire(`${root}/packages/kg/package.json`);
try {
  const Database = requireFromKg("better-sqlite3");
  new Database(":memory:").close();
} catch (err) {
  say(`better-sqlite3 does not load (${err.message}); rebuilding it`);
  run(
    process.execPath,
    [`${root}/scripts/pnpm.mjs`, "--filter", "@knowfuse/kg", "rebuild", "better-sqlite3"],
    "better-sqlite3 build",
  );
}

say("generating fixture models");
run(process.execPath, [`${root}/scripts/run-ts.mjs`, "scripts/generate-fixtures.ts"], "fixture generation");
say("done");
