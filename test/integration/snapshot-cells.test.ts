/**
 * A bad day, end to end: formula cells as Excel calls them (the custom-functions stand-in), through the
 * add-in's shared runtime — a fresh one per opened workbook, all keeping snapshots in the origin's
 * IndexedDB (fake-indexeddb) — the real proxy server and the simulator:
 *  - 10,000 cells settle from snapshots with zero upstream requests once the upstream is gone (the whole
 *    stack stopped, or only OMSPAN behind the proxy), equal to what they showed when pulled; ASOF gives
 *    the snapshot's time and the stale marker;
 *  - a workbook opening answers from the newest snapshot without pulling, until Refresh;
 *  - a refused key is never answered from a snapshot;
 *  - damaged, cut-off and old-layout snapshots are discarded and the cells pull.
 */
import "fake-indexeddb/auto";
import { dateToExcelDateTime } from "../../src/omspan/convert";
import { keyTag } from "../../src/omspan/store/store";
import { mintKey } from "../../src/simulator";
import type { Arg } from "../support/custom-functions-fake";
import { openRuntime, rewriteRecord, type Runtime } from "../support/runtimes";
import { startStack, type Stack } from "../support/stack";

let stack: Stack;
const warnings: string[] = [];
let warnSpy: jest.SpyInstance;

beforeAll(async () => {
  stack = await startStack();
  warnSpy = jest.spyOn(console, "warn").mockImplementation((...a: unknown[]) => void warnings.push(a.map(String).join(" ")));
});
afterAll(async () => {
  warnSpy.mockRestore();
  await stack?.close().catch(() => undefined);
});

const SATKERS = ["600001", "600002", "600003", "600010", "601234", ""];
const AKUN = ["5", "51", "52", "53", "521211", "524*", "-511*", ""];

function cellOf(i: number): [string, Arg[]] {
  const s = SATKERS[i % SATKERS.length]!;
  const a = AKUN[Math.floor(i / 5) % AKUN.length]!;
  switch (i % 4) {
    case 0: return ["REALISASI", [s, a]];
    case 1: return ["PAGU", [s, a]];
    case 2: return ["SISA", [s, a]];
    default: return ["REALISASI.BULAN", [s, a, (i % 12) + 1, i % 2 === 0]];
  }
}
const CELLS = Array.from({ length: 10_000 }, (_, i) => cellOf(i));

async function recalc(rt: Runtime): Promise<unknown[]> {
  const settled = await Promise.allSettled(CELLS.map(([id, args]) => rt.excel.value1(id, ...args)));
  return settled.map((s) => (s.status === "fulfilled" ? s.value : { error: (s.reason as { code: string }).code }));
}

const upstreamRequests = () => stack.upstreamLog.filter((l) => /RealisasiKL|DipaBelanjaKL/.test(l)).length;

let shown: unknown[];
let pulledAt: { realisasi: number; dipa: number };

test("a workbook pulls: every good pull is kept; a reopened workbook answers from the snapshots without pulling, until Refresh", async () => {
  const first = await openRuntime();
  await first.session.connect({ baseUrl: stack.proxyBase, key: stack.key });
  shown = await recalc(first);
  expect(shown.filter((v) => typeof v === "number").length).toBeGreaterThan(9_000);
  expect(first.session.store.pulls).toBe(2);
  expect(await first.excel.value1("ASOF", "realisasi", "status")).toBe("fresh");
  pulledAt = {
    realisasi: dateToExcelDateTime(first.session.store.asOf("realisasi")!.fetchedAt),
    dipa: dateToExcelDateTime(first.session.store.asOf("dipa")!.fetchedAt),
  };
  await first.session.store.settled();
  expect((await first.session.snapshotUsage()).count).toBe(2);

  // The next morning: the workbook opens while OMSPAN answers, and its cells still do not wait for it.
  const reopened = await openRuntime();
  await reopened.session.connect({ baseUrl: stack.proxyBase, key: stack.key });
  const before = upstreamRequests();
  expect(await recalc(reopened)).toEqual(shown);
  expect([reopened.session.store.pulls, upstreamRequests() - before]).toEqual([0, 0]);
  expect(await reopened.excel.value1("ASOF", "realisasi", "status")).toBe("snapshot");
  expect(await reopened.excel.value1("ASOF", "realisasi")).toBe(pulledAt.realisasi);
  expect(await reopened.excel.value1("ASOF", "realisasi", "usang")).toBe(false);
  // Refresh: pulled again, fresh.
  reopened.session.store.invalidate();
  expect(await recalc(reopened)).toEqual(shown);
  expect(reopened.session.store.pulls).toBe(2);
  expect(await reopened.excel.value1("ASOF", "dipa", "status")).toBe("fresh");
  await reopened.session.store.settled();
});

test("OMSPAN stops behind the proxy: Refresh answers 10,000 cells from the snapshot, stale, with zero upstream requests", async () => {
  const rt = await openRuntime();
  await rt.session.connect({ baseUrl: stack.proxyBase, key: stack.key });
  await stack.sim.close();
  const before = stack.upstreamLog.length;
  rt.session.store.invalidate(); // the user's Refresh
  expect(await recalc(rt)).toEqual(shown);
  expect(stack.upstreamLog.length - before).toBe(0);
  expect(rt.session.store.staleAnswers().map((a) => [a.dataset, a.asOf.stale?.reason])).toEqual(
    expect.arrayContaining([["realisasi", "unreachable"], ["dipa", "unreachable"]]),
  );
  expect(await rt.excel.value1("ASOF", "realisasi", "status")).toBe("stale");
  expect(await rt.excel.value1("ASOF", "realisasi", "usang")).toBe(true);
  // The newest snapshot's time: the reopened workbook's refresh of the first test.
  expect(await rt.excel.value1("ASOF", "dipa")).toBeGreaterThanOrEqual(pulledAt.dipa);
});

