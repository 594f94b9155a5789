/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    // Type checking is `npm run typecheck` (part of `npm test`); jest only transpiles.
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }],
  },
  moduleNameMapper: {
    // office-addin-mock pulls an ESM-only package through office-addin-manifest; we never need it here.
    "^office-addin-manifest$": "<rootDir>/test/support/office-addin-manifest-stub.js",
  },
  // Finds the browser once for the browser tests (test/support/find-browser.ts), or stops with one line.
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  testTimeout: 60000,
};
