#!/usr/bin/env node
require("./register-ts");
require("../src/cli/main.ts");
