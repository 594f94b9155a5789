/**
 * 10,000 cells of every kind recalculated at once, through the custom-functions entry points as Excel
 * calls them: one pull per dataset for all of them (SISA and PENYERAPAN share PAGU's and REALISASI's);
 * with the pulls failing, every one of the 10,000 settles with an error — nothing stays #BUSY! — and a
 * cell asking again pulls again, once.
 */
import { session } from "../../src/shared-runtime";
import { startSimulator, type RunningSimulator } from "../../src/simulator";
import { CustomFunctionsRuntime, OMITTED, type Arg } from "../support/custom-functions-fake";

let excel: CustomFunctionsRuntime;
let sim: RunningSimulator;
let broken: RunningSimulator;
const upstream: string[] = [];
let key: string;

beforeAll(async () => {
  excel = await CustomFunctionsRuntime.load();
  sim = await startSimulator({ port: 0, host: "127.0.0.1", profile: "demo", log: (l) => upstream.push(l) });
  // Every answer a maintenance page: each pull fails at its first request.
  broken = await startSimulator({ port: 0, host: "127.0.0.1", profile: "demo", faults: { htmlRate: 1 } });
  key = await sim.mintKey({ year: 2026 });
  await session.connect({ baseUrl: sim.baseUrl, key });
});
afterAll(async () => {
  await session.disconnect();
  await sim?.close();
  await broken?.close();
});

const SATKERS = ["600001", "600002", "600003", "600010", "601234", "999999", 600001, ""];
const AKUN = ["5", "51", "52", "53", "521211", "524*", "-511*", ""];

/** The i-th cell of a mixed workbook. */
function cellOf(i: number): [string, Arg[]] {
  const s = SATKERS[i % SATKERS.length]!;
  const a = AKUN[Math.floor(i / 7) % AKUN.length]!;
  switch (i % 9) {
    case 0: return ["REALISASI", [s, a]];
    case 1: return ["PAGU", [s, a]];
    case 2: return ["SISA", [s, a]];
    case 3: return ["PENYERAPAN", [s || "600001", a || "5"]];
    case 4: return ["REALISASI.BULAN", [s, a, (i % 12) + 1, i % 2 === 0]];
    case 5: return ["DANA", [s, a, "TERSEDIA"]];
    case 6: return ["IKPA", ["600001", OMITTED, (i % 6) + 1]];
    case 7: return ["PNBP", ["600001", "42"]];
    default: return ["REALISASI", [s, a, OMITTED, OMITTED, "sumber=A"]];
  }
}

const routeCount = (route: string) => upstream.filter((l) => l.includes(route)).length;

test("10,000 concurrent cells of every kind cost one pull per dataset", async () => {
  session.store.invalidate();
  const pulls = session.store.pulls;
  const before = { dipa: routeCount("DipaBelanjaKL"), fa: routeCount("DataFA"), ikpa: routeCount("CapaianIKSatkerRe"), pnbp: routeCount("DetailPNBP") };
  const cells = Array.from({ length: 10_000 }, (_, i) => cellOf(i));
  const settled = await Promise.allSettled(cells.map(([id, args]) => excel.call(id, ...args)));
  const failed = settled.filter((s) => s.status === "rejected");
  // PENYERAPAN of 999999 (no pagu) is #DIV/0!; IKPA of a period not yet scored is #N/A; nothing else fails.
  for (const f of failed) expect((f as PromiseRejectedResult).reason.code).toMatch(/^#(DIV\/0!|N\/A)$/);
  expect(failed.length).toBeLessThan(2000);
  expect(settled.filter((s) => s.status === "fulfilled").every((s) => typeof (s as PromiseFulfilledResult<unknown[][]>).value[0]![0] === "number")).toBe(true);
  // realisasi, dipa, dana, ikpa-satker, pnbp: five datasets, five pulls.
  expect(session.store.pulls - pulls).toBe(5);
  expect(routeCount("DipaBelanjaKL") - before.dipa).toBe(1);
  expect(routeCount("DataFA") - before.fa).toBe(1);
  expect(routeCount("CapaianIKSatkerRe") - before.ikpa).toBe(1);
  expect(routeCount("DetailPNBP") - before.pnbp).toBe(1);
});

test("with the pulls failing, all 10,000 settle with an error; asking again pulls again once", async () => {
  (session as unknown as { conn: { baseUrl: string; key: string } }).conn = { baseUrl: broken.baseUrl, key };
  session.store.invalidate();
  const pulls = session.store.pulls;
  const cells = Array.from({ length: 10_000 }, (_, i) => cellOf(i));
  const settled = await Promise.allSettled(cells.map(([id, args]) => excel.call(id, ...args)));
  expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(0);
  for (const s of settled) {
    const reason = (s as PromiseRejectedResult).reason as { code: string; message: string };
    if (reason.code !== "#N/A") throw new Error(`${reason.code}: ${reason.message}`);
    expect(reason.message).toMatch(/could not be read|tidak dapat dibaca/);
  }
  expect(session.store.pulls - pulls).toBe(5);
  // The failed pulls were not kept: the next recalculation tries again, once per dataset.
  const again = await Promise.allSettled(Array.from({ length: 100 }, () => excel.call("REALISASI", "600001", "52")));
  expect(again.every((s) => s.status === "rejected")).toBe(true);
  expect(session.store.pulls - pulls).toBe(6);
});
