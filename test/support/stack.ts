/**
 * The real stack on loopback for integration tests: the simulator, and the proxy server forwarding to it
 * (plain http on 127.0.0.1, port 0). Counts the upstream requests per route from the simulator's log.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startSimulator, type RunningSimulator } from "../../src/simulator";
import { parseServerConfig, startServer, type RunningServer } from "../../src/server";

export interface Stack {
  sim: RunningSimulator;
  server: RunningServer;
  /** The proxy's `/omspan/` base: what the add-in talks to. */
  proxyBase: string;
  key: string;
  /** Simulator access log lines (no keys in them). */
  upstreamLog: string[];
  close(): Promise<void>;
}

export interface StackOptions {
  profile?: "demo" | "full";
  year?: number;
  /** What the proxy serves besides /omspan/ (e.g. a built dist/); default an empty temporary directory. */
  staticDir?: string;
  /** The simulator's signing secret (another one refuses keys the default signs). */
  secret?: string;
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const upstreamLog: string[] = [];
  const sim = await startSimulator({ port: 0, host: "127.0.0.1", profile: opts.profile ?? "demo", ...(opts.secret ? { secret: opts.secret } : {}), log: (l) => upstreamLog.push(l) });
  const staticDir = opts.staticDir ?? mkdtempSync(path.join(tmpdir(), "omspan-static-"));
  const server = await startServer(
    parseServerConfig({ upstream: sim.baseUrl, port: 0, host: "127.0.0.1", plainHttp: "true", staticDir, logLevel: "silent", rateLimit: 0 }),
  );
  const key = await sim.mintKey({ year: opts.year ?? 2026 });
  return {
    sim,
    server,
    proxyBase: `${server.url}/omspan/`,
    key,
    upstreamLog,
    close: async () => {
      await server.close();
      await sim.close();
    },
  };
}

/** Every Realisasi row straight from the simulator, pulled page by page with plain fetch + JSON.parse. */
export async function rawRealisasi(baseUrl: string, key: string, pageSize = 5000): Promise<Record<string, string>[]> {
  const out: Record<string, string>[] = [];
  for (let from = 1; ; from += pageSize) {
    const res = await fetch(`${baseUrl}RealisasiKL/${from}/${from + pageSize - 1}`, { headers: { Authorization: `Bearer ${key}` } });
    const body = (await res.json()) as unknown;
    if (!Array.isArray(body)) break;
    out.push(...(body as Record<string, string>[]));
    if (body.length < pageSize) break;
  }
  return out;
}
