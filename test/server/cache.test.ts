/**
 * The optional answer cache: a hit for the same key and route, a miss for another key (never shared),
 * concurrent requests coalesced onto one upstream pull, failures not cached, and off by default.
 * Memory: answers larger than an entry may be stream through uncopied, and the byte budget bounds
 * stored bodies plus collections in flight.
 */
import { Readable } from "node:stream";
import { AnswerCache } from "../../src/server/answer-cache";
import { Tagger } from "../../src/server/windows/window-key";
import { collectAnswer } from "../../src/server/answer-collect";
import type { StoredWindow } from "../../src/server/windows/stored-window";
import { BAD_KEY, jsonBody, mintFakeKey, realisasiPage, request, startFakeUpstream, startTestServer, type FakeUpstream } from "./support";

const KEY_A = mintFakeKey();
const KEY_B = mintFakeKey();
let upstream: FakeUpstream;
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  upstream = await startFakeUpstream();
  server = await startTestServer({ upstream: upstream.base, staticDir: "/nonexistent-omspan-static", cacheTtlMs: 60_000 });
});
afterAll(async () => {
  await server.close();
  await upstream.close();
});
beforeEach(() => {
  upstream.requests.length = 0;
});

const get = (route: string, key: string, extra: Record<string, string> = {}) =>
  request(`${server.url}/omspan/${route}`, { authorization: `Bearer ${key}`, ...extra });

test("same key and route: one upstream pull, then a hit with the same bytes", async () => {
  const first = await get("RealisasiKL/1/200", KEY_A);
  const second = await get("RealisasiKL/1/200", KEY_A, { "accept-encoding": "gzip" });
  expect(first.headers["x-cache"]).toBe("MISS");
  expect(second.headers["x-cache"]).toBe("HIT");
  expect(second.headers["content-encoding"]).toBe("gzip");
  expect(first.body.toString()).toBe(realisasiPage(200));
  expect(upstream.requests).toHaveLength(1);
});

test("another key never gets the first key's answer", async () => {
  await get("RealisasiKL/201/400", KEY_A);
  const other = await get("RealisasiKL/201/400", KEY_B);
  expect(other.headers["x-cache"]).toBe("MISS");
  expect(upstream.requests).toHaveLength(2);
  expect(upstream.requests[1]!.headers.authorization).toBe(`Bearer ${KEY_B}`);
});

test("another route is another entry", async () => {
  await get("RealisasiKL/401/600", KEY_A);
  await get("RealisasiKL/601/800", KEY_A);
  expect(upstream.requests).toHaveLength(2);
});

test("concurrent requests for one entry cost one upstream pull", async () => {
  upstream.handler = (_req, res) => setTimeout(() => res.end(realisasiPage(50)), 150);
  const answers = await Promise.all(Array.from({ length: 20 }, () => get("CapaianIKKLRe", KEY_A)));
  expect(answers.every((a) => a.status === 200 && a.body.toString() === realisasiPage(50))).toBe(true);
  expect(upstream.requests).toHaveLength(1);
});

test("a 401 is never cached", async () => {
  upstream.handler = (_req, res) => res.writeHead(401, { "content-type": "text/plain" }).end(BAD_KEY);
  expect((await get("DataFA", KEY_B)).status).toBe(401);
  expect((await get("DataFA", KEY_B)).status).toBe(401);
  expect(upstream.requests).toHaveLength(2);
});

describe("answers larger than a cache entry may be (OMSPAN_CACHE_MAX_MB=1: entries up to 128 KiB)", () => {
  let small: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    small = await startTestServer({ upstream: upstream.base, staticDir: "/nonexistent-omspan-static", cacheTtlMs: 60_000, cacheMaxMb: 1 });
  });
  afterAll(() => small.close());
  const big = (n: number) => jsonBody(n);
  const getSmall = (route: string) => request(`${small.url}/omspan/${route}`, { authorization: `Bearer ${KEY_A}` });

  test("without a length: streamed whole both times, never cached", async () => {
    upstream.handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      for (let i = 0; i < 10; i++) res.write(big(20 * 1024)); // 200 KiB in pieces, chunked
      res.end();
    };
    const a = await getSmall("DataFA");
    const b = await getSmall("DataFA");
    expect([a.status, a.body.length, a.headers["x-cache"]]).toEqual([200, 200 * 1024, "MISS"]);
    expect([b.status, b.body.length, b.headers["x-cache"]]).toEqual([200, 200 * 1024, "MISS"]);
    expect(upstream.requests).toHaveLength(2);
  });

  test("with a length past the limit: streamed whole both times, never cached", async () => {
    upstream.handler = (_req, res) => res.writeHead(200, { "content-type": "application/json", "content-length": 200 * 1024 }).end(big(200 * 1024));
    const a = await getSmall("CapaianIKKLRe");
    const b = await getSmall("CapaianIKKLRe");
    expect([a.body.length, b.body.length, b.headers["x-cache"]]).toEqual([200 * 1024, 200 * 1024, "MISS"]);
    expect(upstream.requests).toHaveLength(2);
  });

  test("within the limit: cached as before", async () => {
    upstream.handler = (_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(big(100 * 1024));
    await getSmall("CapaianIKSatkerRe");
    const b = await getSmall("CapaianIKSatkerRe");
    expect([b.body.length, b.headers["x-cache"]]).toEqual([100 * 1024, "HIT"]);
    expect(upstream.requests).toHaveLength(1);
  });
});

