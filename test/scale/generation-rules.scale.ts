/**
 * The same generation scenarios (test/support/generation-scenarios.ts) on both implementations of the
 * rules: the per-process coordinator and the Redis scripts on a real redis-server, each with the
 * test's clock (the scripts take it in place of Redis' TIME), so the two cannot drift apart.
 */
import { LocalCoordinator } from "../../src/server/windows/generations";
import { RedisCoordinator } from "../../src/server/windows/redis-coordinator";
import { RedisLink } from "../../src/server/windows/redis-link";
import { RULES, runScenarios } from "../support/generation-scenarios";
import { startRedis, type RedisServer } from "./support";

let redis: RedisServer;
let link: RedisLink;
let n = 0;
const quiet = { warn: () => undefined, info: () => undefined };

beforeAll(async () => {
  redis = await startRedis();
  link = new RedisLink(redis.url, 2_000, quiet);
  link.start();
  const end = Date.now() + 10_000;
  while (!link.usable && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  expect(link.usable).toBe(true);
});

afterAll(async () => {
  await link?.close();
  await redis?.close();
});

describe("per-process coordinator", () => {
  runScenarios(() => {
    let now = 1_000_000;
    return { make: async () => new LocalCoordinator(RULES, "l", () => now), advance: (ms) => (now += ms) };
  });
});

describe("Redis scripts", () => {
  runScenarios(() => {
    let now = 1_000_000;
    const clock = () => now;
    // Each scenario under its own prefix: its own generations, pagings and ids.
    const prefix = `rules${++n}:`;
    return {
      make: async () => new RedisCoordinator(link, prefix, RULES, new LocalCoordinator(RULES, "l", clock), clock),
      advance: (ms) => (now += ms),
    };
  });
});
