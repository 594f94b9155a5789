#!/usr/bin/env node
// `npm run test:scale`: the scale suite needs Redis' own server on this machine; without one it stops
// with one line saying how to get it, rather than failing test by test.
const { spawnSync } = require("node:child_process");
const path = require("node:path");
const server = process.env.OMSPAN_REDIS_SERVER || "redis-server";
const probe = spawnSync(server, ["--version"], { encoding: "utf8" });
if (probe.error || probe.status !== 0) {
  process.stderr.write(`test:scale needs redis-server: install Debian's package (apt-get install -y redis-server) or set OMSPAN_REDIS_SERVER to its path\n`);
  process.exit(1);
}
const jest = require.resolve("jest/bin/jest");
const r = spawnSync(process.execPath, [jest, "--config", path.join(__dirname, "..", "jest.scale.config.js"), ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(r.status ?? 1);
