/**
 * The scale suite (`npm run test:scale`, through bin/test-scale.js): test/scale/*.scale.ts against a real
 * redis-server and real server processes. Its files are named *.scale.ts so that `npm test` (jest.config.js,
 * *.test.ts) never runs them. One file at a time: each starts its own Redis and three servers.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test/scale"],
  testMatch: ["**/*.scale.ts"],
  transform: { "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }] },
  maxWorkers: 1,
  testTimeout: 90000,
};
