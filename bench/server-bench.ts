/**
 * Server benchmark (figures only, never pass/fail on time), loopback only, about a minute:
 *  1. added latency p50/p99 through the server vs straight to the simulator, 50 concurrent clients;
 *  2. peak RSS of the server process while it streams a 200 MB answer (goal < 100 MB);
 *  3. compression ratio on a Realisasi page (gzip and br).
 * The server runs in a child process (as `npm start` runs it) so its RSS is its own and it does not
 * share an event loop with the load generator. Run alone: `npx tsx bench/server-bench.ts`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { startSimulator } from "../src/simulator";

interface Percentiles { p50: number; p99: number; average: number }
interface AutocannonResult { latency: Percentiles; requests: { average: number }; non2xx: number; errors: number }
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
// autocannon ships no types and @types/autocannon is not installed: the few fields used are typed above.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon: Autocannon = require("autocannon");

const ROOT = resolve(__dirname, "..");
const MB = 1024 * 1024;

interface ServerChild { url: string; child: ChildProcess; stop(): Promise<void> }

/** Starts `src/server/main.ts` in a child process, plain http on 127.0.0.1, and waits for its URL. */
async function startServerChild(upstream: string, extra: Record<string, string> = {}): Promise<ServerChild> {
  const child = spawn(process.execPath, ["-e", 'require("./bin/register-ts"); require("./src/server/main.ts")'], {
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

/** Peak resident set (VmHWM) of a process, in MB; Linux /proc only. */
function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** GETs a URL and counts the bytes received (nothing kept). */
function download(url: string, headers: Record<string, string>): Promise<{ status: number; bytes: number; ms: number }> {
  const started = performance.now();
  return new Promise((ok, fail) => {
    http.get(url, { headers, agent: false }, (res) => {
      let bytes = 0;
      res.on("data", (c: Buffer) => (bytes += c.length));
      res.on("end", () => ok({ status: res.statusCode ?? 0, bytes, ms: performance.now() - started }));
      res.on("error", fail);
    }).on("error", fail);
  });
}

/** A fake upstream that streams `totalBytes` of Realisasi-like JSON with backpressure, whatever the path. */
async function startHugeUpstream(totalBytes: number): Promise<{ base: string; close(): Promise<void> }> {
  const row = (i: number) =>
    `{"ROWNUM":"${i}","KDSATKER":"${527560 + (i % 500)}","KPPN":"001","BA":"056","BAES1":"05601","AKUN":"${521111 + (i % 97)}",` +
    `"PROGRAM":"056WA","KEGIATAN":"1705","OUTPUT":"002","KEWENANGAN":"2","SUMBER_DANA":"A","CARA_TARIK":"0",` +
    `"KDREGISTER":"00000000","LOKASI":"0651","BUDGET_TYPE":"2","TANGGAL":"04-FEB-19","MAXDATE":"15-MAR-19","AMOUNT":"${(i * 7919) % 9999999}"}`;
  const rows: string[] = [];
  for (let i = 1, size = 0; size < 256 * 1024; i++) size += rows[rows.push(row(i)) - 1]!.length + 1;
  const chunk = Buffer.from(rows.join(",") + ",");
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    let sent = 0;
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
 * Streams the answer through a server child started with `nodeOptions`. Peak RSS is bounded, not
 * proportional to the answer (the same for 50 MB and 600 MB), but Node's baseline is high: V8's young
 * generation grows to 3 × 16 MB under allocation churn, so a smaller semi-space is shown too.
 */
async function memoryFigures(log: (line: string) => void, nodeOptions: string): Promise<void> {
  const size = 200 * MB;
  const upstream = await startHugeUpstream(size);
  const server = await startServerChild(upstream.base, { OMSPAN_TIMEOUT_MS: "120000", NODE_OPTIONS: nodeOptions });
  try {
    log(`server: memory with NODE_OPTIONS="${nodeOptions}"`);
    const pid = server.child.pid!;
    const idle = peakRssMb(pid);
    const headers = { authorization: "Bearer bench-not-a-key" };
    const plain = await download(`${server.url}/omspan/RealisasiKL/1/999999`, headers);
    const afterPlain = peakRssMb(pid);
    const gz = await download(`${server.url}/omspan/RealisasiKL/1/999999`, { ...headers, "accept-encoding": "gzip" });
    const afterGzip = peakRssMb(pid);
    log(`server:   streaming a ${fmt(plain.bytes / MB, 0)} MB answer: ${fmt(plain.ms / 1000, 1)} s (${fmt(plain.bytes / MB / (plain.ms / 1000), 0)} MB/s); ` +
      `gzip to the client ${fmt(gz.bytes / MB, 1)} MB in ${fmt(gz.ms / 1000, 1)} s`);
    log(`server:   peak RSS of the server process: idle ${fmt(idle, 0)} MB, after identity stream ${fmt(afterPlain, 0)} MB, ` +
      `after gzip stream ${fmt(afterGzip, 0)} MB (goal < 100 MB)`);
  } finally {
    await server.stop();
    await upstream.close();
  }
}

/** Runs the server benchmark, writing one line per figure to `log`. */
export async function runServerBench(log: (line: string) => void): Promise<void> {
  await latencyFigures(log);
  await memoryFigures(log, "");
  await memoryFigures(log, "--max-semi-space-size=1");
}

if (require.main === module) {
  runServerBench((line) => console.log(line)).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
