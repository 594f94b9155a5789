/**
 * `npm run bench -- scale` (figures only, loopback only): N concurrent cold refreshes of full-profile
 * Realisasi across 3 server processes, the simulator answering each window after a latency, with Redis
 * on (one shared cache) and off (the per-process cache), side by side: upstream requests (goal: one
 * pull's windows plus probes), each client's pull time (p50/p95) against one client alone, the proxies'
 * CPU-seconds against compressing each window once (and against brotli per answer, as before), and
 * Redis' peak memory. Clients ask windows as the core client does on a refresh (4 in flight,
 * `Cache-Control: no-cache`, and from its first answer on the `OMSPAN-Generation` it was answered) but
 * do not decode the bodies, so the load generator's own cost stays small.
 *
 * One process plays 300 clients with 1,200 sockets, so its event loop runs late (its delay is printed:
 * about 1–2 s at 300 clients on 2 cores). A kept-alive socket can then be reused after the server has
 * closed it as idle; the generator, like browsers, asks again once on a reused socket that closed
 * before any answer, and keeps idle sockets well under the server's keep-alive timeout.
 * Sizes: OMSPAN_BENCH_SCALE_CLIENTS (default 300), OMSPAN_BENCH_SCALE_LATENCY_MS (default 200).
 */
import { spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { DEV_SECRET, mintKey } from "../src/simulator";
import { startRedis, startServerProcess, type RedisServer, type ServerProcess } from "../test/scale/support";

const CLIENTS = Number(process.env.OMSPAN_BENCH_SCALE_CLIENTS ?? 300);
const LATENCY = Number(process.env.OMSPAN_BENCH_SCALE_LATENCY_MS ?? 200);
const STEP = 5000;
const YEAR = 2026;

async function startSim(): Promise<{ base: string; requests(): number; close(): void }> {
  const bin = path.resolve(__dirname, "..", "bin", "omspan-simulator.js");
  const child = spawn(process.execPath, [bin, "--port", "0", "--profile", "full", "--today", `${YEAR}-11-28`, "--latency", String(LATENCY)], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  let requests = 0;
  child.stdout!.on("data", (c: Buffer) => {
    const s = c.toString();
    if (out.length < 10_000) out += s;
    requests += (s.match(/\/spanint\/data\//g) ?? []).length;
  });
  while (!/data\s+:/.test(out)) await new Promise((r) => setTimeout(r, 50));
  return { base: /base URL : (\S+)/.exec(out)![1]!, requests: () => requests, close: () => void child.kill("SIGTERM") };
}

interface Got { status: number; body: Buffer; gen?: string }

/** Reused sockets that closed before any answer and were asked again (the browsers' rule). */
let reasked = 0;

/** A GET; asked again (twice at most) when a reused kept-alive socket closed before any answer. */
async function get(url: string, headers: Record<string, string>, agent?: http.Agent, keep = true): Promise<Got> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await getOnce(url, headers, agent, keep);
    } catch (err) {
      const e = err as NodeJS.ErrnoException & { reused?: boolean };
      if (attempt >= 2 || !e.reused || e.code !== "ECONNRESET") throw err;
      reasked++;
    }
  }
}

/** `keep` false: the body is read and dropped (the clients' side of the run stays cheap). */
function getOnce(url: string, headers: Record<string, string>, agent: http.Agent | undefined, keep: boolean): Promise<Got> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.get(url, { headers, agent }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => keep && chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), gen: res.headers["omspan-generation"] as string | undefined }));
      res.on("error", reject);
    });
    req.on("error", (err) => reject(Object.assign(err, { reused: req.reusedSocket && !answered })));
  });
}

