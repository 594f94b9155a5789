#!/usr/bin/env node
// The proxy server for production: settings from OMSPAN_* variables (README, "Deploying the server"),
// started with the Node flags that keep its memory flat while streaming (they only work on the command
// line). Runs the precompiled server (`npm run build:server` → dist-server/) when it is there — lighter,
// no transpiler in the process — and the TypeScript sources through tsx otherwise.
const { spawn } = require("node:child_process");
const { existsSync } = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
const compiled = path.join(root, "dist-server", "server", "main.js");
let flags;
let entry;
if (existsSync(compiled)) {
  ({ SERVER_NODE_FLAGS: flags } = require(path.join(root, "dist-server", "server", "node-flags.js")));
  entry = [compiled];
} else {
  require("./register-ts");
  ({ SERVER_NODE_FLAGS: flags } = require("../src/server/node-flags.ts"));
  entry = ["-r", path.join(__dirname, "register-ts.js"), path.join(root, "src", "server", "main.ts")];
  process.stderr.write("omspan-server: running from the TypeScript sources; `npm run build:server` gives the lighter precompiled server\n");
}
const child = spawn(process.execPath, [...flags, ...entry], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
