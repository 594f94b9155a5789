import { OmspanClient } from "../../src/omspan/wire/client";
import { Store } from "../../src/omspan/store/store";
import { startScriptedServer, type ScriptedServer } from "../support/scripted-server";
import { NO_DATA, UNAUTHORIZED } from "../support/spec-samples";

const KEY = "test-key-not-a-jwt";
const row = (n: number, amount = 1000) =>
  ({ ROWNUM: String(n), KDSATKER: "527560", KPPN: "001", BA: "056", BAES1: "05601", AKUN: n % 2 ? "521211" : "511111",
    PROGRAM: "05601WA", KEGIATAN: "1705", OUTPUT: "002", KEWENANGAN: "2", SUMBER_DANA: "A", CARA_TARIK: "0",
    KDREGISTER: "00000000", LOKASI: "0651", BUDGET_TYPE: "2", TANGGAL: "04-FEB-26", MAXDATE: "15-MAR-26", AMOUNT: String(amount) });

/** A paged Realisasi of `total` rows answering RealisasiKL/<from>/<to> like OMSPAN. */
function pagedAnswer(total: number) {
  return (url: string) => {
    const m = /RealisasiKL\/(\d+)\/(\d+)$/.exec(url);
    if (!m) return { status: 404, body: "not found" };
    const from = Number(m[1]);
    const to = Math.min(Number(m[2]), total);
    if (from > total) return { body: NO_DATA };
    return { body: JSON.stringify(Array.from({ length: to - from + 1 }, (_, i) => row(from + i))) };
  };
}

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

test("Realisasi is paged to the end, in order, with the key only in the Authorization header", async () => {
  server = await startScriptedServer(pagedAnswer(2345));
  const client = new OmspanClient({ baseUrl: server.baseUrl, key: KEY, pageSize: 500, concurrency: 3 });
  const firsts: number[] = [];
  const { pages, rows } = await client.pull("realisasi", (page, first) => firsts.push(first));
  expect(rows).toBe(2345);
  expect(pages).toBe(5);
  expect(firsts).toEqual([1, 501, 1001, 1501, 2001]);
  expect(server.requests.every((r) => r.authorization === `Bearer ${KEY}` && !r.url.includes(KEY))).toBe(true);
  // Speculative windows past the end are bounded by the concurrency (one probe past a short page at least).
  expect(server.requests.length).toBeLessThanOrEqual(5 + 3);
});

test("an exact multiple of the page size ends on the no-data body", async () => {
  server = await startScriptedServer(pagedAnswer(1000));
  const client = new OmspanClient({ baseUrl: server.baseUrl, key: KEY, pageSize: 500, concurrency: 1 });
  const { rows, pages } = await client.pull("realisasi", () => undefined);
  expect([rows, pages, server.requests.length]).toEqual([1000, 2, 3]);
});

test("a 500 then success is retried; a 401 is not", async () => {
  server = await startScriptedServer((url, n) => (n === 1 ? { status: 500, body: "oops" } : { body: NO_DATA }));
  const client = new OmspanClient({ baseUrl: server.baseUrl, key: KEY, retry: { baseMs: 5 } });
  await expect(client.request("dipa")).resolves.toEqual({ kind: "no-data" });
  expect(server.requests.length).toBe(2);
  await server.close();
  server = await startScriptedServer(() => ({ status: 401, body: UNAUTHORIZED, headers: { "content-type": "text/plain" } }));
  const refused = new OmspanClient({ baseUrl: server.baseUrl, key: KEY, retry: { baseMs: 5 } });
  await expect(refused.request("dipa")).rejects.toMatchObject({ code: "key-refused" });
  expect(server.requests.length).toBe(1);
});

test("Retry-After is honoured on 503", async () => {
  server = await startScriptedServer((url, n) =>
    n === 1 ? { status: 503, body: "{}", headers: { "retry-after": "1" } } : { body: NO_DATA },
  );
  const client = new OmspanClient({ baseUrl: server.baseUrl, key: KEY, retry: { baseMs: 1 } });
  const t0 = Date.now();
  await client.request("dana");
  expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
});

test("a page that keeps failing fails the whole pull (never a partial pull)", async () => {
  const ok = pagedAnswer(3000);
  server = await startScriptedServer((url) => (url.includes("/1001/") ? { status: 502, body: "{}" } : ok(url)));
  const store = new Store((c) => new OmspanClient({ ...c, pageSize: 500, concurrency: 2, retry: { baseMs: 1, retries: 2 } }));
  const conn = { baseUrl: server.baseUrl, key: KEY };
  await expect(store.get(conn, "realisasi")).rejects.toMatchObject({ code: "http-status" });
  // Not cached: the next caller pulls again.
  await expect(store.get(conn, "realisasi")).rejects.toMatchObject({ code: "http-status" });
  expect(store.pulls).toBe(2);
});

test("a dropped connection mid-body is a retried network error; timeouts are typed", async () => {
  server = await startScriptedServer((url, n) => (n === 1 ? { body: NO_DATA + "x".repeat(5000), dropAfter: 10, headers: { "content-length": "6000" } } : { body: NO_DATA }));
  const client = new OmspanClient({ baseUrl: server.baseUrl, key: KEY, retry: { baseMs: 1 } });
  await expect(client.request("dipa")).resolves.toEqual({ kind: "no-data" });
  const slow = new OmspanClient({ baseUrl: "http://127.0.0.1:9/", key: KEY, retry: { retries: 0 } });
  await expect(slow.request("dipa")).rejects.toMatchObject({ code: "unreachable", detail: { url: "http://127.0.0.1:9/DipaBelanjaKL/BELANJA" } });
});

