/**
 * Upstream faults and the server's limits: a slow upstream → 504 within the configured timeout, a dead
 * one → 502, an untrusted TLS certificate → 502 (verification is never off), the concurrency cap → 503
 * with Retry-After, the per-client rate limit → 429.
 */
import https from "node:https";
import type net from "node:net";
import { generate } from "selfsigned";
import { logLines, mintFakeKey, request, startFakeUpstream, startTestServer, WS_PATH, type FakeUpstream } from "./support";

const KEY = mintFakeKey();
const auth = { authorization: `Bearer ${KEY}` };
let upstream: FakeUpstream;

beforeAll(async () => {
  upstream = await startFakeUpstream();
});
afterAll(async () => {
  await upstream.close();
});

type Server = Awaited<ReturnType<typeof startTestServer>>;
async function withServer(settings: Parameters<typeof startTestServer>[0], run: (s: Server) => Promise<void>): Promise<void> {
  const server = await startTestServer({ upstream: upstream.base, staticDir: "/nonexistent-omspan-static", ...settings });
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

test("an upstream that never answers → 504 within the configured timeout", async () => {
  upstream.handler = () => undefined; // hold the request open, never answer
  await withServer({ timeoutMs: 400 }, async (server) => {
    const started = Date.now();
    const answer = await request(`${server.url}/omspan/DataFA`, auth);
    const took = Date.now() - started;
    expect(answer.status).toBe(504);
    expect(JSON.parse(answer.body.toString())).toMatchObject({ error: "upstream_timeout", pesan: expect.any(String) });
    expect(took).toBeGreaterThanOrEqual(350);
    expect(took).toBeLessThan(1500);
  });
});

test("an upstream that stalls mid-body is cut at the total timeout", async () => {
  upstream.handler = (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.write("[");
  };
  await withServer({ timeoutMs: 400 }, async (server) => {
    const started = Date.now();
    await expect(request(`${server.url}/omspan/DataFA`, auth)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1500);
  });
});

test("an upstream that is down → 502 with a clear message", async () => {
  const dead = await startFakeUpstream();
  const deadBase = dead.base;
  await dead.close();
  const server = await startTestServer({ upstream: deadBase, staticDir: "/nonexistent-omspan-static" });
  try {
    const answer = await request(`${server.url}/omspan/DataFA`, auth);
    expect(answer.status).toBe(502);
    const body = JSON.parse(answer.body.toString());
    expect(body.error).toBe("upstream_unreachable");
    expect(body.message).toMatch(/OMSPAN could not be reached/);
  } finally {
    await server.close();
  }
});

test("an upstream with an untrusted certificate → 502, request never sent", async () => {
  const pems = await generate([{ name: "commonName", value: "127.0.0.1" }], { keySize: 2048, algorithm: "sha256" });
  let reached = 0;
  const tlsUpstream = https.createServer({ key: pems.private, cert: pems.cert }, (_req, res) => {
    reached++;
    res.end("[]");
  });
  await new Promise<void>((r) => tlsUpstream.listen(0, "127.0.0.1", r));
  const port = (tlsUpstream.address() as net.AddressInfo).port;
  try {
    const server = await startTestServer({ upstream: `https://127.0.0.1:${port}${WS_PATH}`, staticDir: "/nonexistent-omspan-static" });
    try {
      const answer = await request(`${server.url}/omspan/DataFA`, auth);
      expect(answer.status).toBe(502);
      expect(JSON.parse(answer.body.toString()).error).toBe("upstream_tls");
      expect(reached).toBe(0);
    } finally {
      await server.close();
    }
  } finally {
    tlsUpstream.closeAllConnections();
    await new Promise((r) => tlsUpstream.close(r));
  }
});

test("the concurrency cap queues, then answers 503 with Retry-After", async () => {
  const held: (() => void)[] = [];
  upstream.handler = (_req, res) => held.push(() => res.writeHead(200, { "content-type": "application/json" }).end("[]"));
  upstream.maxInFlight = 0;
  await withServer({ maxConcurrent: 2, queueSize: 1, queueTimeoutMs: 300 }, async (server) => {
    const answers = [1, 2, 3, 4].map(() => request(`${server.url}/omspan/DataFA`, auth));
    // Two in flight upstream, one queued, one refused at once (queue full).
    const first = await Promise.race(answers);
    expect(first.status).toBe(503);
    expect(first.headers["retry-after"]).toMatch(/^\d+$/);
    expect(JSON.parse(first.body.toString()).error).toBe("busy");
    await new Promise((r) => setTimeout(r, 450)); // the queued one times out meanwhile
    held.forEach((release) => release());
    const statuses = (await Promise.all(answers)).map((a) => a.status).sort();
    expect(statuses).toEqual([200, 200, 503, 503]);
    expect(upstream.maxInFlight).toBe(2);
  });
});

test("a queued request gets the slot freed by a finished one", async () => {
  upstream.handler = (_req, res) => setTimeout(() => res.end("[]"), 100);
  await withServer({ maxConcurrent: 1, queueSize: 5, queueTimeoutMs: 5000 }, async (server) => {
    const answers = await Promise.all([1, 2, 3].map(() => request(`${server.url}/omspan/DataFA`, auth)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
  });
});

test("the per-client rate limit → 429 with Retry-After and our JSON", async () => {
  upstream.handler = (_req, res) => res.end("[]");
  await withServer({ rateLimit: 3, rateWindowMs: 60_000 }, async (server) => {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 4; i++) {
      last = await request(`${server.url}/omspan/DataFA`, auth);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(last!.headers["retry-after"]).toMatch(/^\d+$/);
    expect(JSON.parse(last!.body.toString())).toMatchObject({ error: "rate_limited", pesan: expect.any(String) });
    // Static files and health are not counted.
    expect((await request(`${server.url}/health`)).status).toBe(200);
  });
});

test("the key never appears in any log line", () => {
  expect(logLines.length).toBeGreaterThan(5);
  for (const line of logLines) expect(line).not.toContain(KEY);
});