describe("AnswerCache unit", () => {
  /** A stored window whose value takes `size` bytes. */
  const value = (size: number, decoded = size, fetchedAt = Date.now()): StoredWindow =>
    ({ status: 200, contentType: "application/json", fetchedAt, decodedBytes: decoded, gz: Buffer.alloc(0), raw: Buffer.alloc(size) });

  test("drops values past their keeping time and the least recently used past the byte budget", async () => {
    const cache = new AnswerCache(10, 50, 10);
    cache.put("a", value(6));
    cache.put("b", value(4));
    expect(cache.get("a")).toBeDefined(); // "a" is now the most recently used
    cache.put("c", value(4)); // 14 bytes > 10: "b" (least recently used) goes
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBeDefined();
    expect(cache.put("huge", value(11))).toBe(false); // larger than the whole budget: not stored
    expect(cache.get("huge")).toBeUndefined();
    await new Promise((r) => setTimeout(r, 60));
    expect(cache.get("a")).toBeUndefined();
  });

  test("an entry may take an eighth of the budget (decoded) by default", () => {
    const cache = new AnswerCache(800, 60_000);
    expect(cache.maxEntryBytes).toBe(100);
    cache.put("fits", value(10, 100));
    cache.put("too-big", value(10, 101));
    expect(cache.get("fits")).toBeDefined();
    expect(cache.get("too-big")).toBeUndefined();
  });

  test("captures in flight count against the budget: stored plus capturing never exceed it", () => {
    const cache = new AnswerCache(100, 60_000, 60);
    expect(cache.take(60)).toBe(true);
    expect(cache.take(50)).toBe(false); // 110 in flight > 100
    cache.put("stored", value(30));
    expect(cache.heldBytes).toBe(90);
    expect(cache.take(20)).toBe(true); // makes room by dropping the stored entry
    expect(cache.get("stored")).toBeUndefined();
    expect(cache.heldBytes).toBe(80);
    expect(cache.put("no-room", value(30))).toBe(false); // 80 + 30 > 100
    expect(cache.get("no-room")).toBeUndefined();
    cache.giveBack(80);
    expect(cache.heldBytes).toBe(0);
  });

  const chunks = (...parts: string[]) => Readable.from(parts.map((p) => Buffer.from(p)));
  const text = async (r: Readable) => Buffer.concat(await r.toArray()).toString();

  test("collectAnswer gives up when the room runs out, hands on every byte, and gives its room back", async () => {
    let taken = 0;
    const room = { take: (n: number) => (taken + n <= 5 ? ((taken += n), true) : false), giveBack: (n: number) => void (taken -= n) };
    // Blocks of at most the limit (5 bytes here): "abc" takes one, "def" needs a second the room lacks.
    const got = await collectAnswer(chunks("abc", "def", "ghi"), 5, room);
    expect("stream" in got && (await text(got.stream))).toBe("abcdefghi");
    expect(taken).toBe(0);
  });

  test("collectAnswer returns the whole body and gives its room back; a broken stream gives it back too", async () => {
    let taken = 0;
    const room = { take: (n: number) => ((taken += n), true), giveBack: (n: number) => void (taken -= n) };
    const ok = await collectAnswer(chunks("ab", "c"), 100, room);
    expect("body" in ok && ok.body.toString()).toBe("abc");
    expect(taken).toBe(0);
    const broken = new Readable({ read() {} });
    broken.push(Buffer.from("abc"));
    const pending = collectAnswer(broken, 100, room);
    setImmediate(() => broken.destroy(new Error("cut")));
    await expect(pending).rejects.toThrow("cut");
    expect(taken).toBe(0);
  });

  test("collectAnswer gives up past its limit but still hands on every byte", async () => {
    const got = await collectAnswer(chunks("abc", "def"), 4);
    expect("stream" in got && (await text(got.stream))).toBe("abcdef");
  });

  test("keys are tagged with an HMAC: the tag never contains the key, differs per key and per secret", () => {
    const tagger = new Tagger("s".repeat(32));
    const tag = tagger.key("Bearer secret-value");
    expect(tag).not.toContain("secret-value");
    expect(tag).toMatch(/^[0-9a-f]{64}$/);
    expect(tag).not.toBe(tagger.key("Bearer secret-valuf"));
    expect(tag).not.toBe(new Tagger("t".repeat(32)).key("Bearer secret-value"));
  });
});

