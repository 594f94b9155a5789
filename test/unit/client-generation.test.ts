/**
 * What the core client tells the proxy about a pull: `Cache-Control: no-cache` only on a pull its
 * caller marks as a refresh (fetch's own cache mode adds nothing), and from window 1's answer on the
 * `OMSPAN-Generation` it was answered, on every later request of the same Realisasi pull.
 */
import { OmspanClient } from "../../src/omspan/wire/client";
import { startScriptedServer, type ScriptedServer } from "../support/scripted-server";
import { NO_DATA } from "../support/spec-samples";

const KEY = "test-key-not-a-jwt";
const row = (n: number) =>
  ({ ROWNUM: String(n), KDSATKER: "527560", KPPN: "001", BA: "056", BAES1: "05601", AKUN: "521211",
    PROGRAM: "05601WA", KEGIATAN: "1705", OUTPUT: "002", KEWENANGAN: "2", SUMBER_DANA: "A", CARA_TARIK: "0",
    KDREGISTER: "00000000", LOKASI: "0651", BUDGET_TYPE: "2", TANGGAL: "04-FEB-26", MAXDATE: "15-MAR-26", AMOUNT: "1000" });

/** Realisasi of `total` rows; each answer names a generation as the proxy does (window 1: "g7"). */
function proxyLike(total: number, genOf: (from: number) => string | undefined = () => "g7") {
  return (url: string) => {
    const m = /RealisasiKL\/(\d+)\/(\d+)$/.exec(url);
    if (!m) {
      const gen = genOf(0);
      return { body: NO_DATA, headers: gen ? { "omspan-generation": gen } : {} };
    }
    const from = Number(m[1]);
    const to = Math.min(Number(m[2]), total);
    const gen = genOf(from);
    const headers: Record<string, string> = { "cache-control": "no-store", ...(gen ? { "omspan-generation": gen } : {}) };
    if (from > total) return { body: NO_DATA, headers };
    return { body: JSON.stringify(Array.from({ length: to - from + 1 }, (_, i) => row(from + i))), headers };
  };
}

const fromOf = (url: string) => Number(/RealisasiKL\/(\d+)\//.exec(url)?.[1] ?? 0);

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

test("a plain pull sends no Cache-Control at all; a refresh pull says no-cache on every request", async () => {
  server = await startScriptedServer(proxyLike(1200));
  const client = new OmspanClient({ baseUrl: server.baseUrl, key: KEY, pageSize: 100, concurrency: 3 });
  await client.pull("realisasi", () => undefined);
  await client.pull("dipa", () => undefined);
  expect(server.requests.length).toBeGreaterThan(12);
  expect(server.requests.map((r) => r.headers["cache-control"] ?? null)).toEqual(server.requests.map(() => null));
  expect(server.requests.every((r) => r.headers.pragma === undefined)).toBe(true);

  server.requests.length = 0;
  await client.pull("realisasi", () => undefined, { fresh: true });
  await client.pull("dipa", () => undefined, { fresh: true });
  expect(server.requests.length).toBeGreaterThan(12);
  expect(server.requests.every((r) => r.headers["cache-control"] === "no-cache")).toBe(true);
});

test("window 1's generation is named on every later window of the pull, and only of that pull", async () => {
  // Window 1 says g7; a window of the first round says another one (it was asked before any answer).
  server = await startScriptedServer(proxyLike(1200, (from) => (from === 101 ? "g8" : "g7")));
  const client = new OmspanClient({ baseUrl: server.baseUrl, key: KEY, pageSize: 100, concurrency: 3 });
  await client.pull("realisasi", () => undefined);
  const firstRound = server.requests.filter((r) => fromOf(r.url) <= 201);
  const later = server.requests.filter((r) => fromOf(r.url) > 201);
  expect(firstRound).toHaveLength(3);
  expect(firstRound.every((r) => r.headers["omspan-generation"] === undefined)).toBe(true);
  expect(later.length).toBeGreaterThan(8);
  expect(later.every((r) => r.headers["omspan-generation"] === "g7")).toBe(true);

  // A new pull learns its own generation afresh.
  server.requests.length = 0;
  await client.pull("realisasi", () => undefined);
  expect(server.requests.filter((r) => fromOf(r.url) <= 201).every((r) => r.headers["omspan-generation"] === undefined)).toBe(true);
});

test("a retried window of the first round names the generation once window 1 has answered", async () => {
  let failed = false;
  const base = proxyLike(500);
  server = await startScriptedServer((url) => {
    if (fromOf(url) === 201 && !failed) {
      failed = true;
      return { status: 503, body: "{}", headers: { "retry-after": "0" } };
    }
    return base(url);
  });
  const client = new OmspanClient({ baseUrl: server.baseUrl, key: KEY, pageSize: 100, concurrency: 3, retry: { baseMs: 30 } });
  await client.pull("realisasi", () => undefined);
  const asked = server.requests.filter((r) => fromOf(r.url) === 201);
  expect(asked.map((r) => r.headers["omspan-generation"] ?? null)).toEqual([null, "g7"]);
});

test("answers that name no generation (OMSPAN itself, a proxy without the shared cache) make the client name none", async () => {
  server = await startScriptedServer(proxyLike(800, () => undefined));
  const client = new OmspanClient({ baseUrl: server.baseUrl, key: KEY, pageSize: 100, concurrency: 2 });
  await client.pull("realisasi", () => undefined, { fresh: true });
  expect(server.requests.every((r) => r.headers["omspan-generation"] === undefined)).toBe(true);
});
