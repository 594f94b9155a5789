/**
 * What crosses the proxy: only Authorization and Accept go up; answers come back with their status and
 * body bytes unchanged (401 text, the no-data body), without Set-Cookie or upstream details, compressed
 * when the client asks; static files with the right cache headers; CORS for an allowed origin.
 */
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import {
  BAD_KEY, logLines, makeStaticDir, mintFakeKey, NO_DATA, realisasiPage, request, startFakeUpstream,
  startTestServer, WS_PATH, type FakeUpstream,
} from "./support";

const KEY = mintFakeKey();
const ALLOWED = "https://pane.example.go.id";
let upstream: FakeUpstream;
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  upstream = await startFakeUpstream();
  server = await startTestServer({ upstream: upstream.base, staticDir: makeStaticDir(), allowedOrigins: ALLOWED });
});
afterAll(async () => {
  await server.close();
  await upstream.close();
});
beforeEach(() => {
  upstream.requests.length = 0;
});

describe("forwarding", () => {
  test("a Realisasi page: same bytes, only Authorization and Accept forwarded", async () => {
    const answer = await request(`${server.url}/omspan/RealisasiKL/1/200`, {
      authorization: `Bearer ${KEY}`,
      accept: "application/json",
      cookie: "session=secret",
      "x-forwarded-for": "10.6.6.6",
      "x-forwarded-host": "evil.example",
      forwarded: "for=10.6.6.6",
      "x-real-ip": "10.6.6.6",
      "user-agent": "Excel",
      "proxy-authorization": "Basic abc",
    });
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toBe(realisasiPage(200));
    expect(upstream.requests).toHaveLength(1);
    const seen = upstream.requests[0]!;
    expect(seen.url).toBe(`${WS_PATH}RealisasiKL/1/200`);
    expect(seen.method).toBe("GET");
    const names = Object.keys(seen.headers).filter((h) => h !== "connection").sort();
    // Accept-Encoding is the proxy's own (it decodes what OMSPAN sends), never the client's.
    expect(names).toEqual(["accept", "accept-encoding", "authorization", "host"]);
    expect(seen.headers["accept-encoding"]).toBe("gzip");
    expect(seen.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(seen.headers.host).toBe(`127.0.0.1:${upstream.port}`);
  });

  test("Set-Cookie, X-Powered-By and hop-by-hop headers are stripped; answers are not cacheable downstream", async () => {
    const answer = await request(`${server.url}/omspan/DataFA`, { authorization: `Bearer ${KEY}` });
    expect(answer.headers["set-cookie"]).toBeUndefined();
    expect(answer.headers["x-powered-by"]).toBeUndefined();
    expect(answer.headers["keep-alive"]).toBeUndefined();
    expect(answer.headers["cache-control"]).toBe("no-store");
    expect(answer.headers["content-type"]).toBe("application/json");
  });

  test("Accept defaults to application/json when the client sends none", async () => {
    await request(`${server.url}/omspan/CapaianIKKLRe`, { authorization: `Bearer ${KEY}` });
    expect(upstream.requests[0]!.headers.accept).toBe("application/json");
  });

  test("upstream 401 passes through: status, content type and exact text", async () => {
    const answer = await request(`${server.url}/omspan/CapaianIKSatkerRe`, { authorization: "Bearer bad" });
    expect(answer.status).toBe(401);
    expect(answer.headers["content-type"]).toBe("text/plain");
    expect(answer.body.toString()).toBe(BAD_KEY);
  });

  test("the no-data body passes through byte for byte", async () => {
    const answer = await request(`${server.url}/omspan/DipaBelanjaKL/BELANJA`, { authorization: `Bearer ${KEY}` });
    expect(answer.status).toBe(200);
    expect(answer.body.equals(Buffer.from(NO_DATA))).toBe(true);
  });

  test("every route shape of the allowlist is forwarded", async () => {
    for (const route of ["CapaianIKEselon1Re", "DetailPNBPAllRev/GL", "DetailPNBPAllRev/GL/20240131"]) {
      const answer = await request(`${server.url}/omspan/${route}`, { authorization: `Bearer ${KEY}` });
      expect(answer.status).toBe(200);
    }
    expect(upstream.requests.map((r) => r.url)).toEqual([
      `${WS_PATH}CapaianIKEselon1Re`, `${WS_PATH}DetailPNBPAllRev/GL`, `${WS_PATH}DetailPNBPAllRev/GL/20240131`,
    ]);
  });
});

describe("compression for the client", () => {
  const url = () => `${server.url}/omspan/RealisasiKL/1/200`;
  test("gzip", async () => {
    const answer = await request(url(), { authorization: `Bearer ${KEY}`, "accept-encoding": "gzip" });
    expect(answer.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(answer.body).toString()).toBe(realisasiPage(200));
    expect(answer.body.length).toBeLessThan(realisasiPage(200).length / 5);
  });
  test("br preferred when offered", async () => {
    const answer = await request(url(), { authorization: `Bearer ${KEY}`, "accept-encoding": "gzip, br" });
    expect(answer.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(answer.body).toString()).toBe(realisasiPage(200));
  });
  test("identity when not asked", async () => {
    const answer = await request(url(), { authorization: `Bearer ${KEY}` });
    expect(answer.headers["content-encoding"]).toBeUndefined();
    expect(answer.body.toString()).toBe(realisasiPage(200));
  });
});

describe("CORS for an allowed origin", () => {
  test("GET gets Access-Control-Allow-Origin for that origin and Vary: Origin", async () => {
    const answer = await request(`${server.url}/omspan/DataFA`, { authorization: `Bearer ${KEY}`, origin: ALLOWED });
    expect(answer.status).toBe(200);
    expect(answer.headers["access-control-allow-origin"]).toBe(ALLOWED);
    expect(answer.headers.vary).toMatch(/Origin/);
    expect(answer.headers["access-control-allow-credentials"]).toBeUndefined();
  });
  test("preflight for Authorization (and the refresh and generation headers) is answered, and not forwarded", async () => {
    const answer = await request(
      `${server.url}/omspan/DataFA`,
      { origin: ALLOWED, "access-control-request-method": "GET", "access-control-request-headers": "authorization,cache-control,omspan-generation" },
      "OPTIONS",
    );
    expect(answer.status).toBe(204);
    expect(answer.headers["access-control-allow-origin"]).toBe(ALLOWED);
    expect(answer.headers["access-control-allow-methods"]).toBe("GET");
    expect(answer.headers["access-control-allow-headers"]).toMatch(/Authorization/);
    expect(answer.headers["access-control-allow-headers"]).toMatch(/Cache-Control/);
    expect(answer.headers["access-control-allow-headers"]).toMatch(/OMSPAN-Generation/);
    expect(upstream.requests).toHaveLength(0);
  });
  test("same origin needs no CORS and is not refused", async () => {
    const answer = await request(`${server.url}/omspan/DataFA`, { authorization: `Bearer ${KEY}`, origin: server.url });
    expect(answer.status).toBe(200);
  });
});

describe("static files and health", () => {
  test.each([
    ["/taskpane.html", /^text\/html/, "no-cache"],
    ["/functions.json", /^application\/json/, "no-cache"],
    ["/manifest.xml", /xml/, "no-cache"],
    ["/taskpane.0123abcd4567ef89.js", /javascript/, "public, max-age=31536000, immutable"],
    ["/assets/icon-16.png", /^image\/png/, "no-cache"],
  ])("%s", async (path, type, cacheControl) => {
    const answer = await request(`${server.url}${path}`);
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toMatch(type);
    expect(answer.headers["cache-control"]).toBe(cacheControl);
    expect(answer.headers["x-content-type-options"]).toBe("nosniff");
  });
  test("Office's ?_host_Info query on the pane is fine", async () => {
    const answer = await request(`${server.url}/taskpane.html?_host_Info=Excel$Win32$16.01$en-US$$$$0`);
    expect(answer.status).toBe(200);
  });
  test.each(["/", "/missing.js", "/assets/", "/.env"])("%s → 404", async (path) => {
    const answer = await request(`${server.url}${path}`);
    expect(answer.status).toBe(404);
  });
  test("/health answers ok and holds no secret", async () => {
    const answer = await request(`${server.url}/health`, { authorization: `Bearer ${KEY}` });
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.body.toString());
    expect(body.status).toBe("ok");
    expect(answer.body.toString()).not.toContain(KEY);
  });
});

describe("logs", () => {
  test("one line per request with method, route, status, duration, bytes and a short key hash", async () => {
    const before = logLines.length;
    await request(`${server.url}/omspan/RealisasiKL/1/200`, { authorization: `Bearer ${KEY}` });
    const lines = logLines.slice(before).map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ method: "GET", route: "RealisasiKL/1/200", status: 200, key: expect.stringMatching(/^[0-9a-f]{8}$/) });
    expect(lines[0].ms).toEqual(expect.any(Number));
    expect(lines[0].bytes).toBeGreaterThan(realisasiPage(200).length);
  });
  test("the key never appears in any log line", () => {
    for (const line of logLines) expect(line).not.toContain(KEY);
  });
});
