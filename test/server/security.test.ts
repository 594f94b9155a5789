/**
 * Hostile requests against a recording fake upstream: none may reach it, each gets the right status,
 * none gets CORS headers for a disallowed origin, and the key never shows up in a log line.
 */
import { ERRORS } from "../../src/server/errors";
import {
  logLines, makeStaticDir, mintFakeKey, rawGet, rawRequest, request, startFakeUpstream, startTestServer,
  type FakeUpstream,
} from "./support";

const KEY = mintFakeKey();
const AUTH = `Authorization: Bearer ${KEY}\r\n`;
let upstream: FakeUpstream;
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  upstream = await startFakeUpstream();
  server = await startTestServer({
    upstream: upstream.base,
    staticDir: makeStaticDir(),
    allowedOrigins: "https://pane.example.go.id",
    maxHeaderBytes: 8192,
  });
});
afterAll(async () => {
  await server.close();
  await upstream.close();
});
afterEach(() => {
  // The heart of every test here: nothing hostile was forwarded.
  expect(upstream.requests).toEqual([]);
});

const TRAVERSALS: [string, string | Buffer][] = [
  ["dot dot", "/omspan/../omspan/DataFA"],
  ["dot dot inside a route", "/omspan/RealisasiKL/../DataFA"],
  ["single dot", "/omspan/./DataFA"],
  ["encoded dots", "/omspan/%2e%2e/DataFA"],
  ["upper-case encoded dots", "/omspan/%2E%2E/DataFA"],
  ["double-encoded dots", "/omspan/%252e%252e/DataFA"],
  ["encoded slash", "/omspan/DipaBelanjaKL%2fBELANJA"],
  ["encoded backslash", "/omspan/..%5cDataFA"],
  ["backslash", "/omspan\\..\\DataFA"],
  ["backslash in route", "/omspan/DipaBelanjaKL\\BELANJA"],
  ["overlong UTF-8 dot, encoded", "/omspan/%c0%ae%c0%ae/DataFA"],
  ["overlong UTF-8 slash, encoded", "/omspan/..%c0%afDataFA"],
  ["overlong UTF-8 dot, raw bytes", Buffer.from([...Buffer.from("/omspan/"), 0xc0, 0xae, 0xc0, 0xae, ...Buffer.from("/DataFA")])],
  ["encoded NUL", "/omspan/DataFA%00"],
  ["encoded CR LF", "/omspan/DataFA%0d%0aX-Injected:%201"],
  ["empty segment", "/omspan//DataFA"],
  ["protocol-relative", "//evil.example/omspan/DataFA"],
  ["absolute URL", "http://evil.example/omspan/DataFA"],
  ["absolute URL to our own route", "http://127.0.0.1/omspan/DataFA"],
  ["URL inside the route", "/omspan/http://evil.example/DataFA"],
  ["asterisk form", "*"],
];

describe("path traversal and odd targets are refused before anything else", () => {
  test.each(TRAVERSALS)("%s", async (_name, target) => {
    const answer = await rawGet(server.port, target, AUTH);
    expect(answer.status).toBe(400);
    expect(answer.head).not.toContain("access-control-allow-origin");
  });

  test("an over-long target", async () => {
    expect((await rawGet(server.port, `/omspan/${"a".repeat(3000)}`, AUTH)).status).toBe(400);
  });
});

describe("only the seven known routes are forwarded", () => {
  test.each([
    "/omspan/Unknown",
    "/omspan/DataFA/",
    "/omspan/datafa",
    "/omspan/RealisasiKL/1",
    "/omspan/RealisasiKL/a/b",
    "/omspan/RealisasiKL/1/2/3",
    "/omspan/DetailPNBPAllRev/GL/2024",
    "/omspan/",
    "/omspan",
  ])("%s → 404", async (path) => {
    const answer = await request(`${server.url}${path}`, { authorization: `Bearer ${KEY}` });
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body.toString())).toMatchObject({ error: "not_found" });
  });

  test("a query string on a route → 400", async () => {
    const answer = await request(`${server.url}/omspan/DataFA?host=evil.example`, { authorization: `Bearer ${KEY}` });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body.toString()).error).toBe("query_not_allowed");
  });
});