describe("the header contract and stale answers, per process", () => {
  test("a miss is stored and said so; a hit says hit; both carry OMSPAN-As-Of and Age; gzip is sent as stored", async () => {
    const a = await get("RealisasiKL/5001/5200", KEY_A, { "accept-encoding": "gzip, deflate" });
    const b = await get("RealisasiKL/5001/5200", KEY_A, { "accept-encoding": "gzip, deflate" });
    expect(a.headers["cache-status"]).toBe("omspan-proxy; fwd=miss; stored");
    expect(b.headers["cache-status"]).toBe("omspan-proxy; hit");
    expect(b.headers["omspan-as-of"]).toBe(a.headers["omspan-as-of"]);
    expect(new Date(String(a.headers["omspan-as-of"])).toISOString()).toBe(a.headers["omspan-as-of"]);
    expect(Number(b.headers.age)).toBeGreaterThanOrEqual(0);
    expect([a.headers["content-encoding"], b.headers["content-encoding"]]).toEqual(["gzip", "gzip"]);
    expect(b.body.equals(a.body)).toBe(true); // the very bytes compressed once
    expect(String(b.headers.vary)).toMatch(/accept-encoding/i);
    expect(upstream.requests).toHaveLength(1);
  });

  test("OMSPAN failing (503, HTML, truncated) answers from the last good generation, marked stale; a 401 never does", async () => {
    const fast = await startTestServer({ upstream: upstream.base, staticDir: "/nonexistent-omspan-static", cacheTtlMs: 60_000, refreshMinIntervalMs: 0 });
    try {
      const at = (k: string) => request(`${fast.url}/omspan/CapaianIKEselon1Re`, { authorization: `Bearer ${k}`, "cache-control": "no-cache" });
      upstream.handler = (_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(realisasiPage(7));
      const good = await at(KEY_A);
      for (const fail of [
        (res: import("node:http").ServerResponse) => res.writeHead(503, { "content-type": "text/html" }).end("<html>503</html>"),
        (res: import("node:http").ServerResponse) => res.writeHead(200, { "content-type": "text/html" }).end("<html>maintenance</html>"),
        (res: import("node:http").ServerResponse) => res.writeHead(200, { "content-type": "application/json" }).end(realisasiPage(7).slice(0, 100)),
      ]) {
        upstream.handler = (_req, res) => fail(res);
        const stale = await at(KEY_A);
        expect([stale.status, stale.headers["cache-status"], stale.body.toString()]).toEqual([200, "omspan-proxy; hit; detail=stale-if-error", realisasiPage(7)]);
        expect(stale.headers["omspan-as-of"]).toBe(good.headers["omspan-as-of"]);
      }
    } finally {
      await fast.close();
    }
    // A server whose breaker has not seen OMSPAN fail: a refused key is refused, never answered stale.
    const other = await startTestServer({ upstream: upstream.base, staticDir: "/nonexistent-omspan-static", cacheTtlMs: 60_000, refreshMinIntervalMs: 0 });
    try {
      const at = (k: string) => request(`${other.url}/omspan/CapaianIKEselon1Re`, { authorization: `Bearer ${k}`, "cache-control": "no-cache" });
      upstream.handler = (_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(realisasiPage(7));
      expect((await at(KEY_B)).status).toBe(200);
      upstream.handler = (_req, res) => res.writeHead(401, { "content-type": "text/plain" }).end(BAD_KEY);
      const refused = await at(KEY_B);
      expect([refused.status, refused.headers["cache-status"], refused.body.toString()]).toEqual([401, "omspan-proxy; fwd=miss", BAD_KEY]);
    } finally {
      await other.close();
    }
  });
});
