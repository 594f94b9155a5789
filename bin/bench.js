#!/usr/bin/env node
// Runs the benchmarks with --expose-gc, so heap figures are measured after a full collection.
const { spawnSync } = require("node:child_process");
const path = require("node:path");
const r = spawnSync(
  process.execPath,
  ["--expose-gc", "-r", path.join(__dirname, "register-ts.js"), path.join(__dirname, "..", "bench", "index.ts"), ...process.argv.slice(2)],
  { stdio: "inherit" },
);
process.exit(r.status ?? 1);
