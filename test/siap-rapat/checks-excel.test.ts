/**
 * Siap Rapat in Excel, on the stand-in (the real office.js against a workbook model as strict as Excel),
 * with reports built by the report writer and an OMSPAN table, against the real simulator: the flow
 * (refresh, read in blocks, check, write the marked `Siap Rapat` sheet with links) on a workbook that
 * passes; a cell typed over so a total no longer ties; an OMSPAN cell showing an error; a refresh
 * answered from a stale snapshot (OMSPAN down); an overspent akun known and unknown; a table and
 * formulas from different cut-offs; and the presented copy (values equal to the live sheet's, formats
 * kept, no OMSPAN formula) followed by the freeze. Every request stays under 5 MB.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runExcel } from "../../src/excel/excel-run";
import { insertTable } from "../../src/excel/omspan-tables";
import { reportAdapter } from "../../src/excel/report-build";
import { keepPresentedVersion, siapRapat } from "../../src/excel/siap-rapat";
import { readExcelModel } from "../../src/excel/siap-rapat-model";
import { DirSnapshotStore } from "../../src/node/snapshot-dir";
import { checkWorkbook } from "../../src/omspan/siap-rapat";
import { Snapshots } from "../../src/omspan/snapshots/snapshots";
import { Store, type Connection } from "../../src/omspan/store";
import { startSimulator, type RunningSimulator } from "../../src/simulator";
import { excelCalc } from "../support/excel-calc";
import { installExcelStandin, PAYLOAD_LIMIT, type ExcelStandin } from "../support/excel-standin";
import { findingsOf, noon, request, statusOf } from "../support/siap-rapat-stack";
import { tableDeps } from "../support/tables";

const TODAY = "2026-10-15";
const SCOPE = { kind: "kanwil" as const, kanwil: "606001" };
let sim: RunningSimulator;
let conn: Connection;
let xl: ExcelStandin;
let store: Store;
let dir: string;

async function open(opts: { today?: string; snapshots?: boolean } = {}) {
  sim = await startSimulator({ port: 0, host: "127.0.0.1", profile: "demo", today: opts.today ?? TODAY });
  conn = { baseUrl: sim.baseUrl, key: await sim.mintKey({ year: 2026 }) };
  dir = mkdtempSync(path.join(os.tmpdir(), "omspan-siap-"));
  store = opts.snapshots ? new Store(undefined, { snapshots: new Snapshots(new DirSnapshotStore(dir)), openFrom: "pull" }) : new Store();
  xl = installExcelStandin({ sheets: ["Data"], evaluate: excelCalc(store, () => conn) });
  return tableDeps(() => conn, "en", store);
}
afterEach(async () => {
  xl?.uninstall();
  await sim?.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

async function build(deps: ReturnType<typeof tableDeps>, templates: readonly ("realisasi-bulanan" | "ringkasan-satker" | "kurva-s" | "sisa-dana")[], scope: object = SCOPE, month = 9) {
  const sheets: string[] = [];
  for (const t of templates) {
    const out = await reportAdapter(deps).build(request(t, scope as typeof SCOPE, month, 2026, "en"));
    if (!out.ok) throw new Error(out.error);
    sheets.push(out.sheet);
  }
  await xl.model.settle();
  return sheets;
}

const cellOf = (sheet: string, find: (v: unknown, f: string | undefined, r: number, c: number) => boolean) => {
  const s = xl.model.sheet(sheet)!;
  for (const [r, row] of s.rows) for (let c = 0; c < row.length; c++) if (row[c] && find(row[c]!.v, row[c]!.f, r, c)) return { r, c };
  throw new Error("no such cell");
};
const a1 = (r: number, c: number) => `${String.fromCharCode(65 + c)}${r + 1}`;

test("a workbook that passes: refreshed, checked, the marked Siap Rapat sheet written (a user's own sheet of that name untouched)", async () => {
  const deps = await open();
  await build(deps, ["realisasi-bulanan", "ringkasan-satker", "kurva-s"]);
  await insertTable(deps, { query: { version: 1, dataset: "realisasi", satker: "606001", akun: "5211", lang: "en" }, at: "Data!A1" });
  await runExcel(async (ctx) => {
    ctx.workbook.worksheets.add("Siap Rapat").getRange("A1").values = [["my own notes"]];
    await ctx.sync();
  });
  const r = await siapRapat({ ...deps, options: { now: noon(TODAY) } });
  expect(r.refreshed?.scope).toBe("workbook");
  expect(r.report.counts.stop).toBe(0);
  for (const id of ["ties.totals", "ties.reports", "ties.months", "errors.omspan", "freshness.generation", "freshness.cutoff"]) expect([id, statusOf(r.report, id)]).toEqual([id, "ok"]);
  expect(r.report.outcomes.find((o) => o.id === "ties.totals")!.examined).toBeGreaterThan(30);
  expect(r.report.outcomes.find((o) => o.id === "ties.reports")!.examined).toBe(6);
  // The table's registry row, the reports' ASOF cells and the store's answers: one pull each.
  expect(r.report.outcomes.find((o) => o.id === "freshness.generation")!.examined).toBeGreaterThanOrEqual(5);
  expect(r.sheet).toBe("Siap Rapat (2)");
  expect(xl.values("'Siap Rapat'!A1")).toEqual([["my own notes"]]);
  expect(xl.model.sheet("Siap Rapat (2)")!.names.get("omspan_siap_rapat")?.visible).toBe(false);
  expect(String(xl.values("'Siap Rapat (2)'!A2")[0]![0])).toMatch(/Nothing at STOP/);
  expect([...r.presentable].sort()).toEqual(["Data", "Kurva S Sep", "Monthly Realisation Sep", "Work Unit Summary Sep"]);
  // Run again: the same (marked) sheet is rewritten, no third one.
  const again = await siapRapat({ ...deps, options: { now: noon(TODAY) } });
  expect(again.sheet).toBe("Siap Rapat (2)");
  expect(Math.max(...xl.syncs.map((s) => s.requestBytes), ...xl.syncs.map((s) => s.responseBytes))).toBeLessThan(PAYLOAD_LIMIT);
}, 120_000);

test("a cell typed over by hand: the totals no longer tie; the sheet links to them", async () => {
  const deps = await open();
  const [sheet] = await build(deps, ["realisasi-bulanan"]);
  const { r, c } = cellOf(sheet!, (_, f, _r, col) => col === 2 && /OMSPAN\.REALISASI\.BULAN/.test(f ?? ""));
  xl.put(`'${sheet}'!${a1(r, c)}`, [[123_456_789]]);
  const res = await siapRapat({ ...deps, options: { now: noon(TODAY) } });
  const ties = findingsOf(res.report, "ties.totals");
  expect(ties.length).toBeGreaterThanOrEqual(2); // its spending type's subtotal and the grand total (month and cumulative)
  expect(ties.every((f) => f.severity === "stop" && f.cells[0]!.sheet === sheet)).toBe(true);
  const rows = xl.model.sheet(res.sheet)!;
  const links = [...rows.rows.values()].flatMap((row) => row.filter((x) => x?.f?.startsWith("=HYPERLINK(")).map((x) => x!.f!));
  expect(links.some((f) => f.includes(`#'${sheet}'!${ties[0]!.cells[0]!.address}`))).toBe(true);
}, 120_000);

test("an OMSPAN cell showing an error, and the totals reading it", async () => {
  const deps = await open();
  const [sheet] = await build(deps, ["realisasi-bulanan"]);
  const { r, c } = cellOf(sheet!, (_, f, _r, col) => col === 2 && /OMSPAN\.REALISASI\.BULAN/.test(f ?? ""));
  // A month that does not exist: the cell shows #VALUE!, and so do the totals above it.
  xl.put(`'${sheet}'!${a1(r, c)}`, [[xl.model.sheet(sheet!)!.get(r, c)!.f!.replace(/,1\)$/, ",13)")]]);
  const res = await siapRapat({ ...deps, options: { now: noon(TODAY) } });
  expect(findingsOf(res.report, "errors.omspan")[0]).toMatchObject({ severity: "stop", cells: [{ sheet, address: a1(r, c) }] });
  expect(findingsOf(res.report, "errors.dependent")[0]!.cells.length).toBeGreaterThanOrEqual(2);
}, 120_000);

test("refreshed while OMSPAN is down: answered from the kept snapshot, named stale", async () => {
  const deps = await open({ snapshots: true });
  await build(deps, ["realisasi-bulanan"]);
  await insertTable(deps, { query: { version: 1, dataset: "realisasi", satker: "606001", akun: "5211", lang: "en" }, at: "Data!A1" });
  await store.settled();
  await sim.close();
  const res = await siapRapat({ ...deps, options: { now: noon(TODAY) } });
  const stale = findingsOf(res.report, "freshness.stale");
  expect(stale.some((f) => f.severity === "warn" && /OMSPAN could not be reached — a kept snapshot pulled .* answers \(stale\)/.test(f.message.en))).toBe(true);
  expect(stale.some((f) => f.cells.some((c) => c.sheet === "Data"))).toBe(true); // the table's as-of line says LAMA/STALE
  expect(statusOf(res.report, "ties.totals")).toBe("ok");
}, 120_000);

test("an overspent akun: known to DataFA (warn) and unknown (stop)", async () => {
  const deps = await open({ today: "2027-01-20" });
  const [sheet] = await build(deps, ["realisasi-bulanan"], { kind: "satker", satker: ["606001"] }, 12);
  const { r } = cellOf(sheet!, (v, _f, row, col) => col === 0 && typeof v === "string" && /^52\d{4}$/.test(v) && row > 6);
  const akun = xl.values(`'${sheet}'!A${r + 1}`)[0]![0];
  xl.put(`'${sheet}'!B${r + 1}`, [[1000]]);
  const res = await siapRapat({ ...deps, options: { now: noon("2027-01-20") } });
  const lines = findingsOf(res.report, "domain.overspent");
  expect(lines.filter((f) => f.severity === "warn").map((f) => f.message.en)).toEqual([expect.stringMatching(/akun 511111 spent .* known: DataFA shows it as pagu minus/)]);
  expect(lines.filter((f) => f.severity === "stop").map((f) => f.message.en)).toEqual([expect.stringMatching(new RegExp(`akun ${String(akun)} spent .* not a pagu minus in DataFA`))]);
}, 120_000);

test("a table and the formulas from different cut-offs (the table not refreshed since): stop", async () => {
  const deps = await open({ today: "2026-10-14" });
  await insertTable(deps, { query: { version: 1, dataset: "realisasi", satker: "606001", akun: "5211", lang: "en" }, at: "Data!A1" });
  const later = await startSimulator({ port: 0, host: "127.0.0.1", profile: "demo", today: TODAY });
  const old = sim;
  sim = later;
  await old.close();
  conn = { baseUrl: later.baseUrl, key: conn.key };
  store.invalidate();
  const [sheet] = await build(deps, ["kurva-s"]);
  const model = await runExcel((ctx) => readExcelModel(ctx));
  const report = await checkWorkbook(model, { live: true, data: (d) => store.get(conn, d) }, { now: noon(TODAY) });
  const cut = findingsOf(report, "freshness.cutoff");
  expect(cut).toHaveLength(1);
  expect(cut[0]!.message.en).toMatch(/different OMSPAN cut-offs: table .* data up to 2026-10-13, .* up to 2026-10-14/);
  expect(cut[0]!.cells.map((c) => c.sheet)).toContain("Data");
  expect(findingsOf(report, "freshness.generation")[0]!.cells.map((c) => c.sheet).sort()).toEqual(["Data", sheet].sort());
}, 120_000);

test("the presented version: values equal to the live sheet's, formats kept, no OMSPAN formula; then frozen", async () => {
  const deps = await open({ snapshots: true });
  await build(deps, ["realisasi-bulanan", "kurva-s"]);
  await insertTable(deps, { query: { version: 1, dataset: "realisasi", satker: "606001", akun: "5211", lang: "en" }, at: "Data!A1" });
  const r = await siapRapat({ ...deps, options: { now: noon(TODAY) } });
  const at = new Date(2026, 9, 15, 9, 0);
  const kept = await keepPresentedVersion(deps, r.presentable, async () => void (await store.freeze()), at);
  expect(kept.copies).toEqual(r.presentable.map((s) => `${s.slice(0, 20).trimEnd()} 2026-10-15`));
  expect(store.isFrozen()).toBe(true);
  r.presentable.forEach((name, i) => {
    const live = xl.model.sheet(name)!;
    const copy = xl.model.sheet(kept.copies[i]!)!;
    expect(copy.names.get("omspan_presented")?.visible).toBe(false);
    let cells = 0;
    for (const [row, line] of live.rows) {
      line.forEach((cell, c) => {
        if (!cell) return;
        const got = copy.get(row, c);
        expect([name, row, c, got?.v]).toEqual([name, row, c, cell.v]);
        expect(got?.nf).toBe(cell.nf);
        expect(got?.f).toBeUndefined();
        cells++;
      });
    }
    expect(cells).toBeGreaterThan(20);
    const liveLayout = xl.layout(name);
    const copyLayout = xl.layout(kept.copies[i]!);
    expect(copyLayout.formatAt(0, 0)).toEqual(liveLayout.formatAt(0, 0));
    for (const [c, w] of liveLayout.columnWidths) expect(copyLayout.columnWidths.get(c)).toBe(w);
  });
  // The copies are the add-in's own: a later check leaves them alone.
  const model = await runExcel((ctx) => readExcelModel(ctx));
  expect(model.sheets.filter((s) => s.own === "presented").map((s) => s.name).sort()).toEqual([...kept.copies].sort());
  expect(xl.syncs.filter((s) => s.ops.includes("Range.copyFrom")).length).toBeGreaterThan(0);
  expect(Math.max(...xl.syncs.map((s) => s.requestBytes))).toBeLessThan(PAYLOAD_LIMIT);
}, 120_000);
