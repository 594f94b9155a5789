/**
 * The optional answer cache: a hit for the same key and route, a miss for another key (never shared),
 * concurrent requests coalesced onto one upstream pull, failures not cached, and off by default.
 */
import { AnswerCache, captureStream } from "../../src/server/answer-cache";
import { BAD_KEY, mintFakeKey, realisasiPage, request, startFakeUpstream, startTestServer, type FakeUpstream } from "./support";

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

describe("AnswerCache unit", () => {
  test("expires after the TTL and evicts the oldest past the byte budget", async () => {
    const cache = new AnswerCache(50, 10);
    const put = (key: string, size: number) => cache.beginFill(key)({ status: 200, headers: {}, body: Buffer.alloc(size) });
    put("a", 6);
    put("b", 4);
    expect(cache.get("a")).toBeDefined();
    put("c", 5); // 15 bytes > 10: "a" (oldest) goes
    expect(cache.get("a")).toBeUndefined();
    expect(cache.get("b")).toBeDefined();
    expect(cache.get("c")).toBeDefined();
    put("huge", 11); // larger than the whole budget: not stored
    expect(cache.get("huge")).toBeUndefined();
    await new Promise((r) => setTimeout(r, 60));
    expect(cache.get("b")).toBeUndefined();
  });

  test("keys hash the secret: the cache key never contains it", () => {
    const key = AnswerCache.keyFor("Bearer secret-value", "DataFA");
    expect(key).not.toContain("secret-value");
    expect(key).not.toBe(AnswerCache.keyFor("Bearer secret-valuf", "DataFA"));
  });

  test("captureStream gives up past its limit but still passes every byte", async () => {
    let captured: Buffer | undefined = Buffer.alloc(0);
    const t = captureStream(4, (b) => (captured = b));
    const out: Buffer[] = [];
    t.on("data", (c: Buffer) => out.push(c));
    const done = new Promise((r) => t.on("end", r));
    t.write(Buffer.from("abc"));
    t.end(Buffer.from("def"));
    await done;
    expect(Buffer.concat(out).toString()).toBe("abcdef");
    expect(captured).toBeUndefined();
  });
});
