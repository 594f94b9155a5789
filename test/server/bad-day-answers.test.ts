/**
 * A bad day, the answers' side (issue 15, items 4, 5 and 8), against the real server and hostile
 * upstreams on 127.0.0.1: waiters for a cached answer are not chained to the first client's download;
 * encodings reach a client only as it accepts them, and the cache holds decoded bytes; the cache's
 * budget counts what an answer's chunks really cost.
 */
import net from "node:net";
import http from "node:http";
import { brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { jsonBody, mintFakeKey, realisasiPage, request, startFakeUpstream, startTestServer, WS_PATH, type FakeUpstream } from "./support";

const KEY = mintFakeKey();
const auth = { authorization: `Bearer ${KEY}` };
const MB = 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let upstream: FakeUpstream;

beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(() => upstream.close());
beforeEach(() => {
  upstream.requests.length = 0;
});

type Server = Awaited<ReturnType<typeof startTestServer>>;
async function withServer(settings: Parameters<typeof startTestServer>[0], run: (s: Server) => Promise<void>): Promise<void> {
  const server = await startTestServer({ upstream: upstream.base, staticDir: "/nonexistent-omspan-static", rateLimit: 0, ...settings });
  try {
    await run(server);
  } finally {
    server.app.server.closeAllConnections();
    await server.close();
  }
}

test("4. with the cache on, waiters are not chained to a slow first client: one pull, served at once", async () => {
  // Larger than what the kernel's socket buffers take for a client that reads nothing.
  const body = jsonBody(16 * MB);
  upstream.handler = (_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(body);
  await withServer({ cacheTtlMs: 60_000 }, async (server) => {
    // The first client asks and then reads nothing at all.
    const first = net.connect(server.port, "127.0.0.1");
    first.on("error", () => undefined);
    first.write(`GET /omspan/DataFA HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${KEY}\r\n\r\n`);
    first.pause();
    try {
      await sleep(50);
      const started = Date.now();
      const waiters = await Promise.all(Array.from({ length: 5 }, () => request(`${server.url}/omspan/DataFA`, auth)));
      // Generous for a loaded machine: chained to the first client, they would never finish.
      expect(Date.now() - started).toBeLessThan(8000);
      expect(waiters.map((w) => [w.status, w.body.length])).toEqual(Array(5).fill([200, body.length]));
      expect(upstream.requests).toHaveLength(1);
    } finally {
      first.destroy();
    }
  });
}, 20_000);

describe("5. encodings are forwarded only as the client accepts them", () => {
  const page = realisasiPage(300);
  beforeEach(() => {
    upstream.handler = (_req, res) =>
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" }).end(gzipSync(page));
  });

  test.each([
    ["br", "br", (b: Buffer) => brotliDecompressSync(b)],
    ["gzip", "gzip", (b: Buffer) => gunzipSync(b)],
    ["identity", undefined, (b: Buffer) => b],
  ])("a gzip answer to a client accepting %s", async (accepts, expected, decode) => {
    await withServer({}, async (server) => {
      const answer = await request(`${server.url}/omspan/DataFA`, { ...auth, "accept-encoding": accepts });
      expect(answer.status).toBe(200);
      expect(answer.headers["content-encoding"]).toBe(expected);
      expect(decode(answer.body).toString()).toBe(page);
    });
  });

  test("the cache holds the decoded answer and serves each client in its own encoding", async () => {
    await withServer({ cacheTtlMs: 60_000 }, async (server) => {
      const a = await request(`${server.url}/omspan/DataFA`, { ...auth, "accept-encoding": "br" });
      const b = await request(`${server.url}/omspan/DataFA`, auth);
      expect([a.headers["content-encoding"], a.headers["x-cache"]]).toEqual(["br", "MISS"]);
      expect([b.headers["content-encoding"], b.headers["x-cache"], b.body.toString()]).toEqual([undefined, "HIT", page]);
    });
  });

  test("the cache's entry cap counts decoded bytes: a small gzip of a large answer is not kept", async () => {
    const large = jsonBody(400 * 1024); // gzips to about a kilobyte
    upstream.handler = (_req, res) =>
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" }).end(gzipSync(large));
    await withServer({ cacheTtlMs: 60_000, cacheMaxMb: 1 }, async (server) => {
      const a = await request(`${server.url}/omspan/DataFA`, auth);
      const b = await request(`${server.url}/omspan/DataFA`, auth);
      expect([a.body.length, b.body.length, b.headers["x-cache"]]).toEqual([large.length, large.length, "MISS"]);
      expect(upstream.requests).toHaveLength(2);
    });
  });

  test("an encoding the proxy cannot undo is refused, never forwarded", async () => {
    upstream.handler = (_req, res) => res.writeHead(200, { "content-encoding": "zstd-unknown" }).end("????");
    await withServer({}, async (server) => {
      const answer = await request(`${server.url}/omspan/DataFA`, { ...auth, "accept-encoding": "zstd-unknown" });
      expect(answer.status).toBe(502);
      expect(JSON.parse(answer.body.toString())).toMatchObject({ error: "upstream_bad_answer" });
    });
  });
});

/** An upstream that sends `bytes` of (JSON) body in 1-byte HTTP chunks (the framing prebuilt, sent at once). */
async function oneByteChunks(bytes: number): Promise<{ base: string; close(): Promise<void> }> {
  const body = jsonBody(bytes).toString("latin1");
  const framing = Buffer.from([...body].map((ch) => `1\r\n${ch}\r\n`).join("") + "0\r\n\r\n", "latin1");
  const server = net.createServer((socket) => {
    socket.on("error", () => undefined);
    socket.once("data", () => {
      socket.write("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n");
      socket.end(framing);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  return { base: `http://127.0.0.1:${port}${WS_PATH}`, close: () => new Promise((r) => server.close(() => r())) };
}

test("8. the cache's budget counts what chunks cost: 1 MB in 1-byte chunks does not take the process hundreds of MB", async () => {
  const hostile = await oneByteChunks(MB);
  const server = await startTestServer({ upstream: hostile.base, staticDir: "/nonexistent-omspan-static", cacheTtlMs: 60_000 });
  try {
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const first = await new Promise<{ status: number; bytes: number; cache?: string }>((ok, fail) => {
      http.get(`${server.url}/omspan/DataFA`, { headers: auth, agent: false }, (res) => {
        let bytes = 0;
        res.on("data", (c: Buffer) => (bytes += c.length));
        res.on("end", () => ok({ status: res.statusCode ?? 0, bytes, cache: res.headers["x-cache"] as string | undefined }));
      }).on("error", fail);
    });
    clearInterval(sampler);
    expect(first).toEqual({ status: 200, bytes: MB, cache: "MISS" });
    expect((peak - baseline) / MB).toBeLessThan(120);
    const second = await request(`${server.url}/omspan/DataFA`, auth);
    expect([second.headers["x-cache"], second.body.length]).toEqual(["HIT", MB]);
  } finally {
    await server.close();
    await hostile.close();
  }
});
