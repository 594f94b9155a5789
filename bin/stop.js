#!/usr/bin/env node
require("./register-ts");
require("../src/dev/stop.ts");
