/**
 * Rekonsiliasi on the simulator: a satker's raw Realisasi rows (the pages as the simulator sends them)
 * made into a ledger and changed on purpose (test/support/reconcile-cases.ts). The matcher, over the table
 * the Store pulls, finds exactly those changes, and every akun × month's difference equals what the changes
 * make of it, worked out from the raw rows alone. The report built from it evaluates (SUMIFS over its copy
 * of the ledger, OMSPAN.REALISASI.BULAN through the formula catalogue) to the same ledger and OMSPAN sums,
 * and lists exactly the unmatched rows.
 */
import { OmspanClient } from "../../src/omspan/wire/client";
import { dataSource } from "../../src/omspan/formulas";
import { dayOfIso, omspanRows, parseCsv, readLedger, reconcile, type ReconcileResult } from "../../src/omspan/reconcile";
import { gridBook, isSheetError, recalculateWithOmspan, valuesByCell } from "../../src/omspan/sheet-calc";
import { Store, type Connection } from "../../src/omspan/store";
import { REKONSILIASI } from "../../src/omspan/templates";
import type { Table } from "../../src/omspan/columnar/table";
import { startSimulator, type RunningSimulator } from "../../src/simulator";
import { ledgerMatrix, reconcileCase, type ReconcileCase } from "../support/reconcile-cases";
import { rawRealisasi } from "../support/stack";

let sim: RunningSimulator;
let conn: Connection;
let store: Store;
let realisasi: Table;
let raw: Record<string, string>[];
let kase: ReconcileCase;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, host: "127.0.0.1", profile: "demo" });
  conn = { baseUrl: sim.baseUrl, key: await sim.mintKey({ year: 2026 }) };
  store = new Store((c) => new OmspanClient(c));
  realisasi = (await store.get(conn, "realisasi")).table;
  raw = await rawRealisasi(sim.baseUrl, conn.key);
  kase = reconcileCase(raw, "600001", "2026-01-01", "2026-06-30");
}, 60_000);
afterAll(() => sim?.close());

const csvOf = (rows: unknown[][]) => rows.map((r) => r.map((v) => (String(v).includes(";") ? `"${v}"` : String(v))).join(";")).join("\r\n");

function run(): ReconcileResult {
  const read = readLedger(parseCsv(csvOf(ledgerMatrix(kase, { lang: "id", dates: "text", amounts: "text" }))));
  expect(read.bad).toEqual([]);
  const [from, to] = [dayOfIso(kase.from), dayOfIso(kase.to)];
  return reconcile({ ledger: read.rows, omspan: omspanRows(realisasi, [kase.satker], from - 3, to + 3), satker: kase.satker, from, to, toleranceDays: 3 });
}

test("the matcher finds exactly the changes made: dropped, changed and far-moved rows unmatched; near moves, the split and the netted correction matched", () => {
  const r = run();
  expect(r.unmatched.omspan.map((o) => String(o.rownum)).sort()).toEqual(kase.unmatchedOmspan);
  expect(r.unmatched.ledger.map((l) => l.reference).sort()).toEqual(kase.unmatchedLedger);
  expect(r.matched.split).toBe(1);
  expect(r.matched.correction).toBe(1);
  expect(r.considered.omspan).toBe(kase.omspan.length);
  expect(r.considered.ledger).toBe(kase.ledger.length);
});

test("every akun × month's sums and difference equal the raw rows' and the changes'; the difference is explained by the lists", () => {
  const r = run();
  const got = new Map(r.summary.map((l) => [`${l.akun}|${l.month}`, l]));
  expect([...got.keys()].sort()).toEqual([...kase.cells.keys()].sort());
  for (const [k, want] of kase.cells) {
    const line = got.get(k)!;
    expect([k, BigInt(line.ledger), BigInt(line.omspan), BigInt(line.difference)]).toEqual([k, want.ledger, want.omspan, want.difference]);
    expect(line.difference).toBe(line.unmatchedLedger.amount - line.unmatchedOmspan.amount + line.elsewhere);
  }
  // Every change lands somewhere: the months it touched are exactly the months with a difference.
  const differing = [...kase.cells].filter(([, c]) => c.difference !== 0n).map(([k]) => k).sort();
  expect(r.summary.filter((l) => l.difference !== 0).map((l) => `${l.akun}|${l.month}`).sort()).toEqual(differing);
  expect(differing.length).toBeGreaterThanOrEqual(5);
});

test("the report: SUMIFS over its copy of the ledger and OMSPAN's formulas evaluate to the same sums; the lists hold exactly the unmatched rows", async () => {
  const read = readLedger(parseCsv(csvOf(ledgerMatrix(kase, { lang: "en", dates: "text", amounts: "text" }))));
  const request = {
    template: "rekonsiliasi" as const, satker: kase.satker, from: kase.from, to: kase.to, toleranceDays: 3, lang: "id" as const,
    ledger: { at: "buku.csv", file: "buku.csv", columns: { akun: "Account", date: "Date", amount: "Amount", reference: "Document no." } },
  };
  const { grid, result } = REKONSILIASI.build(request, { realisasi, ledger: read });
  const calc = await recalculateWithOmspan(gridBook(grid), async (ids) => dataSource(...(await Promise.all(ids.map((d) => store.get(conn, d))))));
  expect(calc.unevaluated).toEqual([]);
  const at = valuesByCell(calc.results);
  const v = (r: number, c: number) => at(grid.sheetName, r, c);
  const head = grid.cells.findIndex((row) => row[0]?.value === "Akun" && row[2]?.value === "Buku");
  expect(head).toBeGreaterThan(0);
  for (let i = 0; i < result.summary.length; i++) {
    const r = head + 1 + i;
    const k = `${grid.cells[r]![0]!.value}|${grid.cells[r]![1]!.value}`;
    const want = kase.cells.get(k)!;
    expect([k, v(r, 2), v(r, 3), v(r, 4)]).toEqual([k, Number(want.ledger), Number(want.omspan), Number(want.difference)]);
  }
  expect(calc.results.some((x) => isSheetError(x.value))).toBe(false);
  expect(grid.conditional).toEqual([{ range: expect.stringMatching(/^E\d+:E\d+$/), rule: "nonzero" }]);
  // The lists: OMSPAN's rows by their ROWNUM (column E), the ledger's by their reference (column D).
  const section = (title: RegExp) => {
    const start = grid.cells.findIndex((row) => typeof row[0]?.value === "string" && title.test(row[0].value));
    const out: (string | number | undefined)[][] = [];
    for (let r = start + 2; grid.cells[r]?.[0] && grid.cells[r]![0]!.style !== "group"; r++) out.push(grid.cells[r]!.map((c) => c?.value));
    return out;
  };
  expect(section(/^Transaksi OMSPAN yang tidak ada di buku/).map((r) => String(r[4])).sort()).toEqual(kase.unmatchedOmspan);
  expect(section(/^Transaksi buku yang tidak ada di OMSPAN/).map((r) => String(r[3])).sort()).toEqual(kase.unmatchedLedger);
  // The parameters a refresh reads back: the copy's address and its columns.
  expect(grid.cells[7]![1]!.value).toMatch(/^A\d+:F\d+$/);
  expect(grid.cells[8]![1]!.value).toBe("satker=satker; akun=akun; tanggal=tanggal; jumlah=jumlah; referensi=referensi");
});
