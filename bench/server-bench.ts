/**
 * Server benchmark (figures only, never pass/fail on time), loopback only, about a minute and a half:
 *  1. added latency p50/p99 through the server vs straight to the simulator, 50 concurrent clients;
 *  2. compression ratio on a Realisasi page (gzip and br);
 *  3. memory of the server process while it streams a 200 MB answer (goal: peak RSS < 100 MB): idle
 *     RSS, peak RSS and growth over idle, for the server run through tsx (as the README's command runs
 *     it) and precompiled to plain JS (tsc into a temporary directory), each without and with the
 *     recommended node flags (src/server/node-flags.ts); beside them the idle RSS of a bare `node` http
 *     server and of fastify with the same plugins and none of our code, so Node's own baseline, the
 *     framework and our code are told apart. Fast and slow readers, identity and gzip; for identity,
 *     how far the upstream got ahead of the client (backpressure end to end), and one run with the
 *     answer cache on (a 200 MB answer must stream through it, not into it).
 *  4. a bad day (server-bad-day.ts): a normal user's latency while 8 clients read nothing and 24 hang
 *     up, and the CLI's peak RSS against a gzip bomb.
 * The server runs in a child process so its RSS is its own and it does not share an event loop with
 * the load generator. Run alone: `npx tsx bench/server-bench.ts`.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { SERVER_NODE_FLAGS } from "../src/server/node-flags";
import { runBadDayBench } from "./server-bad-day";
import { startSimulator } from "../src/simulator";

interface Percentiles { p50: number; p99: number; average: number }
interface AutocannonResult { latency: Percentiles; requests: { average: number }; non2xx: number; errors: number }
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
// autocannon ships no types and @types/autocannon is not installed: the few fields used are typed above.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon: Autocannon = require("autocannon");

const ROOT = resolve(__dirname, "..");
const MB = 1024 * 1024;

/** The README's way of starting the server: from the TypeScript sources through tsx. */
const TSX_ENTRY = ["-e", 'require("./bin/register-ts"); require("./src/server/main.ts")'];

interface ServerChild { url: string; child: ChildProcess; stop(): Promise<void> }

/**
 * Starts a server in a child process (by default `src/server/main.ts` through tsx), plain http on
 * 127.0.0.1, and waits for the "listening on <url>" line. `argv` is everything after `node`.
 */
async function startServerChild(upstream: string, extra: Record<string, string> = {}, argv: readonly string[] = TSX_ENTRY): Promise<ServerChild> {
  const child = spawn(process.execPath, [...argv], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...process.env, OMSPAN_UPSTREAM: upstream, OMSPAN_PORT: "0", OMSPAN_HOST: "127.0.0.1", OMSPAN_PLAIN_HTTP: "true",
      OMSPAN_LOG_LEVEL: "warn", OMSPAN_RATE_LIMIT: "0", OMSPAN_STATIC_DIR: resolve(ROOT, "dist"), ...extra,
    },
  });
  let out = "";
  const url = await new Promise<string>((ok, fail) => {
    child.stdout!.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) ok(m[1]!);
    });
    child.once("exit", (code) => fail(new Error(`server exited (${code}) before listening: ${out}`)));
  });
  const stop = () => new Promise<void>((done) => { child.once("exit", () => done()); child.kill("SIGTERM"); });
  return { url, child, stop };
}

