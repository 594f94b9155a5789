/**
 * The scale suite's stack, all on loopback: a real redis-server (started here on a free port, no
 * persistence, in a temporary directory, killed at the end), real server processes (src/server/main.ts
 * through tsx, as `npm run server` runs it) against the in-process simulator, whose access log counts
 * the upstream requests. Run by `npm run test:scale` (bin/test-scale.js), never by `npm test`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { createClient } from "redis";

const ROOT = path.resolve(__dirname, "..", "..");
export const REDIS_SERVER = process.env.OMSPAN_REDIS_SERVER ?? "redis-server";

export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

async function until(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface RedisServer {
  url: string;
  port: number;
  /** A client for the test's own looks (keys, memory). */
  query<T>(fn: (c: ReturnType<typeof createClient>) => Promise<T>): Promise<T>;
  kill(): Promise<void>;
  /** Starts it again on the same port (empty: no persistence). */
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), "omspan-redis-"));
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(REDIS_SERVER, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir,
      "--maxmemory", "512mb", "--maxmemory-policy", "allkeys-lru"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
    await until(() => /Ready to accept connections/.test(out) || child!.exitCode !== null, 10_000, "redis-server");
    if (child.exitCode !== null) throw new Error(`redis-server did not start: ${out}`);
  };
  const kill = async () => {
    if (!child || child.exitCode !== null) return;
    const c = child;
    await new Promise<void>((r) => {
      c.once("exit", () => r());
      c.kill("SIGKILL");
    });
  };
  await start();
  const url = `redis://127.0.0.1:${port}`;
  return {
    url,
    port,
    start,
    kill,
    query: async (fn) => {
      const c = createClient({ url });
      c.on("error", () => undefined);
      await c.connect();
      try {
        return await fn(c as ReturnType<typeof createClient>);
      } finally {
        await c.close();
      }
    },
    close: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ServerProcess {
  url: string;
  base: string;
  child: ChildProcess;
  /** Lines the process wrote (its JSON log), for looking at what it said. */
  lines: string[];
  kill(signal?: NodeJS.Signals): Promise<void>;
  metrics(): Promise<Record<string, unknown>>;
}

/** A secret for the run (never committed, never a key). */
export const CACHE_SECRET = randomBytes(24).toString("hex");

/** Starts `src/server/main.ts` in its own process with these OMSPAN_* settings. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["-e", 'require("./bin/register-ts"); require("./src/server/main.ts")'], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env, OMSPAN_PORT: "0", OMSPAN_HOST: "127.0.0.1", OMSPAN_PLAIN_HTTP: "true", OMSPAN_LOG_LEVEL: "warn",
      OMSPAN_RATE_LIMIT: "0", OMSPAN_STATIC_DIR: path.join(ROOT, "nonexistent-static"), OMSPAN_CACHE_SECRET: CACHE_SECRET, ...env,
    },
  });
  const lines: string[] = [];
  let out = "";
  child.stdout!.on("data", (c: Buffer) => {
    out += c.toString();
    lines.push(...c.toString().split("\n").filter(Boolean));
  });
  child.stderr!.on("data", (c: Buffer) => lines.push(c.toString()));
  await until(() => /listening on http/.test(out) || child.exitCode !== null, 30_000, "the server process");
  if (child.exitCode !== null) throw new Error(`server did not start: ${lines.join("\n")}`);
  const url = /listening on (http:\/\/\S+)/.exec(out)![1]!;
  return {
    url,
    base: `${url}/omspan/`,
    child,
    lines,
    kill: (signal = "SIGTERM") =>
      new Promise<void>((r) => {
        if (child.exitCode !== null || child.signalCode !== null) return r();
        child.once("exit", () => r());
        child.kill(signal);
      }),
    metrics: async () => (await (await fetch(`${url}/metrics`)).json()) as Record<string, unknown>,
  };
}

/** A fetch that sends each request to one of `bases` at random (a load balancer without stickiness). */
export function randomBalancer(from: string, bases: () => readonly string[]): typeof fetch {
  return (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    const all = bases();
    return fetch(url.replace(from, all[Math.floor(Math.random() * all.length)]!), init);
  };
}

/** One pull as a client saw it: the rows' hash, and per window answer the headers that tell its story. */
export interface SeenPull {
  hash: string;
  rows: number;
  gens: Set<string>;
  statuses: number[];
  cacheStatus: string[];
  asOf: Map<string, string>;
  /** The generation of each window answer, by route. */
  genOf: Map<string, string>;
}

/** A fetch that notes every answer's status and cache headers into `seen`. */
export function recording(inner: typeof fetch, seen: Omit<SeenPull, "hash" | "rows">): typeof fetch {
  return async (input, init) => {
    const res = await inner(input, init);
    seen.statuses.push(res.status);
    const route = new URL(String(input instanceof Request ? input.url : input)).pathname.replace(/^.*\/(omspan|DataWebService)\//, "");
    const gen = res.headers.get("omspan-generation");
    if (gen) {
      seen.gens.add(gen);
      seen.genOf.set(route, gen);
    }
    const cs = res.headers.get("cache-status");
    if (cs) seen.cacheStatus.push(cs);
    const asOf = res.headers.get("omspan-as-of");
    if (asOf) seen.asOf.set(route, asOf);
    return res;
  };
}

export { ROOT };
