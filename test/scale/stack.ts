/** Redis + the simulator + three server processes, and one client's pull through them (test/scale). */
import { createHash } from "node:crypto";
import { OmspanClient } from "../../src/omspan/wire/client";
import type { DatasetId } from "../../src/omspan/routes";
import { startSimulator, type RunningSimulator, type SimulatorOptions } from "../../src/simulator";
import { randomBalancer, recording, startRedis, startServerProcess, type RedisServer, type SeenPull, type ServerProcess } from "./support";

/** The address clients use: each request goes to one of the live processes at random. */
export const LB = "http://balancer.invalid/omspan/";

export interface ScaleStack {
  sim: RunningSimulator;
  redis: RedisServer;
  procs: ServerProcess[];
  /** Simulator access log lines since the start (or the last `upstreamLog.length = 0`). */
  upstreamLog: string[];
  key: string;
  /** Upstream requests for a route prefix (e.g. "RealisasiKL/"). */
  upstream(prefix: string): string[];
  close(): Promise<void>;
}

export async function startScaleStack(env: Record<string, string> = {}, sim: SimulatorOptions = {}, count = 3): Promise<ScaleStack> {
  const upstreamLog: string[] = [];
  const simulator = await startSimulator({ profile: "demo", today: "2026-11-28", ...sim, log: (l) => upstreamLog.push(l) });
  const redis = await startRedis();
  const procs = await Promise.all(
    Array.from({ length: count }, () => startServerProcess({ OMSPAN_UPSTREAM: simulator.baseUrl, OMSPAN_REDIS_URL: redis.url, ...env })),
  );
  return {
    sim: simulator, redis, procs, upstreamLog,
    key: await simulator.mintKey({ year: 2026 }),
    upstream: (prefix) => upstreamLog.filter((l) => l.includes(`/DataWebService/${prefix}`)).map((l) => l.split(" ")[1]!),
    close: async () => {
      await Promise.all(procs.map((p) => p.kill("SIGKILL")));
      await redis.close();
      await simulator.close().catch(() => undefined);
    },
  };
}

/**
 * One client's pull of `dataset` with the core client, through `fetchImpl`: a refresh (as after the
 * user's *Refresh*) unless `refresh` is false. The core client names its generation from window 1's
 * answer on; `nameGeneration: false` plays a client that does not (the address rule alone ties it).
 */
export async function pull(
  key: string, dataset: DatasetId, fetchImpl: typeof fetch, baseUrl = LB, concurrency = 4,
  o: { refresh?: boolean; nameGeneration?: boolean } = {},
): Promise<SeenPull> {
  const seen = { gens: new Set<string>(), statuses: [] as number[], cacheStatus: [] as string[], asOf: new Map<string, string>(), genOf: new Map<string, string>() };
  const inner = o.nameGeneration === false ? withoutGeneration(fetchImpl) : fetchImpl;
  const client = new OmspanClient({ baseUrl, key, fetch: recording(inner, seen), concurrency, retry: { retries: 2, baseMs: 100 } });
  const hash = createHash("sha256");
  let rows = 0;
  await client.pull(dataset, (page) => {
    hash.update(JSON.stringify(page));
    rows += page.length;
  }, { fresh: o.refresh ?? true });
  return { ...seen, hash: hash.digest("hex"), rows };
}

/** A fetch that drops `OMSPAN-Generation` from every request (a client that never names its generation). */
function withoutGeneration(inner: typeof fetch): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.delete("omspan-generation");
    return inner(input, { ...init, headers });
  };
}

/** The balancer over the stack's live processes. */
export const balancer = (s: { procs: ServerProcess[] }) => randomBalancer(LB, () => s.procs.map((p) => p.base));

/** A direct pull from the simulator: the reference, and how many requests one pull costs. */
export async function reference(s: ScaleStack, key: string, dataset: DatasetId = "realisasi"): Promise<{ hash: string; requests: number }> {
  const before = s.upstreamLog.length;
  const p = await pull(key, dataset, fetch, s.sim.baseUrl);
  const requests = s.upstreamLog.length - before;
  s.upstreamLog.length = 0;
  return { hash: p.hash, requests };
}
