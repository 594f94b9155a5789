/**
 * The rules of generations (src/server/windows/generations.ts) on the per-process coordinator, with a
 * clock of the test's own (test/support/generation-scenarios.ts). The same scenarios run on the Redis
 * scripts in the scale suite (npm run test:scale, test/scale/generation-rules.scale.ts).
 */
import { LocalCoordinator } from "../../src/server/windows/generations";
import { RULES, runScenarios } from "../support/generation-scenarios";

runScenarios(() => {
  let now = 1_000_000;
  return {
    make: async () => new LocalCoordinator(RULES, "g", () => now),
    advance: (ms) => (now += ms),
  };
});