/** Current (VmRSS) and peak (VmHWM, over the process's whole life) resident set of a process, in MB; Linux /proc only. */
function rssMb(pid: number): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { now: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Download { status: number; bytes: number; ms: number; headers: http.IncomingHttpHeaders }

/**
 * GETs a URL and counts the bytes received (nothing kept). With `rateMBps` the client reads no faster
 * than that (pausing the response, so TCP pushes back on the server). `onBytes` sees the running total.
 */
function download(url: string, headers: Record<string, string>, rateMBps = 0, onBytes?: (total: number) => void): Promise<Download> {
  const started = performance.now();
  return new Promise((ok, fail) => {
    http.get(url, { headers, agent: false }, (res) => {
      let bytes = 0;
      res.on("data", (c: Buffer) => {
        bytes += c.length;
        onBytes?.(bytes);
        if (rateMBps > 0) {
          const wait = started + (bytes / MB / rateMBps) * 1000 - performance.now();
          if (wait > 1) {
            res.pause();
            setTimeout(() => res.resume(), wait);
          }
        }
      });
      res.on("end", () => ok({ status: res.statusCode ?? 0, bytes, ms: performance.now() - started, headers: res.headers }));
      res.on("error", fail);
    }).on("error", fail);
  });
}

interface HugeUpstream { base: string; /** Bytes written to the current answer so far. */ sent(): number; close(): Promise<void> }

/** A fake upstream that streams `totalBytes` of Realisasi-like JSON with backpressure, whatever the path. */
async function startHugeUpstream(totalBytes: number): Promise<HugeUpstream> {
  const row = (i: number) =>
    `{"ROWNUM":"${i}","KDSATKER":"${527560 + (i % 500)}","KPPN":"001","BA":"056","BAES1":"05601","AKUN":"${521111 + (i % 97)}",` +
    `"PROGRAM":"056WA","KEGIATAN":"1705","OUTPUT":"002","KEWENANGAN":"2","SUMBER_DANA":"A","CARA_TARIK":"0",` +
    `"KDREGISTER":"00000000","LOKASI":"0651","BUDGET_TYPE":"2","TANGGAL":"04-FEB-19","MAXDATE":"15-MAR-19","AMOUNT":"${(i * 7919) % 9999999}"}`;
  const rows: string[] = [];
  for (let i = 1, size = 0; size < 256 * 1024; i++) size += rows[rows.push(row(i)) - 1]!.length + 1;
  const chunk = Buffer.from(rows.join(",") + ",");
  let sent = 0;
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    sent = 0;
    res.write("[");
    const pump = () => {
      while (sent < totalBytes) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      res.end(`${row(0)}]`);
    };
    pump();
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/spanint/data/DataWebService/`,
    sent: () => sent,
    close: () => new Promise((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}

const fmt = (n: number, d = 2) => n.toFixed(d);

async function latencyFigures(log: (line: string) => void): Promise<void> {
  const sim = await startSimulator({ port: 0, profile: "demo" });
  // The cap is raised to 64 so this measures the proxy's own cost, not queueing behind the default cap of 8.
  const server = await startServerChild(sim.baseUrl, { OMSPAN_MAX_CONCURRENT: "64" });
  try {
    const headers = { authorization: `Bearer ${await sim.mintKey()}`, accept: "application/json" };
    const route = "RealisasiKL/1/100";
    const run = (url: string, duration: number) => autocannon({ url, connections: 50, duration, headers });
    await run(`${server.url}/omspan/${route}`, 2); // warm-up: JIT, sockets, tsx compile
    const direct = await run(`${sim.baseUrl}${route}`, 8);
    const through = await run(`${server.url}/omspan/${route}`, 8);
    log(`server: latency at 50 clients, GET ${route} (${server.url} → simulator demo), 8 s each`);
    for (const [name, r] of [["direct ", direct], ["through", through]] as const) {
      log(`server:   ${name}  p50 ${fmt(r.latency.p50)} ms  p99 ${fmt(r.latency.p99)} ms  ${fmt(r.requests.average, 0)} req/s  non-2xx ${r.non2xx}  errors ${r.errors}`);
    }
    log(`server:   added    p50 ${fmt(through.latency.p50 - direct.latency.p50)} ms  p99 ${fmt(through.latency.p99 - direct.latency.p99)} ms` +
      `  ratio p50 ${fmt(through.latency.p50 / direct.latency.p50)}×  p99 ${fmt(through.latency.p99 / direct.latency.p99)}×`);

    const page = "RealisasiKL/1/5000";
    const plain = await download(`${server.url}/omspan/${page}`, headers);
    const gz = await download(`${server.url}/omspan/${page}`, { ...headers, "accept-encoding": "gzip" });
    const br = await download(`${server.url}/omspan/${page}`, { ...headers, "accept-encoding": "br" });
    log(`server: compression on GET ${page}: ${fmt(plain.bytes / MB)} MB → gzip ${fmt(gz.bytes / MB, 3)} MB ` +
      `(${fmt(plain.bytes / gz.bytes, 1)}:1, ${fmt(gz.ms, 0)} ms), br ${fmt(br.bytes / MB, 3)} MB (${fmt(plain.bytes / br.bytes, 1)}:1, ${fmt(br.ms, 0)} ms)`);
  } finally {
    await server.stop();
    await sim.close();
  }
}

/**
 * Compiles `src/server/main.ts` and everything it imports to plain CommonJS with tsc, into a fresh
 * directory under `.omspan/` (gitignored; `node_modules` resolve from there as from the sources).
 */
function compileServer(): { dir: string; main: string; ms: number } {
  mkdirSync(join(ROOT, ".omspan"), { recursive: true });
  const dir = mkdtempSync(join(ROOT, ".omspan", "bench-server-js-"));
  const started = performance.now();
  const tsc = spawnSync(process.execPath, [
    require.resolve("typescript/bin/tsc"), "--outDir", dir, "--rootDir", "src", "--module", "commonjs", "--target", "ES2022",
    "--esModuleInterop", "--skipLibCheck", "--types", "node", join("src", "server", "main.ts"),
  ], { cwd: ROOT, encoding: "utf8" });
  if (tsc.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`tsc could not compile the server: ${tsc.stdout}${tsc.stderr}`);
  }
  return { dir, main: join(dir, "server", "main.js"), ms: performance.now() - started };
}

/** Idle references, started like the server and printing the same "listening on" line. */
const BARE_HTTP = `const s = require("node:http").createServer((q, r) => r.end("ok"));
s.listen(0, "127.0.0.1", () => console.log("listening on http://127.0.0.1:" + s.address().port));`;
const FASTIFY_ONLY = `(async () => {
  const app = require("fastify")({ logger: { level: "warn" } });
  for (const p of ["@fastify/helmet", "@fastify/cors", "@fastify/rate-limit", "@fastify/compress", "@fastify/reply-from"]) await app.register(require(p));
  await app.register(require("@fastify/static"), { root: process.env.OMSPAN_STATIC_DIR });
  app.get("/health", async () => ({ status: "ok" }));
  await app.listen({ port: 0, host: "127.0.0.1" });
  console.log("listening on http://127.0.0.1:" + app.server.address().port);
})();`;

/** Idle RSS (MB) of a process started by `argv`, one second after it listens. */
async function idleRss(upstream: string, argv: readonly string[], env: Record<string, string> = {}): Promise<number> {
  const child = await startServerChild(upstream, env, argv);
  try {
    await sleep(1000);
    return rssMb(child.child.pid!).now;
  } finally {
    await child.stop();
  }
}

interface Phase { name: string; encoding?: string; rateMBps: number }
const PHASES: readonly Phase[] = [
  { name: "identity", rateMBps: 0 },
  { name: "gzip", encoding: "gzip", rateMBps: 0 },
  // Slow readers: the realistic case, a client reading slower than the upstream sends (~3 s each).
  { name: "identity, reader at 67 MB/s", rateMBps: 67 },
  { name: "gzip, reader at 3 MB/s", encoding: "gzip", rateMBps: 3 },
];

interface PhaseResult extends Download { phase: Phase; peakAfter: number; aheadMb?: number }
interface MemoryRun { idle: number; peak: number; phases: PhaseResult[] }

/**
 * Starts a server child with `argv`, reads its idle RSS, streams the 200 MB answer once per phase and
 * reads the peak after each. For identity answers it also tracks how far the upstream got ahead of the
 * client: whatever sits between them (both hops' kernel socket buffers and anything the server holds).
 */
async function memoryRun(upstream: HugeUpstream, argv: readonly string[], env: Record<string, string> = {}, phases = PHASES): Promise<MemoryRun> {
  const server = await startServerChild(upstream.base, { OMSPAN_TIMEOUT_MS: "120000", ...env }, argv);
  try {
    const pid = server.child.pid!;
    await sleep(1000);
    const idle = rssMb(pid).now;
    const results: PhaseResult[] = [];
    for (const phase of phases) {
      const headers: Record<string, string> = { authorization: "Bearer bench-not-a-key" };
      if (phase.encoding) headers["accept-encoding"] = phase.encoding;
      let ahead = 0;
      const track = phase.encoding ? undefined : (got: number) => void (ahead = Math.max(ahead, upstream.sent() - got));
      const d = await download(`${server.url}/omspan/RealisasiKL/1/999999`, headers, phase.rateMBps, track);
      if (d.status !== 200) throw new Error(`${phase.name}: status ${d.status}`);
      results.push({ ...d, phase, peakAfter: rssMb(pid).peak, aheadMb: track ? ahead / MB : undefined });
    }
    return { idle, peak: rssMb(pid).peak, phases: results };
  } finally {
    await server.stop();
  }
}

async function memoryFigures(log: (line: string) => void): Promise<void> {
  const upstream = await startHugeUpstream(200 * MB);
  const compiled = compileServer();
  try {
    const flags = SERVER_NODE_FLAGS.join(" ");
    log(`server: memory of the server process while it streams a 200 MB answer (goal: peak RSS < 100 MB); RSS in MB:`);
    log(`server:   idle = 1 s after start, peak = VmHWM over the whole life, growth = peak − idle; precompiled = tsc to plain JS (${fmt(compiled.ms / 1000, 1)} s)`);
    const refs: string[] = [];
    for (const [name, script] of [["bare node http server (Node's own baseline)", BARE_HTTP], ["fastify + our six plugins, no OMSPAN code", FASTIFY_ONLY]]) {
      const plain = await idleRss(upstream.base, ["-e", script!]);
      const flagged = await idleRss(upstream.base, [...SERVER_NODE_FLAGS, "-e", script!]);
      refs.push(`${name} ${fmt(plain, 0)} (${fmt(flagged, 0)} with ${flags})`);
    }
    log(`server:   idle references: ${refs.join(" · ")}`);

    const variants: [string, string[]][] = [
      ["(a) tsx", TSX_ENTRY],
      ["(b) precompiled", [compiled.main]],
      [`(c) tsx + ${flags}`, [...SERVER_NODE_FLAGS, ...TSX_ENTRY]],
      [`(d) precompiled + ${flags}`, [...SERVER_NODE_FLAGS, compiled.main]],
    ];
    let last: MemoryRun | undefined;
    for (const [label, argv] of variants) {
      const run = (last = await memoryRun(upstream, argv));
      const after = run.phases.map((p) => fmt(p.peakAfter, 0)).join(" → ");
      const fast = run.phases[0]!;
      log(`server:   ${label.padEnd(42)} idle ${fmt(run.idle, 0).padStart(3)}  peak ${fmt(run.peak, 0).padStart(3)}  growth +${fmt(run.peak - run.idle, 0).padEnd(3)}` +
        ` | peak after each phase ${after} | identity ${fmt(fast.bytes / MB / (fast.ms / 1000), 0)} MB/s`);
    }
    const phases = last!.phases;
    log(`server:   phases: ${phases.map((p) => `${p.phase.name} ${fmt(p.bytes / MB, 1)} MB in ${fmt(p.ms / 1000, 1)} s`).join("; ")}`);
    const ahead = phases.filter((p) => p.aheadMb !== undefined).map((p) => `${fmt(p.aheadMb!, 1)} MB (${p.phase.name})`);
    log(`server:   backpressure: the upstream was at most ${ahead.join(", ")} ahead of the client, kernel socket buffers of both hops included`);

    const cached = await memoryRun(upstream, [...SERVER_NODE_FLAGS, compiled.main], { OMSPAN_CACHE_TTL_MS: "60000" }, [PHASES[0]!, PHASES[0]!]);
    const misses = cached.phases.map((p) => p.headers["x-cache"]).join(", ");
    log(`server:   (d) with the answer cache on (256 MB budget): idle ${fmt(cached.idle, 0)}  peak ${fmt(cached.peak, 0)}  growth +${fmt(cached.peak - cached.idle, 0)}` +
      ` | the 200 MB answer twice: x-cache ${misses} (not cached: the copy is dropped at the 32 MB entry limit, so the answer is never held whole)`);
    log(`server:   main.ts sets --liftoff-only on itself; start command: node ${flags} -e 'require("./bin/register-ts"); require("./src/server/main.ts")'`);
  } finally {
    rmSync(compiled.dir, { recursive: true, force: true });
    await upstream.close();
  }
}

/** Runs the server benchmark, writing one line per figure to `log`. */
export async function runServerBench(log: (line: string) => void): Promise<void> {
  await latencyFigures(log);
  await memoryFigures(log);
  await runBadDayBench(log);
}

if (require.main === module) {
  runServerBench((line) => console.log(line)).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
