/**
 * The store's bad-day rules against a scripted loopback server standing in for the proxy (its headers
 * and failures on demand), with snapshots in a real directory:
 *  - which failures are answered from the newest snapshot (unreachable, timeout, 5xx, HTML, truncated)
 *    and which never are (401, a wrong parameter, 404; "no data" is an answer, not a failure);
 *  - the proxy's `OMSPAN-As-Of` / `Cache-Status` marks: a pull is as old as its oldest page and stale if
 *    any page was; a newer snapshot here wins over the proxy's stale generation;
 *  - `Cache-Control: no-cache` on the first pull after invalidate only.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DirSnapshotStore } from "../../src/node/snapshot-dir";
import { asOfStatus } from "../../src/omspan/store/as-of";
import { OmspanClient } from "../../src/omspan/wire/client";
import { Snapshots } from "../../src/omspan/snapshots";
import { Store } from "../../src/omspan/store/store";
import { mintTestKey } from "../support/keys";
import { startScriptedServer, type Answer, type ScriptedServer } from "../support/scripted-server";
import { DIPA_SAMPLE, NO_DATA, UNAUTHORIZED, WRONG_PARAMETER } from "../support/spec-samples";

let server: ScriptedServer;
let answer: (url: string) => Answer;
let key: string;
beforeAll(async () => {
  server = await startScriptedServer((url) => answer(url));
  key = await mintTestKey();
});
afterAll(() => server.close());

const dipa = (amount: number) => DIPA_SAMPLE.replace('"AMOUNT":"3600000"', `"AMOUNT":"${amount}"`);
const row = (n: number, amount: number) =>
  `{"ROWNUM":"${n}","KDSATKER":"527560","KPPN":"001","BA":"015","BAES1":"01508","AKUN":"524113","PROGRAM":"0150809","KEGIATAN":"1705","OUTPUT":"002","KEWENANGAN":"2","SUMBER_DANA":"A","CARA_TARIK":"0","KDREGISTER":"00000001","LOKASI":"0651","BUDGET_TYPE":"2","TANGGAL":"04-FEB-26","MAXDATE":"15-MAR-26","AMOUNT":"${amount}"}`;

function newStore(opts: { allowStale?: boolean; openFrom?: "snapshot" | "pull" } = {}) {
  const snapshots = new Snapshots(new DirSnapshotStore(mkdtempSync(path.join(tmpdir(), "omspan-stale-"))), { warn: () => undefined });
  const store = new Store((c) => new OmspanClient({ ...c, pageSize: 1, concurrency: 2, retry: { retries: 0 }, timeoutMs: 300 }), { snapshots, openFrom: "pull", ...opts });
  return { store, snapshots, conn: { baseUrl: server.baseUrl, key } };
}

async function keptDipa() {
  const s = newStore();
  answer = () => ({ body: dipa(100) });
  const first = await s.store.get(s.conn, "dipa");
  await s.store.settled();
  s.store.invalidate();
  return { ...s, first };
}

const FAILURES: [string, () => Answer, string][] = [
  ["a 503", () => ({ status: 503, body: "Service Unavailable" }), "http-status"],
  ["the proxy's 502 (OMSPAN unreachable)", () => ({ status: 502, body: JSON.stringify({ error: "upstream_unreachable", message: "connect ECONNREFUSED" }) }), "unreachable"],
  ["an HTML maintenance page", () => ({ body: "<html><body>Maintenance</body></html>", headers: { "content-type": "text/html" } }), "bad-response"],
  ["a truncated body", () => ({ body: dipa(7).slice(0, 40) }), "bad-response"],
  ["a connection cut mid-answer", () => ({ body: dipa(7), dropAfter: 40 }), "unreachable"],
  ["no answer in time", () => ({ body: "", hang: true }), "timeout"],
];

test.each(FAILURES)("%s is answered from the newest snapshot, marked stale", async (_name, fail, reason) => {
  const { store, conn, first } = await keptDipa();
  answer = fail;
  const d = await store.get(conn, "dipa");
  expect(d.table.rowCount).toBe(1);
  expect(d.table.columns.AMOUNT).toEqual({ kind: "number", values: Float64Array.of(100) });
  expect(d.asOf).toMatchObject({ fetchedAt: first.asOf.fetchedAt, snapshotId: first.asOf.snapshotId, source: "snapshot", stale: { reason } });
  expect(asOfStatus(d.asOf)).toBe("stale");
  expect(store.staleAnswers().map((a) => a.dataset)).toEqual(["dipa"]);
});

const NEVER: [string, () => Answer, string][] = [
  ["a refused key (401)", () => ({ status: 401, body: UNAUTHORIZED, headers: { "content-type": "text/plain" } }), "key-refused"],
  ["a wrong parameter", () => ({ body: WRONG_PARAMETER }), "wrong-parameter"],
  ["a 404", () => ({ status: 404, body: "not found" }), "http-status"],
];

test.each(NEVER)("%s is never answered from a snapshot", async (_name, fail, code) => {
  const { store, conn } = await keptDipa();
  answer = fail;
  await expect(store.get(conn, "dipa")).rejects.toMatchObject({ code });
  expect(store.staleAnswers()).toEqual([]);
});

test("no data is an answer (an empty table), not a failure; without allowStale a failure stays a failure", async () => {
  const { store, conn } = await keptDipa();
  answer = () => ({ body: NO_DATA });
  expect((await store.get(conn, "dipa")).table.rowCount).toBe(0);
  const strict = newStore({ allowStale: false });
  answer = () => ({ body: dipa(1) });
  await strict.store.get(strict.conn, "dipa");
  strict.store.invalidate();
  answer = () => ({ status: 503, body: "" });
  await expect(strict.store.get(strict.conn, "dipa")).rejects.toMatchObject({ code: "http-status" });
});

test("the proxy's marks: as old as the oldest page, stale if any page was; a fresh hit is not stale", async () => {
  const { store, conn } = newStore();
  const T1 = "2026-12-02T09:04:00Z";
  const T0 = "2026-12-01T16:00:00Z";
  answer = (url) => {
    const m = /RealisasiKL\/(\d+)\//.exec(url);
    const n = Number(m?.[1]);
    if (n > 3) return { body: NO_DATA };
    const stale = n === 2;
    return { body: `[${row(n, n * 10)}]`, headers: { "OMSPAN-As-Of": stale ? T0 : T1, "Cache-Status": stale ? "omspan-proxy; hit; detail=stale-if-error" : "omspan-proxy; hit" } };
  };
  const r = await store.get(conn, "realisasi");
  expect(r.table.rowCount).toBe(3);
  expect(r.asOf).toMatchObject({ fetchedAt: new Date(T0), source: "pull", stale: { reason: "proxy-stale" } });
  answer = () => ({ body: dipa(5), headers: { "OMSPAN-As-Of": T1, "Cache-Status": "omspan-proxy; hit" } });
  const d = await store.get(conn, "dipa");
  expect(d.asOf.fetchedAt).toEqual(new Date(T1));
  expect(asOfStatus(d.asOf)).toBe("fresh");
});

test("a snapshot here newer than the proxy's stale generation answers instead", async () => {
  const { store, conn, first } = await keptDipa();
  answer = () => ({ body: dipa(1), headers: { "OMSPAN-As-Of": "2020-01-01T00:00:00Z", "Cache-Status": "omspan-proxy; hit; detail=stale-if-error" } });
  const d = await store.get(conn, "dipa");
  expect(d.asOf).toMatchObject({ snapshotId: first.asOf.snapshotId, source: "snapshot", stale: { reason: "proxy-stale" } });
  expect(d.table.columns.AMOUNT).toEqual({ kind: "number", values: Float64Array.of(100) });
});

test("Cache-Control: no-cache on the first pull after invalidate only, for the datasets invalidated", async () => {
  const { store, conn } = newStore();
  answer = (url) => (url.includes("RealisasiKL") ? (/RealisasiKL\/1\//.test(url) ? { body: `[${row(1, 1)}]` } : { body: NO_DATA }) : { body: dipa(1) });
  const asked = () => server.requests.splice(0).map((r) => [r.url.replace(/^.*DataWebService\//, ""), r.cacheControl ?? ""]);
  server.requests.splice(0);
  await Promise.all([store.get(conn, "dipa"), store.get(conn, "realisasi")]);
  expect(asked().every(([, cc]) => cc === "")).toBe(true);
  store.invalidate();
  await Promise.all([store.get(conn, "dipa"), store.get(conn, "realisasi")]);
  const refreshed = asked();
  expect(refreshed.length).toBeGreaterThan(2);
  expect(refreshed.every(([, cc]) => cc === "no-cache")).toBe(true);
  // Recalculations reuse the store: no request at all.
  await Promise.all([store.get(conn, "dipa"), store.get(conn, "realisasi")]);
  expect(asked()).toEqual([]);
  // One dataset refreshed: only its pull asks for a new answer; a failed attempt keeps asking.
  store.invalidate("dipa");
  answer = () => ({ status: 400, body: "no" });
  await expect(store.get(conn, "dipa")).rejects.toMatchObject({ code: "http-status" });
  answer = () => ({ body: dipa(2) });
  await store.get(conn, "dipa");
  expect(asked()).toEqual([["DipaBelanjaKL/BELANJA", "no-cache"], ["DipaBelanjaKL/BELANJA", "no-cache"]]);
  // A later pull of the same dataset not made by Refresh (another key) is not fresh.
  await store.get({ ...conn, key: await mintTestKey() }, "dipa");
  expect(asked()).toEqual([["DipaBelanjaKL/BELANJA", ""]]);
});

test("open without waiting: the newest snapshot answers a dataset's first use; after invalidate it pulls", async () => {
  const { snapshots, conn } = await keptDipa();
  const opened = new Store((c) => new OmspanClient(c), { snapshots });
  answer = () => ({ body: dipa(999) });
  server.requests.splice(0);
  const d = await opened.get(conn, "dipa");
  expect([d.asOf.source, opened.pulls, server.requests.length]).toEqual(["snapshot", 0, 0]);
  opened.invalidate();
  const again = await opened.get(conn, "dipa");
  expect([again.asOf.source, again.table.columns.AMOUNT]).toEqual(["pull", { kind: "number", values: Float64Array.of(999) }]);
  // "Pull fresh data when a workbook opens": the first use pulls.
  const pulling = new Store((c) => new OmspanClient(c), { snapshots, openFrom: "pull" });
  expect((await pulling.get(conn, "dipa")).asOf.source).toBe("pull");
});
