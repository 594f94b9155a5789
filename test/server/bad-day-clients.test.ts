/**
 * A bad day, the clients' side (issue 15, items 1–3 and 7), against the real server and a recording
 * fake upstream on 127.0.0.1: a client that reads nothing is closed (static files and cache hits too);
 * a client that hangs up cancels its OMSPAN request (and the core's retries never stack orphans); slow
 * readers cannot hold every upstream slot; every request writes its log line however it ended.
 * Bounded in count and time: a few sockets, each test well under ten seconds.
 */
import { writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { join } from "node:path";
import { DEFAULT_REQUEST_TIMEOUT_MS, OmspanClient } from "../../src/omspan/wire/client";
import { DEFAULT_UPSTREAM_TIMEOUT_MS, parseServerConfig } from "../../src/server/config";
import { logLines, makeStaticDir, mintFakeKey, realisasiPage, request, startFakeUpstream, startTestServer, type FakeUpstream } from "./support";

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
  upstream.maxInFlight = 0;
});

type Server = Awaited<ReturnType<typeof startTestServer>>;
async function withServer(settings: Parameters<typeof startTestServer>[0], run: (s: Server) => Promise<void>): Promise<void> {
  const server = await startTestServer({ upstream: upstream.base, staticDir: "/nonexistent-omspan-static", rateLimit: 0, ...settings });
  try {
    await run(server);
  } finally {
    server.app.server.closeAllConnections(); // the test's own kept-alive fetch sockets
    await server.close();
  }
}

