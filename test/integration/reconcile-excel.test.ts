/**
 * Rekonsiliasi through the pane's adapter on the Excel stand-in (the real office.js), against the real
 * simulator and proxy: a ledger made from a satker's raw rows and changed on purpose (reconcile-cases.ts)
 * is put on a sheet, selected, read in blocks, its columns found by their headers (English on a range,
 * Indonesian in a table), and the report built. What the written sheet computes — SUMIFS over the user's
 * range or over the report's copy, OMSPAN.REALISASI.BULAN through the catalogue — equals the raw rows'
 * sums; the lists hold exactly the changes; a bad row is named with its row. *Refresh* rebuilds the sheet
 * from what its parameter cells say after the ledger changed, and so does *Refresh workbook*. Selections of several areas, of one cell
 * outside a table or of too many cells are refused with a message; every request stays under 3.5 MB.
 */
import { reconcileAdapter } from "../../src/excel/reconcile-build";
import { RECONCILE_MARK, reconciliationSheets } from "../../src/excel/reconcile-sheet";
import { runExcel } from "../../src/excel/excel-run";
import { refreshScope } from "../../src/excel/refresh";
import { mappingNames, readLedger, type ReconcileRequest } from "../../src/omspan/reconcile";
import { installExcelStandin, type ExcelStandin } from "../support/excel-standin";
import { ledgerMatrix, reconcileCase, type ReconcileCase } from "../support/reconcile-cases";
import { computeStandin } from "../support/standin-calc";
import { rawRealisasi, startStack, type Stack } from "../support/stack";
import { tableDeps } from "../support/tables";

let stack: Stack;
let kase: ReconcileCase;
let xl: ExcelStandin;
beforeAll(async () => {
  stack = await startStack();
  kase = reconcileCase(await rawRealisasi(stack.sim.baseUrl, stack.key), "600001", "2026-01-01", "2026-06-30");
}, 60_000);
afterAll(() => stack?.close());
beforeEach(() => (xl = installExcelStandin({ sheets: ["Buku"] })));
afterEach(() => xl.uninstall());

const conn = () => ({ baseUrl: stack.proxyBase, key: stack.key });

function requestFor(rows: readonly (readonly unknown[])[], at: string, lang: "id" | "en"): ReconcileRequest {
  const read = readLedger(rows);
  return { template: "rekonsiliasi", satker: kase.satker, from: kase.from, to: kase.to, toleranceDays: 3, lang, ledger: { at, columns: mappingNames(read.mapping, read.header) as ReconcileRequest["ledger"]["columns"] } };
}

/** The report's summary lines and lists as the written sheet computes and holds them. */
async function readReport(sheet: string, d: ReturnType<typeof tableDeps>) {
  const { at, unevaluated } = await computeStandin(xl, d.store, conn());
  const s = xl.model.sheet(sheet)!;
  const cell = (r: number, c: number) => s.get(r, c);
  let head = 0;
  while (!(cell(head, 0)?.v === "Akun" || cell(head, 0)?.v === "Account") || cell(head, 1)?.v === "") head++;
  const lines = new Map<string, number[]>();
  for (let r = head + 1; cell(r, 2)?.f?.startsWith("=SUMIFS("); r++) lines.set(`${cell(r, 0)!.v}|${cell(r, 1)!.v}`, [2, 3, 4].map((c) => at(sheet, r, c) as number));
  const list = (title: RegExp, col: number) => {
    let r = 0;
    while (!(typeof cell(r, 0)?.v === "string" && title.test(cell(r, 0)!.v as string))) r++;
    const out: string[] = [];
    for (r += 2; cell(r, 0) && cell(r, 0)!.v !== "" && !/\(\d+\)$/.test(String(cell(r, 0)!.v)); r++) out.push(String(cell(r, col)?.v ?? ""));
    return out;
  };
  return { lines, list, unevaluated };
}

function expectSums(lines: Map<string, number[]>, c: ReconcileCase): void {
  expect([...lines.keys()].sort()).toEqual([...c.cells.keys()].sort());
  for (const [k, want] of c.cells) expect([k, ...lines.get(k)!]).toEqual([k, Number(want.ledger), Number(want.omspan), Number(want.difference)]);
}

