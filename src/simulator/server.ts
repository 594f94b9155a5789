/**
 * The HTTP face of the simulator: plain node:http, so every byte, header and dropped connection is under
 * our control. Order of checks per request: method, path (404), latency and injected faults (a gateway
 * fails before the application sees the key), key (401), then the dataset answer for the key's year.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DATA_WEB_SERVICE_PATH } from "../omspan/routes";
import { answer, resolveRoute } from "./answers";
import { FaultPlan, HTML_200_PAGE, errorPage, type Fault } from "./faults";
import { DEV_SECRET, checkAuthorization, mintKey } from "./keys";
import { generateMinistry } from "./ministry";
import { resolveOptions, type ResolvedOptions, type SimulatorOptions } from "./options";
import { bodyPieces, writePieces } from "./stream";
import { HTML_TYPE, JSON_TYPE, TEXT_TYPE, unauthorizedBody } from "./wire";

/** A started simulator. */
export interface RunningSimulator {
  /** e.g. "http://127.0.0.1:41234". */
  origin: string;
  /** origin + "/spanint/data/DataWebService/" (trailing slash). */
  baseUrl: string;
  /** Mints a key this simulator accepts (or, with another secret, one it refuses). */
  mintKey(opts?: { year?: number; secret?: string }): Promise<string>;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

interface Outcome {
  status: number;
  bytes: number;
  note?: string;
}

function sendFixed(res: ServerResponse, status: number, type: string, body: string): Outcome {
  res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(body) });
  res.end(body);
  return { status, bytes: Buffer.byteLength(body) };
}

/** The fiscal year a key's `kdt` claim selects; NaN when absent or not a year. */
function yearOf(kdt: unknown): number {
  const s = typeof kdt === "number" ? String(kdt) : typeof kdt === "string" ? kdt : "";
  return /^\d{4}$/.test(s) ? Number(s) : NaN;
}

async function handle(req: IncomingMessage, res: ServerResponse, o: ResolvedOptions, faults: FaultPlan): Promise<Outcome> {
  if (req.method !== "GET") {
    res.setHeader("Allow", "GET");
    return sendFixed(res, 405, TEXT_TYPE, "Method Not Allowed");
  }
  const path = (req.url ?? "/").split("?")[0]!;
  const route = path.startsWith(DATA_WEB_SERVICE_PATH) ? resolveRoute(path.slice(DATA_WEB_SERVICE_PATH.length)) : null;
  if (!route) return sendFixed(res, 404, TEXT_TYPE, "Not Found");

  if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
  const fault: Fault = faults.next();
  if (fault.kind === "error") return { ...sendFixed(res, fault.status, HTML_TYPE, errorPage(fault.status)), note: "fault=error" };
  if (fault.kind === "html") return { ...sendFixed(res, 200, HTML_TYPE, HTML_200_PAGE), note: "fault=html" };

  const key = await checkAuthorization(req.headers.authorization, o.secret);
  if (!key.ok) return sendFixed(res, 401, TEXT_TYPE, unauthorizedBody(key.reason));

  const ministry = generateMinistry(o.profile, yearOf(key.claims.kdt), { today: o.today });
  const a = answer(ministry, route);
  const faulted = fault.kind !== "none";
  if (a.kind === "fixed" && !faulted) return sendFixed(res, 200, JSON_TYPE, a.body);
  // Streamed: chunked transfer, no Content-Length, so a cut body is visibly incomplete to the client.
  res.writeHead(200, { "Content-Type": JSON_TYPE });
  const bytes = await writePieces(res, bodyPieces(a), fault);
  return { status: 200, bytes, note: faulted ? `fault=${fault.kind}` : undefined };
}

/** Starts the simulator; resolves once it listens. */
export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  const o = resolveOptions(opts, DEV_SECRET);
  const faults = new FaultPlan(o.faults);
  const server = createServer((req, res) => {
    const started = performance.now();
    const path = (req.url ?? "/").split("?")[0];
    handle(req, res, o, faults)
      .catch((e: unknown): Outcome => {
        // A bug must not take the simulator down; answer like a crashed PHP page would.
        if (!res.headersSent) return sendFixed(res, 500, TEXT_TYPE, "Internal Server Error");
        res.destroy(e instanceof Error ? e : undefined);
        return { status: 500, bytes: 0, note: "error mid-body" };
      })
      .then((out) => {
        const ms = (performance.now() - started).toFixed(1);
        o.log?.(`${req.method} ${path} ${out.status} ${out.bytes}B ${ms}ms${out.note ? ` ${out.note}` : ""}`);
      })
      .catch(() => undefined);
  });
  // Generous keep-alive: a client that pauses (or a test generating data in-process) must not race the
  // server closing an idle socket it is about to reuse.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port, o.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = o.host.includes(":") ? `[${o.host}]` : o.host;
  const origin = `http://${host}:${port}`;
  return {
    origin,
    baseUrl: `${origin}${DATA_WEB_SERVICE_PATH}`,
    mintKey: (k = {}) => mintKey(k.secret ?? o.secret, { year: k.year ?? (o.today ? Number(o.today.slice(0, 4)) : undefined) }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