describe("methods other than GET", () => {
  test.each(["POST", "PUT", "DELETE", "PATCH", "HEAD"])("%s /omspan/DataFA → 405", async (method) => {
    const answer = await request(`${server.url}/omspan/DataFA`, { authorization: `Bearer ${KEY}` }, method);
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe("GET, OPTIONS");
  });

  test("POST with a body → 405, body never read into a request upstream", async () => {
    const body = "x".repeat(5000);
    const answer = await rawRequest(
      server.port,
      `POST /omspan/DataFA HTTP/1.1\r\nHost: a\r\n${AUTH}Content-Type: text/plain\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    expect(answer.status).toBe(405);
  });

  test("TRACE anywhere → 405", async () => {
    const answer = await rawRequest(server.port, `TRACE /taskpane.html HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n`);
    expect(answer.status).toBe(405);
  });
});

describe("header injection and oversized headers", () => {
  test.each([
    ["bare CR inside a header value", `Authorization: Bearer ${KEY}\rX-Evil: 1\r\n`],
    ["bare CR inside the key", `Authorization: Bearer ab\rcd\r\n`],
    ["NUL in a header value", `Accept: a\u0000b\r\n`],
    ["header name with a space", `Bad Header: 1\r\n`],
  ])("%s → 400", async (_name, extra) => {
    const answer = await rawGet(server.port, "/omspan/DataFA", extra);
    expect(answer.status).toBe(400);
  });

  test("a CR/LF in the request line → 400", async () => {
    const answer = await rawRequest(server.port, `GET /omspan/DataFA\rX: 1 HTTP/1.1\r\nHost: a\r\n\r\n`);
    expect(answer.status).toBe(400);
  });

  test("headers over the limit → 431 with our JSON", async () => {
    const answer = await rawGet(server.port, "/omspan/DataFA", `${AUTH}X-Filler: ${"f".repeat(10_000)}\r\n`);
    expect(answer.status).toBe(431);
    expect(answer.head).toContain("content-type: application/json");
  });
});

describe("CORS: a disallowed origin", () => {
  test("GET from another origin → 403, no CORS header", async () => {
    const answer = await request(`${server.url}/omspan/DataFA`, {
      authorization: `Bearer ${KEY}`,
      origin: "https://evil.example",
    });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body.toString()).error).toBe("origin_not_allowed");
    expect(answer.headers["access-control-allow-origin"]).toBeUndefined();
    expect(answer.headers.vary).toMatch(/origin/i);
  });

  test("an origin that only starts like an allowed one → 403", async () => {
    const answer = await request(`${server.url}/omspan/DataFA`, { origin: "https://pane.example.go.id.evil.example" });
    expect(answer.status).toBe(403);
    expect(answer.headers["access-control-allow-origin"]).toBeUndefined();
  });

  test("Origin: null → 403", async () => {
    expect((await request(`${server.url}/omspan/DataFA`, { origin: "null" })).status).toBe(403);
  });

  test("preflight from another origin gets no CORS headers", async () => {
    const answer = await request(
      `${server.url}/omspan/DataFA`,
      { origin: "https://evil.example", "access-control-request-method": "GET", "access-control-request-headers": "authorization" },
      "OPTIONS",
    );
    const cors = Object.keys(answer.headers).filter((h) => h.startsWith("access-control-"));
    expect(cors).toEqual([]);
  });
});

describe("error answers", () => {
  test("carry an English and an Indonesian message", async () => {
    const answer = await rawGet(server.port, "/omspan/%2e%2e/DataFA");
    expect(answer.status).toBe(400);
    const body = await request(`${server.url}/omspan/Nope`);
    expect(JSON.parse(body.body.toString())).toEqual({
      error: "not_found",
      message: ERRORS.not_found[1],
      pesan: ERRORS.not_found[2],
    });
  });
});

test("control: the same server does forward a well-formed request", async () => {
  const answer = await request(`${server.url}/omspan/RealisasiKL/1/200`, { authorization: `Bearer ${KEY}` });
  expect(answer.status).toBe(200);
  expect(upstream.requests).toHaveLength(1);
  upstream.requests.length = 0;
});

test("the key never appears in any log line", () => {
  expect(logLines.length).toBeGreaterThan(TRAVERSALS.length);
  for (const line of logLines) expect(line).not.toContain(KEY);
});
