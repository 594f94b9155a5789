#!/usr/bin/env node
// The proxy server for production: settings from OMSPAN_* variables (README, "Deploying the server"),
// started with the Node flags that keep its memory flat while streaming (they only work on the command line).
require("./register-ts");
const { spawn } = require("node:child_process");
const path = require("node:path");
const { SERVER_NODE_FLAGS } = require("../src/server/node-flags.ts");

const child = spawn(
  process.execPath,
  [...SERVER_NODE_FLAGS, "-r", path.join(__dirname, "register-ts.js"), path.join(__dirname, "..", "src", "server", "main.ts")],
  { stdio: "inherit" },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
