/**
 * Helpers for the server tests: a recording fake upstream (plain node:http), a temp static dir, a
 * server started on 127.0.0.1:0 with captured log lines, and clients that send exact bytes (raw
 * sockets) or plain node:http requests without automatic decompression.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseServerConfig, type ServerConfigInput } from "../../src/server/config";
import { startServer, type RunningServer } from "../../src/server/index";

// @fastify/static requires content-disposition 3, which is ESM-only: plain Node 20.19+ loads it
// (require(esm)), jest 30's module system on Node 20 cannot. Only `reply.download` uses it, and the
// server never does. (A moduleNameMapper entry in jest.config.js would fix this for every suite.)
jest.mock("content-disposition", () => ({
  create: (name: string) => `attachment; filename="${name.replace(/[^\x20-\x7e]|"/g, "_")}"`,
}));

/** A fake API key minted per run (deliberately not JWT-shaped). */
export function mintFakeKey(): string {
  return `fake-${randomBytes(18).toString("hex")}`;
}

/** One request the fake upstream received. */
export interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

/** The fake upstream: `handler` may be swapped per test; `requests` records everything that arrived. */
export interface FakeUpstream {
  base: string;
  port: number;
  requests: Recorded[];
  inFlight: number;
  maxInFlight: number;
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void;
  close(): Promise<void>;
}

export const WS_PATH = "/spanint/data/DataWebService/";
export const NO_DATA = '{"body":{"value":"Tidak Ada Data (no data found)"}}';
export const BAD_KEY = "Token yang dikirimkan tidak valid (Signature verification failed)";

/** A Realisasi-like page: flat string-valued records, very compressible. */
export function realisasiPage(rows: number, from = 1): string {
  const out: Record<string, string>[] = [];
  for (let i = 0; i < rows; i++) {
    out.push({
      ROWNUM: String(from + i), KDSATKER: String(527560 + (i % 40)), KPPN: "001", BA: "056", BAES1: "05601",
      AKUN: String(521111 + (i % 25)), PROGRAM: "056WA", KEGIATAN: "1705", OUTPUT: "002", KEWENANGAN: "2",
      SUMBER_DANA: "A", CARA_TARIK: "0", KDREGISTER: "00000000", LOKASI: "0651", BUDGET_TYPE: "2",
      TANGGAL: "04-FEB-19", MAXDATE: "15-MAR-19", AMOUNT: String(750000 + ((i * 7919) % 100000)),
    });
  }
  return JSON.stringify(out);
}

/**
 * A JSON body of exactly `bytes` bytes (one long string in an array): the shared cache stores only
 * answers that are whole JSON, so tests about sizes send sizes of real JSON.
 */
export function jsonBody(bytes: number): Buffer {
  const b = Buffer.alloc(bytes, "x");
  b.write('["', 0);
  b.write('"]', bytes - 2);
  return b;
}

/** Default upstream behaviour: a page for Realisasi, the no-data body for DIPA, 401 for a "bad" key. */
export function defaultHandler(req: http.IncomingMessage, res: http.ServerResponse): void {
  if (req.headers.authorization === "Bearer bad") {
    res.writeHead(401, { "content-type": "text/plain" }).end(BAD_KEY);
  } else if (req.url?.startsWith(`${WS_PATH}DipaBelanjaKL/BELANJA`)) {
    res.writeHead(200, { "content-type": "application/json" }).end(NO_DATA);
  } else {
    res.writeHead(200, {
      "content-type": "application/json",
      "set-cookie": "PHPSESSID=abc; path=/",
      "x-powered-by": "PHP/7.4",
      "keep-alive": "timeout=5",
    });
    res.end(realisasiPage(200));
  }
}

/** Starts the fake upstream on 127.0.0.1:0. */
export async function startFakeUpstream(): Promise<FakeUpstream> {
  const up = { requests: [] as Recorded[], inFlight: 0, maxInFlight: 0, handler: defaultHandler } as FakeUpstream;
  const server = http.createServer((req, res) => {
    up.requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
    up.inFlight++;
    up.maxInFlight = Math.max(up.maxInFlight, up.inFlight);
    res.once("close", () => up.inFlight--);
    up.handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  up.port = (server.address() as net.AddressInfo).port;
  up.base = `http://127.0.0.1:${up.port}${WS_PATH}`;
  up.close = () => {
    server.closeAllConnections();
    return new Promise((r) => server.close(() => r()));
  };
  return up;
}

/** A temp static dir shaped like the built add-in. */
export function makeStaticDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "omspan-static-"));
  writeFileSync(join(dir, "taskpane.html"), "<!doctype html><title>OMSPAN</title>");
  writeFileSync(join(dir, "functions.json"), '{"functions":[{"id":"REALISASI"}]}');
  writeFileSync(join(dir, "manifest.xml"), '<?xml version="1.0"?><OfficeApp/>');
  writeFileSync(join(dir, "taskpane.0123abcd4567ef89.js"), "console.log(1)");
  mkdirSync(join(dir, "assets"));
  writeFileSync(join(dir, "assets", "icon-16.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  return dir;
}

/** Every log line written by any server in this test file. */
export const logLines: string[] = [];

/** Starts the server over plain http on 127.0.0.1:0, logging into `logLines`. */
export async function startTestServer(settings: ServerConfigInput): Promise<RunningServer & { port: number }> {
  const config = parseServerConfig({ port: 0, host: "127.0.0.1", plainHttp: "true", ...settings });
  const server = await startServer(config, { logger: { write: (line) => void logLines.push(line) } });
  return { ...server, port: Number(new URL(server.url).port) };
}

/** An answer as received, body undecoded. */
export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** GET (or another method) with node:http: no automatic headers beyond Host, no decompression. */
export function request(url: string, headers: Record<string, string> = {}, method = "GET"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

/** Sends exact bytes and reads the answer's status line and headers (the body is not needed). */
export function rawRequest(port: number, bytes: string | Buffer): Promise<{ status: number; head: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", (err) => (chunks.length ? undefined : reject(err)));
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("latin1");
      const head = text.split("\r\n\r\n")[0] ?? "";
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), head: head.toLowerCase() });
    });
    socket.write(bytes);
  });
}

/** A raw GET with `Connection: close` and the given extra header lines. */
export function rawGet(port: number, target: string | Buffer, extra = ""): Promise<{ status: number; head: string }> {
  const start = Buffer.isBuffer(target) ? target : Buffer.from(target, "latin1");
  return rawRequest(
    port,
    Buffer.concat([Buffer.from("GET "), start, Buffer.from(` HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}Connection: close\r\n\r\n`)]),
  );
}