test("English headers on a selected range (dates and amounts as numbers): SUMIFS over the user's range, the lists, the mark, requests under 3.5 MB", async () => {
  const rows = ledgerMatrix(kase, { lang: "en", dates: "serial", amounts: "number" });
  xl.put("Buku!A1", rows);
  xl.select(`Buku!A1:F${rows.length}`);
  const d = tableDeps(conn, "en");
  const adapter = reconcileAdapter(d);
  const sel = await adapter.readSelection();
  if (!sel.ok) throw new Error(sel.error);
  expect(sel.ledger.at).toBe(`Buku!A1:F${rows.length}`);
  expect(sel.ledger.rows).toHaveLength(rows.length);
  const request = requestFor(sel.ledger.rows, sel.ledger.at, "en");
  expect(request.ledger.columns).toEqual({ satker: "Work unit", akun: "Account", date: "Date", amount: "Amount", reference: "Document no." });
  const out = await adapter.build(request);
  if (!out.ok) throw new Error(out.error);
  expect(out.sheet).toBe("Reconcile 600001 Jun");
  const sheet = xl.model.sheet(out.sheet)!;
  // Live: the summary sums the user's own range.
  expect(sheet.get(13, 2)!.f).toMatch(/^=SUMIFS\('Buku'!\$E\$3:\$E\$\d+,'Buku'!\$B\$3:\$B\$\d+,\$A14,'Buku'!\$C\$3:\$C\$\d+,">="&MAX\(DATE\(2026,\$B14,1\),\$B\$5\)/);
  const { lines, list, unevaluated } = await readReport(out.sheet, d);
  expect(unevaluated).toBe(0);
  expectSums(lines, kase);
  expect(list(/^OMSPAN transactions not in the ledger/, 4).sort()).toEqual(kase.unmatchedOmspan);
  expect(list(/^Ledger transactions not in OMSPAN/, 3).sort()).toEqual(kase.unmatchedLedger);
  expect(xl.layout(out.sheet).conditional.map((c) => [c.type, c.rule?.operator])).toEqual([["CellValue", "NotEqualTo"]]);
  const marked = await runExcel((ctx) => reconciliationSheets(ctx));
  expect(marked.map((m) => [m.name, m.extent])).toEqual([[out.sheet, `A1:H${sheet.used(true)!.rows}`]]);
  expect(sheet.names.get(RECONCILE_MARK.toLowerCase())!.visible).toBe(false);
  expect(Math.max(...xl.syncs.map((s) => s.requestBytes))).toBeLessThan(3_500_000);
  expect(Math.max(...xl.syncs.map((s) => s.responseBytes))).toBeLessThan(3_500_000);
});

test("Indonesian headers in a table, dates and amounts as text, a bad row: one cell selects the table; the report sums its copy and names the row", async () => {
  const rows = ledgerMatrix(kase, { lang: "id", dates: "text", amounts: "text" });
  // A copy of a line with an impossible date, as sheet row 6.
  rows.splice(5, 0, [...rows[5]!.slice(0, 2), "31/02/2026", ...rows[5]!.slice(3)]);
  xl.put("Buku!A1", rows);
  await runExcel(async (ctx) => {
    ctx.workbook.tables.add(`Buku!A2:F${rows.length}`, true).name = "BukuKas";
    await ctx.sync();
  });
  xl.select("Buku!C40");
  const d = tableDeps(conn, "id");
  const adapter = reconcileAdapter(d);
  const sel = await adapter.readSelection();
  if (!sel.ok) throw new Error(sel.error);
  expect(sel.ledger.at).toBe("BukuKas");
  expect(sel.ledger.firstRow).toBe(2);
  const request = requestFor(sel.ledger.rows, sel.ledger.at, "id");
  expect(request.ledger.columns).toEqual({ satker: "Kode Satker", akun: "Akun", date: "Tanggal", amount: "Jumlah", reference: "No. Bukti" });
  const out = await adapter.build(request);
  if (!out.ok) throw new Error(out.error);
  const { lines, list } = await readReport(out.sheet, d);
  // The copied row 6 (sheet row 6) is the bad one: the rest is the case's ledger.
  expectSums(lines, kase);
  expect(list(/^Baris buku yang tidak terbaca/, 0)).toEqual(["6"]);
  expect(list(/^Baris buku yang tidak terbaca/, 1)[0]).toMatch(/tanggal "31\/02\/2026" bukan tanggal/);
  expect(xl.model.sheet(out.sheet)!.get(7, 1)!.v).toBe("BukuKas");
  expect(xl.model.sheet(out.sheet)!.get(13, 2)!.f).toMatch(/^=SUMIFS\(\$D\$\d+:\$D\$\d+,\$B\$\d+:\$B\$\d+,\$A14,/);
});

test("Refresh rebuilds the sheet from its parameter cells after the ledger changed: a row dropped is listed, the extent moves", async () => {
  const rows = ledgerMatrix(kase, { lang: "en", dates: "serial", amounts: "number" });
  xl.put("Buku!A1", rows);
  xl.select(`Buku!A1:F${rows.length}`);
  const d = tableDeps(conn, "en");
  const adapter = reconcileAdapter(d);
  const sel = await adapter.readSelection();
  if (!sel.ok) throw new Error(sel.error);
  const out = await adapter.build(requestFor(sel.ledger.rows, sel.ledger.at, "en"));
  if (!out.ok) throw new Error(out.error);
  // The user blanks a ledger line (its reference is SP2D-<ROWNUM>) and widens the tolerance to 9 days.
  const victim = rows.findIndex((r, i) => i > 1 && /^SP2D-\d+$/.test(String(r[5])));
  const rownum = String(rows[victim]![5]).slice(5);
  xl.put(`Buku!A${victim + 1}`, [["", "", "", "", "", ""]]);
  xl.put(`'${out.sheet}'!B7`, [[9]]);
  const [outcome] = await adapter.refresh();
  expect(outcome).toMatchObject({ sheet: out.sheet, ok: true, balanced: false });
  const { list } = await readReport(out.sheet, d);
  // With 9 days, the far-moved row matches again; the blanked line's OMSPAN row is now unmatched.
  const beyond = kase.changes.beyond!.map((r) => r.slice(5));
  expect(list(/^OMSPAN transactions not in the ledger/, 4).sort()).toEqual([...kase.unmatchedOmspan.filter((r) => !beyond.includes(r)), rownum].sort());
  const marked = await runExcel((ctx) => reconciliationSheets(ctx));
  expect(marked[0]!.extent).toBe(`A1:H${xl.model.sheet(out.sheet)!.used(true)!.rows}`);
});

test("Refresh workbook (the one refresh of tables and formulas) rebuilds every reconciliation from its pull; a wrong parameter is a warning and leaves that sheet as it was", async () => {
  const rows = ledgerMatrix(kase, { lang: "en", dates: "serial", amounts: "number" });
  xl.put("Buku!A1", rows);
  xl.select(`Buku!A1:F${rows.length}`);
  const d = tableDeps(conn, "en");
  const adapter = reconcileAdapter(d);
  const sel = await adapter.readSelection();
  if (!sel.ok) throw new Error(sel.error);
  const first = await adapter.build(requestFor(sel.ledger.rows, sel.ledger.at, "en"));
  const second = await adapter.build(requestFor(sel.ledger.rows, sel.ledger.at, "en"));
  if (!first.ok || !second.ok) throw new Error("build failed");
  const victim = rows.findIndex((r, i) => i > 1 && /^SP2D-\d+$/.test(String(r[5])));
  const rownum = String(rows[victim]![5]).slice(5);
  xl.put(`Buku!A${victim + 1}`, [["", "", "", "", "", ""]]);
  xl.put(`'${second.sheet}'!B9`, [["tanggal=Tanggal; jumlah=Jumlah"]]);
  const before = xl.snapshot(second.sheet);
  const summary = await refreshScope(d, "workbook");
  expect(summary.reports).toEqual([
    { sheet: first.sheet, ok: true, balanced: false },
    { sheet: second.sheet, ok: false, error: expect.stringMatching(/B9: the account column is not named/) },
  ]);
  expect(summary.warnings.filter((w) => w.startsWith(`${second.sheet}: `) && /B9: the account column is not named/.test(w))).toHaveLength(1);
  expect(xl.snapshot(second.sheet)).toBe(before);
  const { list } = await readReport(first.sheet, d);
  expect(list(/^OMSPAN transactions not in the ledger/, 4)).toContain(rownum);
});

test("several areas, one cell outside a table and a parameter that is wrong are refused with a message; the sheet is left as it was", async () => {
  xl.put("Buku!A1", [["Akun", "Tanggal", "Jumlah"], ["521211", "02/03/2026", "1.000"]]);
  const adapter = reconcileAdapter(tableDeps(conn, "en"));
  xl.select("Buku!A1:A2,C1:C2");
  expect(await adapter.readSelection()).toEqual({ ok: false, error: expect.stringMatching(/2 separate ranges: select the ledger as one range/) });
  xl.select("Buku!B2");
  expect(await adapter.readSelection()).toEqual({ ok: false, error: expect.stringMatching(/is one cell: select the ledger with its header row, or click in its table/) });
  xl.select("Buku!A1:C2");
  const sel = await adapter.readSelection();
  if (!sel.ok) throw new Error(sel.error);
  const request = { ...requestFor(sel.ledger.rows, sel.ledger.at, "en"), from: "2026-03-01", to: "2026-03-31" };
  const out = await adapter.build(request);
  if (!out.ok) throw new Error(out.error);
  xl.put(`'${out.sheet}'!B9`, [["tanggal=Tanggal; jumlah=Jumlah"]]);
  const before = xl.snapshot(out.sheet);
  const [outcome] = await adapter.refresh();
  expect(outcome).toEqual({ sheet: out.sheet, ok: false, error: expect.stringMatching(/B9: the account column is not named/) });
  expect(xl.snapshot(out.sheet)).toBe(before);
});