/** A client that sends a GET and then reads nothing (or, with `trickle`, one chunk every `trickle` ms). */
function stuckClient(port: number, path: string, trickle?: number): net.Socket {
  const socket = net.connect(port, "127.0.0.1");
  socket.on("error", () => undefined);
  socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${KEY}\r\n\r\n`);
  if (trickle === undefined) socket.pause();
  else socket.on("data", () => {
    socket.pause();
    setTimeout(() => socket.resume(), trickle).unref();
  });
  return socket;
}

const connections = (s: Server) => new Promise<number>((ok) => s.app.server.getConnections((_e, n) => ok(n)));

async function until(check: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await sleep(25);
  }
  return check();
}

/** An upstream answer of `bytes` (one JSON string) streamed with backpressure in 64 KiB pieces, for every route but DataFA. */
function streamBig(bytes: number) {
  const piece = Buffer.alloc(64 * 1024, "x");
  const first = Buffer.from(piece);
  first.write('["', 0);
  const last = Buffer.from(piece);
  last.write('"]', piece.length - 2);
  upstream.handler = (req, res) => {
    if (req.url?.endsWith("DataFA")) return void res.writeHead(200, { "content-type": "application/json" }).end(realisasiPage(5));
    res.writeHead(200, { "content-type": "application/json" });
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        const chunk = sent === 0 ? first : sent + piece.length >= bytes ? last : piece;
        sent += piece.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      res.end();
    };
    pump();
  };
}

const linesWith = (text: string) => logLines.filter((l) => l.includes(text)).map((l) => JSON.parse(l) as Record<string, unknown>);

test("1. clients that read nothing are closed after the idle timeout — static files and cache hits too", async () => {
  const dir = makeStaticDir();
  writeFileSync(join(dir, "taskpane.0123abcd4567ef89.js.map"), Buffer.alloc(24 * MB, "x"));
  streamBig(24 * MB);
  await withServer({ staticDir: dir, clientIdleTimeoutMs: 400, cacheTtlMs: 60_000 }, async (server) => {
    expect((await request(`${server.url}/omspan/CapaianIKKLRe`, auth)).headers["x-cache"]).toBe("MISS");
    const stuck = [
      ...Array.from({ length: 6 }, () => stuckClient(server.port, "/taskpane.0123abcd4567ef89.js.map")),
      ...Array.from({ length: 6 }, () => stuckClient(server.port, "/omspan/CapaianIKKLRe")),
    ];
    try {
      expect(await until(async () => (await connections(server)) === 12, 1000)).toBe(true);
      // Well past the idle timeout, every one of them is gone, and the server answers as ever.
      expect(await until(async () => (await connections(server)) === 0, 3000)).toBe(true);
      expect((await request(`${server.url}/health`)).status).toBe(200);
      expect(linesWith('"client_idle"').length).toBeGreaterThanOrEqual(12);
    } finally {
      stuck.forEach((s) => s.destroy());
    }
  });
});

test("1b. a client waiting for a slow OMSPAN is not cut by the idle timeout", async () => {
  upstream.handler = (_req, res) => setTimeout(() => res.end(realisasiPage(5)), 700);
  await withServer({ clientIdleTimeoutMs: 200 }, async (server) => {
    const answer = await request(`${server.url}/omspan/DataFA`, auth);
    expect([answer.status, answer.body.toString()]).toEqual([200, realisasiPage(5)]);
  });
});

test("1c. a client that sends its request too slowly gets 408 at the request timeout, and a log line", async () => {
  await withServer({ requestTimeoutMs: 300 }, async (server) => {
    const socket = net.connect(server.port, "127.0.0.1");
    const answer = new Promise<string>((ok) => {
      let text = "";
      socket.on("data", (c: Buffer) => (text += c.toString("latin1")));
      socket.on("close", () => ok(text));
      socket.on("error", () => undefined);
    });
    socket.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n"); // and never the blank line
    const started = Date.now();
    expect(await answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(linesWith('"ended":"refused"').some((l) => l.status === 408)).toBe(true);
  });
});

test("2. a client that hangs up cancels its OMSPAN request: the next user does not wait behind orphans", async () => {
  let cancelled = 0;
  upstream.handler = (_req, res) => {
    const t = setTimeout(() => res.end(realisasiPage(5)), 800);
    res.once("close", () => {
      if (!res.writableFinished) cancelled++;
      clearTimeout(t);
    });
  };
  await withServer({ maxConcurrent: 2 }, async (server) => {
    const hangUps = Array.from({ length: 6 }, () => {
      const req = http.get(`${server.url}/omspan/DataFA`, { headers: auth, agent: false });
      req.on("error", () => undefined);
      setTimeout(() => req.destroy(), 100);
      return req;
    });
    await sleep(150);
    // Every upstream request whose client left is over at once, not when OMSPAN would have answered.
    expect(await until(() => upstream.inFlight === 0, 400)).toBe(true);
    const started = Date.now();
    const answer = await request(`${server.url}/omspan/DataFA`, auth);
    const took = Date.now() - started;
    expect(answer.status).toBe(200);
    expect(took).toBeLessThan(1300); // one upstream latency (800 ms), not two or more
    expect(cancelled).toBe(upstream.requests.length - 1);
    expect(hangUps.every((r) => r.destroyed)).toBe(true);
  });
});

test("2b. the core's timeout and the proxy's agree: a timed-out try is cancelled before its retry", async () => {
  expect(DEFAULT_UPSTREAM_TIMEOUT_MS).toBeLessThan(DEFAULT_REQUEST_TIMEOUT_MS);
  expect(parseServerConfig({}).timeoutMs).toBe(DEFAULT_UPSTREAM_TIMEOUT_MS);
  upstream.handler = () => undefined; // never answers
  await withServer({}, async (server) => {
    const client = new OmspanClient({ baseUrl: `${server.url}/omspan/`, key: KEY, timeoutMs: 300, retry: { retries: 2, baseMs: 10, maxMs: 20 } });
    await expect(client.request("dana")).rejects.toMatchObject({ code: "timeout" });
    expect(client.requests).toBe(3);
    expect(upstream.requests).toHaveLength(3);
    // Each try's upstream request ended with the try: never more than one at OMSPAN at a time.
    expect(upstream.maxInFlight).toBe(1);
    expect(await until(() => upstream.inFlight === 0, 500)).toBe(true);
  });
});

test("3. slow readers cannot hold every upstream slot: they are cut after the grace period", async () => {
  streamBig(64 * MB);
  const settings = { maxConcurrent: 2, minClientKbps: 1024, slowClientGraceMs: 300, clientIdleTimeoutMs: 60_000, queueTimeoutMs: 4000 };
  await withServer(settings, async (server) => {
    // One reads nothing, one trickles (a chunk every 250 ms): neither is ever idle long enough to time out.
    const slow = [stuckClient(server.port, "/omspan/RealisasiKL/1/5000"), stuckClient(server.port, "/omspan/RealisasiKL/5001/10000", 250)];
    try {
      await until(() => upstream.inFlight === 2, 1000);
      const started = Date.now();
      const user = await request(`${server.url}/omspan/DataFA`, auth);
      expect(user.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(await until(() => linesWith('"client_too_slow"').length === 2, 1000)).toBe(true);
      expect(await until(() => upstream.inFlight === 0, 1000)).toBe(true);
    } finally {
      slow.forEach((s) => s.destroy());
    }
  });
});

test("3b. when slots are short, an answer is read ahead of a client that reads nothing: its slot is free at once", async () => {
  const piece = Buffer.alloc(64 * 1024, "x");
  upstream.handler = (req, res) => {
    if (req.url?.endsWith("DataFA")) return void res.end(realisasiPage(5));
    // 12 MB after 300 ms: more than socket buffers take, less than one read-ahead window.
    setTimeout(() => {
      res.writeHead(200, { "content-type": "application/json" });
      let sent = 0;
      const pump = () => {
        while (sent < 12 * MB) {
          sent += piece.length;
          if (!res.write(piece)) return void res.once("drain", pump);
        }
        res.end();
      };
      pump();
    }, 300);
  };
  // No rate policy and no idle cut here: only the read-ahead can free the slot in time.
  const settings = { maxConcurrent: 1, minClientKbps: 0, clientIdleTimeoutMs: 60_000, queueTimeoutMs: 4000 };
  await withServer(settings, async (server) => {
    const stuck = stuckClient(server.port, "/omspan/RealisasiKL/1/50000");
    try {
      await until(() => upstream.inFlight === 1, 1000);
      const user = await request(`${server.url}/omspan/DataFA`, auth); // queued: slots are short
      expect(user.status).toBe(200);
      expect(JSON.parse((await request(`${server.url}/health`)).body.toString())).toMatchObject({ active: 0, readAhead: 1 });
    } finally {
      stuck.destroy();
    }
  });
});

test("7. every request writes one log line however it ended: hung up while waiting, cut mid-answer", async () => {
  upstream.handler = (_req, res) => setTimeout(() => res.end(realisasiPage(5)), 500);
  await withServer({}, async (server) => {
    const before = logLines.length;
    const waiting = http.get(`${server.url}/omspan/RealisasiKL/1/100`, { headers: auth, agent: false });
    waiting.on("error", () => undefined);
    setTimeout(() => waiting.destroy(), 100);
    await sleep(300);
    streamBig(8 * MB);
    await new Promise<void>((done) => {
      const midway = http.get(`${server.url}/omspan/RealisasiKL/101/200`, { headers: auth, agent: false }, (res) => {
        res.once("data", () => {
          midway.destroy();
          done();
        });
      });
      midway.on("error", () => undefined);
    });
    await sleep(200);
    const lines = logLines.slice(before).map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === "request" && ["RealisasiKL/1/100", "RealisasiKL/101/200"].includes(String(l.route)));
    expect(lines).toEqual([
      expect.objectContaining({ route: "RealisasiKL/1/100", ended: "cut", error: "client_gone" }),
      expect.objectContaining({ route: "RealisasiKL/101/200", ended: "cut", error: "client_gone", status: 200 }),
    ]);
    expect(lines[0]).not.toHaveProperty("status"); // nothing was sent before the client left
    expect(logLines.slice(before).join("\n")).not.toContain(KEY);
  });
});