test("concurrent callers share one pull; invalidate forgets it", async () => {
  server = await startScriptedServer(pagedAnswer(1200));
  const store = new Store((c) => new OmspanClient({ ...c, pageSize: 500 }));
  const conn = { baseUrl: server.baseUrl, key: KEY };
  const all = await Promise.all(Array.from({ length: 50 }, () => store.get(conn, "realisasi")));
  expect(new Set(all).size).toBe(1);
  expect(store.pulls).toBe(1);
  expect(all[0]!.table.rowCount).toBe(1200);
  expect(store.asOf("realisasi")?.maxDate).toBeDefined();
  await store.get(conn, "realisasi");
  expect(store.pulls).toBe(1);
  store.invalidate();
  await store.get(conn, "realisasi");
  expect(store.pulls).toBe(2);
  // Another key never shares the first key's data.
  await store.get({ ...conn, key: "another-key" }, "realisasi");
  expect(store.pulls).toBe(3);
});

test("cancelling a pull rejects with CancelledError", async () => {
  server = await startScriptedServer(pagedAnswer(5000));
  const client = new OmspanClient({ baseUrl: server.baseUrl, key: KEY, pageSize: 100, concurrency: 1 });
  const ctl = new AbortController();
  const p = client.pull("realisasi", () => ctl.abort(), { signal: ctl.signal });
  await expect(p).rejects.toMatchObject({ code: "cancelled" });
});

/** A Realisasi whose windows behave in one of OMSPAN's uncertain ways. */
function oddWindows(total: number, shape: "capped" | "exclusive" | "gap", cap = 1000) {
  return (url: string) => {
    const m = /RealisasiKL\/(\d+)\/(\d+)$/.exec(url);
    if (!m) return { status: 404, body: "not found" };
    const from = Number(m[1]);
    let to = Number(m[2]);
    if (shape === "capped") to = Math.min(to, from + cap - 1);
    if (shape === "exclusive") to -= 1;
    if (shape === "gap" && from > 1 && from < 2000) to = from + 10; // one short window in the middle
    to = Math.min(to, total);
    if (from > total || to < from) return { body: NO_DATA };
    return { body: JSON.stringify(Array.from({ length: to - from + 1 }, (_, i) => row(from + i))) };
  };
}

test.each(["capped", "exclusive"] as const)("%s row windows still bring every row exactly once", async (shape) => {
  server = await startScriptedServer(oddWindows(12_000, shape));
  const store = new Store((c) => new OmspanClient({ ...c, pageSize: 5000, concurrency: 3 }));
  const data = await store.get({ baseUrl: server.baseUrl, key: KEY }, "realisasi");
  expect(data.table.rowCount).toBe(12_000);
  const rownums = (data.table.columns.ROWNUM as { values: Float64Array }).values;
  expect(new Set(rownums).size).toBe(12_000);
});

test("windows that disagree (rows after a short window) fail the pull instead of dropping rows", async () => {
  server = await startScriptedServer(oddWindows(20_000, "gap"));
  const client = new OmspanClient({ baseUrl: server.baseUrl, key: KEY, pageSize: 1000, concurrency: 3 });
  await expect(client.pull("realisasi", () => undefined)).rejects.toMatchObject({ code: "bad-response", message: expect.stringMatching(/row windows disagree/) });
});

test("an already-cancelled pull sends nothing", async () => {
  server = await startScriptedServer(pagedAnswer(100));
  const client = new OmspanClient({ baseUrl: server.baseUrl, key: KEY });
  await expect(client.pull("realisasi", () => undefined, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: "cancelled" });
  expect(server.requests.length).toBe(0);
});

test("one window short for no good reason cannot end the pull unnoticed, even one window at a time", async () => {
  server = await startScriptedServer(oddWindows(20_000, "gap"));
  const client = new OmspanClient({ baseUrl: server.baseUrl, key: KEY, pageSize: 1000, concurrency: 1 });
  await expect(client.pull("realisasi", () => undefined)).rejects.toMatchObject({ code: "bad-response" });
});

test("a hanging upstream settles with a TimeoutError after the retries, never hangs", async () => {
  server = await startScriptedServer(() => ({ body: "", hang: true }));
  const client = new OmspanClient({ baseUrl: server.baseUrl, key: KEY, timeoutMs: 200, retry: { retries: 1, baseMs: 10 } });
  const t0 = Date.now();
  await expect(client.request("dipa")).rejects.toMatchObject({ code: "timeout" });
  expect(server.requests.length).toBe(2);
  expect(Date.now() - t0).toBeLessThan(5000);
});

test("a short first window is only the end when the next is empty, even one window at a time", async () => {
  server = await startScriptedServer(oddWindows(3000, "capped", 700));
  const client = new OmspanClient({ baseUrl: server.baseUrl, key: KEY, pageSize: 1000, concurrency: 1 });
  const { rows } = await client.pull("realisasi", () => undefined);
  expect(rows).toBe(3000);
  await server.close();
  server = await startScriptedServer(pagedAnswer(300));
  const small = new OmspanClient({ baseUrl: server.baseUrl, key: KEY, pageSize: 1000, concurrency: 1 });
  expect((await small.pull("realisasi", () => undefined)).rows).toBe(300);
  expect(server.requests.length).toBe(2);
});
