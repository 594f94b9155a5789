/**
 * A bad day, measured (issue 15; figures only, never pass/fail on time), loopback only, bounded in count
 * and time:
 *  1. a normal user's latency through the server (defaults, run as `npm run server` runs it) while 8
 *     clients read nothing and 24 clients hang up after 0.3 s, against the quiet figure (goal: within
 *     1.5×); the simulator answers after a fixed latency, as a loaded OMSPAN would;
 *  2. peak RSS of the `omspan` CLI pulling from an upstream that sends a gzip bomb (300 MB of JSON in a
 *     few hundred KB), and what the CLI said.
 */
import { spawn } from "node:child_process";
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { createGzip } from "node:zlib";
import { startSimulator } from "../src/simulator";
import { median } from "./support";

const ROOT = resolve(__dirname, "..");
const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (n: number, d = 0) => n.toFixed(d);

/** Starts the server from the TypeScript sources in a child, plain http on 127.0.0.1, default settings. */
async function serverChild(upstream: string): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ["-e", 'require("./bin/register-ts"); require("./src/server/main.ts")'], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, OMSPAN_UPSTREAM: upstream, OMSPAN_PORT: "0", OMSPAN_HOST: "127.0.0.1", OMSPAN_PLAIN_HTTP: "true", OMSPAN_LOG_LEVEL: "warn", OMSPAN_RATE_LIMIT: "0", OMSPAN_STATIC_DIR: resolve(ROOT, "dist") },
  });
  let out = "";
  const url = await new Promise<string>((ok, fail) => {
    child.stdout!.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) ok(m[1]!);
    });
    child.once("exit", (code) => fail(new Error(`server exited (${code}): ${out}`)));
  });
  return { url, stop: () => new Promise<void>((done) => { child.once("exit", () => done()); child.kill("SIGTERM"); }) };
}

/** One GET read to the end; its time in ms. */
function timedGet(url: string, headers: Record<string, string>): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  return new Promise((ok, fail) => {
    http.get(url, { headers, agent: false }, (res) => {
      res.resume();
      res.on("end", () => ok({ ms: performance.now() - started, status: res.statusCode ?? 0 }));
    }).on("error", fail);
  });
}

/** A client that sends a GET and never reads the answer. */
function nonReader(url: string, path: string, auth: string): net.Socket {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  socket.on("error", () => undefined);
  socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: ${auth}\r\n\r\n`);
  socket.pause();
  return socket;
}

async function userLatency(log: (line: string) => void): Promise<void> {
  const latencyMs = 1000;
  const sim = await startSimulator({ port: 0, host: "127.0.0.1", profile: "demo", faults: { latencyMs } });
  const server = await serverChild(sim.baseUrl);
  const auth = `Bearer ${await sim.mintKey()}`;
  const headers = { authorization: auth, "accept-encoding": "gzip" };
  const userUrl = `${server.url}/omspan/RealisasiKL/1/5000`;
  const stuck: net.Socket[] = [];
  try {
    await timedGet(userUrl, headers); // warm-up
    const quiet: number[] = [];
    for (let i = 0; i < 5; i++) quiet.push((await timedGet(userUrl, headers)).ms);
    // The bad day: 8 clients ask for 50,000-row windows (~16 MB each) and read nothing; 24 ask and hang up.
    for (let i = 0; i < 8; i++) stuck.push(nonReader(server.url, "/omspan/RealisasiKL/1/50000", auth));
    for (let i = 0; i < 24; i++) {
      const req = http.get(`${server.url}/omspan/RealisasiKL/${5001 + i}/${10_000 + i}`, { headers: { authorization: auth }, agent: false });
      req.on("error", () => undefined);
      setTimeout(() => req.destroy(), 300);
    }
    // The user comes once the 8 answers have started (OMSPAN's latency): they are now "reading nothing".
    await sleep(latencyMs + 500);
    const busy: number[] = [];
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await timedGet(userUrl, headers);
      busy.push(r.ms);
      statuses.push(r.status);
    }
    const q = median(quiet);
    const b = median(busy);
    log(`server: a normal user's GET RealisasiKL/1/5000 (simulator latency ${latencyMs} ms, default settings), median of 5:`);
    const worst = Math.max(...busy);
    log(`server:   quiet ${fmt(q)} ms | while 8 clients read nothing (50,000-row windows, ~16 MB each) and 24 hang up: median ${fmt(b)} ms,` +
      ` worst ${fmt(worst)} ms (${busy.map((x) => fmt(x)).join(", ")}; statuses ${[...new Set(statuses)].join(",")})` +
      ` | ratio median ${fmt(b / q, 2)}×, worst ${fmt(worst / q, 2)}× (goal ≤ 1.5×)`);
  } finally {
    stuck.forEach((s) => s.destroy());
    await server.stop();
    await sim.close();
  }
}

