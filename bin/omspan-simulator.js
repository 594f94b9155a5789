#!/usr/bin/env node
require("./register-ts");
require("../src/simulator/main.ts");