test("the whole stack is gone: a workbook opened now connects offline and its 10,000 cells settle from the snapshots", async () => {
  await stack.server.close();
  const rt = await openRuntime();
  const claims = await rt.session.connect({ baseUrl: stack.proxyBase, key: stack.key });
  expect(claims.kdt).toBe("2026");
  expect(rt.session.getSnapshot()).toMatchObject({ status: "connected", offline: { code: "unreachable" } });
  expect(await recalc(rt)).toEqual(shown);
  expect(rt.session.store.pulls).toBe(0);
  expect(await rt.excel.value1("ASOF", "realisasi", "status")).toBe("stale");
  expect(rt.session.store.status().offline?.reason).toBe("unreachable");
});

test("a refused key is never answered from a snapshot, and a key without snapshots does not connect offline", async () => {
  stack = await startStack();
  const rt = await openRuntime();
  await rt.session.connect({ baseUrl: stack.proxyBase, key: stack.key });
  await recalc(rt);
  await rt.session.store.settled();
  expect((await rt.session.snapshotUsage()).count).toBeGreaterThan(0);
  // OMSPAN now refuses the key (revoked): a proxy in front of a simulator signing with another secret.
  const revoked = await startStack({ secret: "another-secret-than-the-first-simulator" });
  try {
    const later = await openRuntime();
    await expect(later.session.connect({ baseUrl: revoked.proxyBase, key: stack.key })).rejects.toMatchObject({ code: "key-refused" });
    await expect(later.excel.value1("REALISASI", "600001", "52")).rejects.toMatchObject({ code: "#VALUE!" });
    // A live runtime whose key becomes refused: Refresh gets the refusal, not the snapshot.
    (rt.session as unknown as { conn: { baseUrl: string; key: string } }).conn = { baseUrl: revoked.proxyBase, key: stack.key };
    rt.session.store.invalidate();
    const cells = await Promise.allSettled(CELLS.slice(0, 200).map(([id, args]) => rt.excel.value1(id, ...args)));
    expect(cells.every((c) => c.status === "rejected" && /refused|ditolak/.test((c.reason as Error).message))).toBe(true);
    expect(rt.session.store.staleAnswers()).toEqual([]);
    // Unreachable with a key that has no snapshots here: not connected.
    const stranger = await mintKey("yet-another-secret-for-a-stranger", { year: 2026 });
    await revoked.close();
    const fresh = await openRuntime();
    await expect(fresh.session.connect({ baseUrl: revoked.proxyBase, key: stranger })).rejects.toMatchObject({ code: "unreachable" });
  } finally {
    await revoked.close().catch(() => undefined);
  }
});

test("damaged, cut-off and old-layout snapshots are discarded with a warning and the cells pull", async () => {
  const rt = await openRuntime();
  await rt.session.connect({ baseUrl: stack.proxyBase, key: stack.key });
  const mine = keyTag(stack.key);
  const realisasi = await rt.session.store.snapshots!.list({ keyTag: mine, dataset: "realisasi" });
  const dipa = await rt.session.store.snapshots!.list({ keyTag: mine, dataset: "dipa" });
  expect(realisasi.length).toBeGreaterThan(0);
  // Every Realisasi snapshot damaged (a byte flipped in a section, or cut short); every DIPA one of an older layout.
  for (const [i, s] of realisasi.entries()) {
    await rewriteRecord<ArrayBuffer>("sections", [s.id, 3], (b) => {
      if (i % 2) return b.slice(0, b.byteLength - 8);
      const copy = new Uint8Array(b.slice(0));
      copy[Math.floor(copy.length / 2)]! ^= 0x55;
      return copy.buffer;
    });
  }
  for (const s of dipa) {
    await rewriteRecord<{ headerText: string }>("snapshots", s.id, (r) => ({ ...r, headerText: r.headerText.replace('"schema":1,', '"schema":0,') }));
  }
  warnings.length = 0;
  const before = upstreamRequests();
  expect(await recalc(rt)).toEqual(shown);
  expect(rt.session.store.pulls).toBe(2);
  expect(upstreamRequests() - before).toBeGreaterThan(1);
  expect(await rt.excel.value1("ASOF", "realisasi", "status")).toBe("fresh");
  const text = warnings.join("\n");
  expect(text).toMatch(/checksum|missing or short/);
  expect(text).toMatch(/older snapshot layout/);
  expect(text).not.toContain(stack.key);
  await rt.session.store.settled();
  // The broken ones are gone; the new pulls are kept.
  const left = await rt.session.store.snapshots!.list({ keyTag: mine });
  expect(left.filter((s) => realisasi.some((r) => r.id === s.id) || dipa.some((d) => d.id === s.id))).toEqual([]);
  expect(left.map((s) => s.dataset).sort()).toEqual(["dipa", "realisasi"]);
});
