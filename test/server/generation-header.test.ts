/**
 * The shared cache's request headers, per process, against a recording fake upstream: a request naming
 * its generation (`OMSPAN-Generation`) is served from exactly that pull even after a refresh started a
 * newer one, and `Cache-Control: no-cache` is what starts a new pull. Every `/omspan/` answer says
 * `Cache-Control: no-store`, which is what lets the core client fetch with the default cache mode.
 */
import { mintFakeKey, request, startFakeUpstream, startTestServer, type FakeUpstream } from "./support";

const KEY = mintFakeKey();
let upstream: FakeUpstream;
let server: Awaited<ReturnType<typeof startTestServer>>;
let limited: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  upstream = await startFakeUpstream();
  const settings = { upstream: upstream.base, staticDir: "/nonexistent-omspan-static", cacheTtlMs: 60_000, refreshMinIntervalMs: 200 };
  server = await startTestServer({ ...settings, rateLimit: 0 });
  limited = await startTestServer({ ...settings, rateLimit: 4, rateWindowMs: 60_000 });
});
afterAll(async () => {
  await server.close();
  await limited.close();
  await upstream.close();
});

const get = (route: string, extra: Record<string, string> = {}, key = KEY, at = server) =>
  request(`${at.url}/omspan/${route}`, { authorization: `Bearer ${key}`, ...extra });

test("a named generation is served exactly, after a refresh started a newer one; an unknown name goes by the address", async () => {
  const first = await get("RealisasiKL/1/200", { "cache-control": "no-cache" });
  const g1 = first.headers["omspan-generation"] as string;
  expect(g1).toBeTruthy();
  await new Promise((r) => setTimeout(r, 250)); // past the refresh interval
  const refreshed = await get("RealisasiKL/1/200", { "cache-control": "no-cache" });
  const g2 = refreshed.headers["omspan-generation"] as string;
  expect(g2).not.toBe(g1); // a new pull
  const before = upstream.requests.length;
  // The first pull's next window, named: from the first pull (fetched into it), not the new one.
  const named = await get("RealisasiKL/201/400", { "cache-control": "no-cache", "omspan-generation": g1 });
  expect(named.status).toBe(200);
  expect(named.headers["omspan-generation"]).toBe(g1);
  expect(upstream.requests.length).toBe(before + 1);
  // The same window named by the new pull is the new pull's own download.
  const other = await get("RealisasiKL/201/400", { "omspan-generation": g2 });
  expect(other.headers["omspan-generation"]).toBe(g2);
  expect(upstream.requests.length).toBe(before + 2);
  // Asked again under the first name: a hit of the first pull.
  const again = await get("RealisasiKL/201/400", { "omspan-generation": g1 });
  expect([again.headers["omspan-generation"], again.headers["x-cache"]]).toEqual([g1, "HIT"]);
  // A name the server never gave is ignored: the answer names what it was served from.
  const unknown = await get("RealisasiKL/401/600", { "omspan-generation": "g999" });
  expect(unknown.headers["omspan-generation"]).not.toBe("g999");
});

test("every /omspan/ answer says Cache-Control: no-store (stored, hit, refused key, unknown route, rate-limited)", async () => {
  const answers = [
    await get("DataFA", {}, KEY, limited),
    await get("DataFA", {}, KEY, limited),
    await get("DataFA", {}, "bad", limited),
    await get("NoSuchRoute", {}, KEY, limited),
    await get("DataFA", {}, KEY, limited),
    await get("DataFA", {}, KEY, limited),
  ];
  expect(answers.map((a) => a.status)).toEqual([200, 200, 401, 404, 200, 429]); // the 404 is refused before the limit counts
  expect(answers.map((a) => a.headers["x-cache"] ?? null).slice(0, 2)).toEqual(["MISS", "HIT"]);
  for (const a of answers) expect(a.headers["cache-control"]).toBe("no-store");
});