/** One client's refresh: windows 1..n+1 (the last one the probe), four in flight, through random processes. */
async function refresh(procs: ServerProcess[], key: string, windows: number, agents: http.Agent[]): Promise<{ ms: number; bad: number; mixed: number }> {
  const t0 = performance.now();
  let next = 0;
  let bad = 0;
  let mixed = 0;
  const headers: Record<string, string> = { authorization: `Bearer ${key}`, "accept-encoding": "gzip, deflate", "cache-control": "no-cache", accept: "application/json" };
  let gen: string | undefined;
  const worker = async () => {
    while (next <= windows) {
      const k = next++;
      const i = Math.floor(Math.random() * procs.length);
      const r = await get(`${procs[i]!.base}RealisasiKL/${1 + k * STEP}/${(k + 1) * STEP}`, gen ? { ...headers, "omspan-generation": gen } : headers, agents[i], false);
      if (r.status !== 200) bad++;
      else if (gen && r.gen !== gen) mixed++;
      gen ??= r.gen;
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return { ms: performance.now() - t0, bad, mixed };
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const cpuOf = async (p: ServerProcess) => {
  const m = (await p.metrics()).process as { cpuUserMs: number; cpuSystemMs: number };
  return (m.cpuUserMs + m.cpuSystemMs) / 1000;
};

interface Run {
  upstream: number; alone: number; p50: number; p95: number; cpu: number; redisPeak?: string; bad: number; mixed: number;
  /** The load generator's event-loop delay during the run, p99 and max (ms). */
  lagP99: number; lagMax: number;
  reasked: number;
  /** Summed over the processes: requests that waited for another's download, and that found Redis unavailable. */
  waits: number; fallbacks: number;
}

async function run(sim: { base: string; requests(): number }, key: string, windows: number, redisOn: boolean): Promise<Run> {
  const stack = async () => {
    const redis: RedisServer | undefined = redisOn ? await startRedis() : undefined;
    const env: Record<string, string> = { OMSPAN_UPSTREAM: sim.base, OMSPAN_CACHE_TTL_MS: "300000", OMSPAN_QUEUE_SIZE: "100000", OMSPAN_QUEUE_TIMEOUT_MS: "120000" };
    if (redis) env.OMSPAN_REDIS_URL = redis.url;
    const procs = await Promise.all([1, 2, 3].map(() => startServerProcess(env)));
    // Idle sockets are dropped long before the server's keep-alive timeout (65 s) closes them.
    const agents = procs.map(() => new http.Agent({ keepAlive: true, maxSockets: 1200, timeout: 10_000 }));
    return {
      redis, procs, agents,
      close: async () => {
        agents.forEach((a) => a.destroy());
        await Promise.all(procs.map((p) => p.kill("SIGKILL")));
        await redis?.close();
      },
    };
  };
  const one = await stack();
  let alone: number;
  try {
    alone = (await refresh(one.procs, key, windows, one.agents)).ms;
  } finally {
    await one.close();
  }

  const s = await stack();
  let cpu0: number[], cpu1: number[], upstream: number, redisPeak: string | undefined, results: { ms: number; bad: number; mixed: number }[];
  const lag = monitorEventLoopDelay({ resolution: 10 });
  let counters: Record<string, number>[];
  try {
    cpu0 = await Promise.all(s.procs.map(cpuOf));
    const before = sim.requests();
    reasked = 0;
    lag.enable();
    results = await Promise.all(Array.from({ length: CLIENTS }, () => refresh(s.procs, key, windows, s.agents)));
    lag.disable();
    cpu1 = await Promise.all(s.procs.map(cpuOf));
    upstream = sim.requests() - before;
    counters = (await Promise.all(s.procs.map((p) => p.metrics()))).map((m) => m.cache as Record<string, number>);
    redisPeak = s.redis ? await s.redis.query(async (c) => /used_memory_peak_human:(\S+)/.exec(await c.info("memory"))?.[1]) : undefined;
  } finally {
    await s.close();
  }
  const ms = results.map((r) => r.ms);
  const sum = (k: string) => counters.reduce((n, c) => n + (c[k] ?? 0), 0);
  return {
    upstream, alone, p50: pct(ms, 50), p95: pct(ms, 95), cpu: cpu1.reduce((a, b, i) => a + b - cpu0[i]!, 0), redisPeak,
    bad: results.reduce((n, r) => n + r.bad, 0), mixed: results.reduce((n, r) => n + r.mixed, 0), lagP99: lag.percentile(99) / 1e6, lagMax: lag.max / 1e6, reasked,
    waits: sum("waits"), fallbacks: sum("redisFallbacks"),
  };
}

export async function runScaleBench(log: (line: string) => void): Promise<void> {
  const sim = await startSim();
  const key = await mintKey(DEV_SECRET, { year: YEAR });
  try {
    // The windows, straight from the simulator: how many, and what compressing them costs.
    const bodies: Buffer[] = [];
    for (let k = 0; ; k += 8) {
      const got = await Promise.all(Array.from({ length: 8 }, (_, j) => get(`${sim.base}RealisasiKL/${1 + (k + j) * STEP}/${(k + j + 1) * STEP}`, { authorization: `Bearer ${key}` })));
      const data = got.filter((g) => g.body[0] === 0x5b && g.body[1] !== 0x5d);
      bodies.push(...data.map((g) => g.body));
      if (data.length < 8) break;
    }
    const windows = bodies.length;
    const c0 = process.cpuUsage();
    for (const b of bodies) gzipSync(b);
    const c1 = process.cpuUsage(c0);
    const gzipOnce = (c1.user + c1.system) / 1e6;
    const b0 = process.cpuUsage();
    brotliCompressSync(bodies[0]!, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } });
    const b1 = process.cpuUsage(b0);
    const brotliPerAnswer = ((b1.user + b1.system) / 1e6) * (windows + 1) * CLIENTS;
    log(`full-profile Realisasi: ${windows} windows of ${STEP} rows (+1 probe), ${(bodies.reduce((n, b) => n + b.length, 0) / 1e6).toFixed(0)} MB; simulator latency ${LATENCY} ms per window; ${CLIENTS} clients × ${windows + 1} requests through 3 processes`);
    const on = await run(sim, key, windows, true);
    const off = await run(sim, key, windows, false);
    const row = (name: string, a: string, b: string, ratio = "") => log(`  ${name.padEnd(42)} ${a.padStart(12)} ${b.padStart(12)} ${ratio}`);
    row("", "Redis on", "Redis off", "on/off");
    row("upstream requests (goal: windows + probes)", String(on.upstream), String(off.upstream), (on.upstream / off.upstream).toFixed(2));
    row("one client alone, cold (s)", (on.alone / 1000).toFixed(1), (off.alone / 1000).toFixed(1));
    row(`${CLIENTS} clients: p50 pull (s)`, (on.p50 / 1000).toFixed(1), (off.p50 / 1000).toFixed(1), `p50/alone ${(on.p50 / on.alone).toFixed(2)} | ${(off.p50 / off.alone).toFixed(2)}`);
    row(`${CLIENTS} clients: p95 pull (s)`, (on.p95 / 1000).toFixed(1), (off.p95 / 1000).toFixed(1), `p95/alone ${(on.p95 / on.alone).toFixed(2)} | ${(off.p95 / off.alone).toFixed(2)}`);
    row("proxy CPU-seconds (3 processes)", on.cpu.toFixed(1), off.cpu.toFixed(1), (on.cpu / off.cpu).toFixed(2));
    row("answers not 200", String(on.bad), String(off.bad));
    row("answers of another generation than the first", String(on.mixed), String(off.mixed));
    row("requests that waited for another's download", String(on.waits), String(off.waits));
    row("requests served without Redis (Redis slow)", String(on.fallbacks), "-");
    row("generator: event-loop delay p99 / max (ms)", `${on.lagP99.toFixed(0)} / ${on.lagMax.toFixed(0)}`, `${off.lagP99.toFixed(0)} / ${off.lagMax.toFixed(0)}`);
    row("generator: reused sockets closed, asked again", String(on.reasked), String(off.reasked));
    row("Redis peak memory", on.redisPeak ?? "-", "-");
    log(`  compress once: gzip of the ${windows} windows ${gzipOnce.toFixed(2)} CPU-s (proxy CPU / that: on ${(on.cpu / gzipOnce).toFixed(0)}×, off ${(off.cpu / gzipOnce).toFixed(0)}×)`);
    log(`  brotli (q4) per answer, as before compress-once, estimated from one window: ${brotliPerAnswer.toFixed(0)} CPU-s for ${CLIENTS} pulls`);
  } finally {
    sim.close();
  }
}

if (require.main === module) runScaleBench((l) => process.stdout.write(`${l}\n`)).catch((e: unknown) => { console.error(e); process.exit(1); });