/** An upstream answering every request with `decodedMb` MB of JSON gzipped (built once, streamed). */
async function gzipBomb(decodedMb: number): Promise<{ base: string; bytes: number; close(): Promise<void> }> {
  const gz = createGzip({ level: 9 });
  const parts: Buffer[] = [];
  gz.on("data", (c: Buffer) => parts.push(c));
  const done = new Promise((r) => gz.on("end", r));
  const row = `{"ROWNUM":"1","KDSATKER":"527560","KPPN":"001","AKUN":"521111","AMOUNT":"1000"},`;
  const piece = Buffer.from(row.repeat(Math.ceil(MB / row.length)));
  gz.write("[");
  for (let i = 0; i < decodedMb; i++) if (!gz.write(piece)) await new Promise((r) => gz.once("drain", r));
  gz.end(`${row.slice(0, -1)}]`);
  await done;
  const bomb = Buffer.concat(parts);
  const server = http.createServer((_req, res) => {
    res.on("error", () => undefined);
    res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" }).end(bomb);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/spanint/data/DataWebService/`,
    bytes: bomb.length,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

/** Runs the CLI to the end, polling its peak RSS (VmHWM; Linux /proc). */
function cliPeak(args: string[], env: Record<string, string>): Promise<{ peakMb: number; code: number | null; stderr: string; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [resolve(ROOT, "bin", "omspan.js"), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  let peak = 0;
  const poll = setInterval(() => {
    try {
      const status = require("node:fs").readFileSync(`/proc/${child.pid}/status`, "utf8") as string;
      peak = Math.max(peak, Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
    } catch {
      // the process has just exited
    }
  }, 10);
  return new Promise((ok) =>
    child.once("exit", (code) => {
      clearInterval(poll);
      ok({ peakMb: peak, code, stderr: stderr.trim().split("\n").pop() ?? "", ms: performance.now() - started });
    }),
  );
}

async function cliAgainstBomb(log: (line: string) => void): Promise<void> {
  const bomb = await gzipBomb(300);
  const sim = await startSimulator({ port: 0, host: "127.0.0.1", profile: "demo" });
  try {
    const env = { OMSPAN_KEY: await sim.mintKey(), LANG: "en_US.UTF-8" };
    const idle = await cliPeak(["claims"], env);
    const r = await cliPeak(["pull", "dana", "--upstream", bomb.base], env);
    log(`server: the omspan CLI against a gzip bomb (300 MB of JSON in ${fmt(bomb.bytes / 1024)} KB): peak RSS ${fmt(r.peakMb)} MB` +
      ` (\`omspan claims\`, no request: ${fmt(idle.peakMb)} MB), exit ${r.code} after ${fmt(r.ms)} ms: ${r.stderr}`);
  } finally {
    await sim.close();
    await bomb.close();
  }
}

/** Runs the bad-day figures, writing one line per figure to `log`. */
export async function runBadDayBench(log: (line: string) => void): Promise<void> {
  await userLatency(log);
  await cliAgainstBomb(log);
}

if (require.main === module) {
  runBadDayBench((line) => console.log(line)).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
