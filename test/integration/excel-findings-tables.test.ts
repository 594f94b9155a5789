/**
 * The review of the Excel layer against Office.js's reference (issue 19), tables: each test is a finding
 * that failed on the strict stand-in before the fix. Real simulators on loopback — two "todays" a week
 * apart, so a refresh really grows (and, the other way round, shrinks) a table.
 */
import { insertTable, refreshWorkbook } from "../../src/excel/omspan-tables";
import { REGISTRY_SHEET, readRegistry } from "../../src/excel/hidden-sheets";
import { startSimulator, type RunningSimulator } from "../../src/simulator";
import { installExcelStandin, type ExcelStandin } from "../support/excel-standin";
import { tableContent, tableDeps } from "../support/tables";
import { parseTableQuery, shapeTable } from "../../src/omspan/tables";

let early: RunningSimulator;
let late: RunningSimulator;
let key: string;
let xl: ExcelStandin;
let source: RunningSimulator;

beforeAll(async () => {
  early = await startSimulator({ port: 0, profile: "demo", today: "2026-10-02" });
  late = await startSimulator({ port: 0, profile: "demo", today: "2026-11-27" });
  key = await early.mintKey({ year: 2026 });
});
afterAll(async () => {
  await early?.close();
  await late?.close();
});
beforeEach(() => {
  source = early;
  xl = installExcelStandin({ sheets: ["Laporan", "Lain"] });
});
afterEach(() => xl.uninstall());

const deps = () => tableDeps(() => ({ baseUrl: source.baseUrl, key }), "en");
const query = { version: 1, dataset: "realisasi", satker: "600001", akun: "52", lang: "en" } as const;

async function inserted(at = "Laporan!A1", from = early) {
  source = from;
  const d = deps();
  const res = await insertTable(d, { query, at });
  return { d, res };
}

test("1. insert and refresh work in a workbook that holds a table: no very hidden sheet is ever deleted while very hidden", async () => {
  const { d, res } = await inserted();
  expect(xl.model.sheet("OMSPAN_STAGING")).toBeUndefined();
  source = late;
  const summary = await refreshWorkbook(d);
  expect(summary.tables[0]).toMatchObject({ table: res.table, status: "refreshed" });
  expect(xl.model.sheets.map((s) => [s.name, s.visibility])).toEqual([["Laporan", "Visible"], ["Lain", "Visible"], [REGISTRY_SHEET, "VeryHidden"], ["Perubahan", "Visible"]]);
  expect(xl.syncs.filter((s) => s.error)).toEqual([]);
});

test("3. growing and shrinking move only the table's columns below it; a table in the way stops either, byte-identical", async () => {
  const { d, res } = await inserted();
  const small = tableContent(xl, res.table).body.length;
  const below = tableContent(xl, res.table).table.box.r0 + small + 10;
  xl.put(`Laporan!A${below}`, [["below, in the table's columns"]]);
  source = late;
  await refreshWorkbook(d);
  const grown = tableContent(xl, res.table);
  expect(grown.body.length).toBeGreaterThan(small);
  expect(xl.values(`Laporan!A${below + grown.body.length - small}`)).toEqual([["below, in the table's columns"]]);
  // Shrinking back, with a table below that the shift would cut through (it spans the table's last column and the next).
  const far = below + grown.body.length - small + 5;
  const last = String.fromCharCode(64 + grown.header.length);
  const next = String.fromCharCode(65 + grown.header.length);
  xl.put(`Laporan!${last}${far}`, [["h1", "h2"], [1, 2]]);
  await Excel.run(async (ctx) => {
    ctx.workbook.tables.add(`Laporan!${last}${far}:${next}${far + 1}`, true);
    await ctx.sync();
  });
  const before = xl.snapshot("Laporan");
  source = early;
  const blocked = await refreshWorkbook(d);
  expect(blocked.tables[0]).toMatchObject({ status: "skipped", notes: expect.arrayContaining([expect.objectContaining({ en: expect.stringContaining("rows fewer but moving the cells below up would cut through") })]) });
  expect(xl.snapshot("Laporan")).toBe(before);
});

test("3. a failure at the shift says 'unchanged' and is; a failure after it says the table changed", async () => {
  const { d, res } = await inserted();
  const before = xl.snapshot("Laporan");
  xl.failWhen(({ ops }) => ops.includes("Range.insert"));
  source = late;
  const atShift = await refreshWorkbook(d);
  expect(atShift.tables[0]).toMatchObject({ status: "failed", changed: false });
  expect(xl.snapshot("Laporan")).toBe(before);
  xl.failWhen(({ ops }) => ops.includes("Range.copyFrom"));
  const afterShift = await refreshWorkbook(d);
  expect(afterShift.tables[0]).toMatchObject({ status: "failed", changed: true });
  expect(xl.values(`Perubahan!C4`)).toEqual([["failed (the table changed: refresh again)"]]);
  xl.failWhen(undefined);
  expect((await refreshWorkbook(d)).tables[0]).toMatchObject({ table: res.table, status: "refreshed" });
});

test("3. a table the user filtered is refreshed (growing), its filter put back", async () => {
  const { d, res } = await inserted();
  xl.filterTable(res.table, 0, ["600001"]);
  source = late;
  const summary = await refreshWorkbook(d);
  expect(summary.tables[0]).toMatchObject({ status: "refreshed", notes: expect.arrayContaining([expect.objectContaining({ en: expect.stringContaining("filters were taken off") })]) });
  expect([...tableContent(xl, res.table).table.filters]).toEqual([[0, { filterOn: "Values", values: ["600001"] }]]);
});

test("4. a table with a totals row: the body is read without it, and the totals row stays below the body", async () => {
  const { d, res } = await inserted();
  const rowsBefore = tableContent(xl, res.table).body.length;
  const amount = tableContent(xl, res.table).header.indexOf("Realisation");
  xl.addTotalsRow(res.table, amount);
  source = late;
  const summary = await refreshWorkbook(d);
  const t = tableContent(xl, res.table);
  expect(summary.tables[0]!.diff!.rowsBefore).toBe(rowsBefore);
  const last = t.table.sheet.get(t.table.box.r0 + t.table.box.rows - 1, t.table.box.c0 + amount);
  expect(last?.f).toMatch(/^=SUBTOTAL\(109,/);
  expect(t.table.showTotals).toBe(true);
  // The old rows were read as they were: none of them is the totals row.
  const refreshAgain = await refreshWorkbook(d);
  expect(refreshAgain.tables[0]!.diff).toMatchObject({ added: 0, removed: 0, changed: 0 });
});

test("5. the pane's refresh and a ribbon click at once: one waits for the other; both finish and the registry keeps its table", async () => {
  const { d, res } = await inserted();
  source = late;
  const [a, b] = await Promise.all([refreshWorkbook(d), refreshWorkbook(d)]);
  expect([a.tables[0]!.status, b.tables[0]!.status]).toEqual(["refreshed", "refreshed"]);
  const runs = xl.syncs.map((s) => s.run);
  const firstOfSecond = runs.indexOf(Math.max(...runs));
  expect(runs.slice(firstOfSecond).every((r) => r === Math.max(...runs))).toBe(true);
  const registry = await Excel.run((ctx) => readRegistry(ctx));
  expect(registry.entries.map((e) => e.tableName)).toEqual([res.table]);
});

test("6. a user's own sheet called Perubahan is never cleared: the change report takes the next free name", async () => {
  const { d } = await inserted();
  xl.model.addSheet("Perubahan");
  xl.put("Perubahan!A1", [["my own notes"]]);
  const first = await refreshWorkbook(d);
  expect(first.reportSheet).toBe("Perubahan (2)");
  expect(xl.values("Perubahan!A1")).toEqual([["my own notes"]]);
  await Excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("Perubahan (2)").name = "Changes";
    await ctx.sync();
  });
  expect((await refreshWorkbook(d)).reportSheet).toBe("Changes");
});

test("7. a refresh started while the user edits a cell waits for the edit instead of failing", async () => {
  const { d } = await inserted();
  xl.startCellEdit();
  source = late;
  const refreshing = refreshWorkbook(d);
  await new Promise((r) => setTimeout(r, 50));
  xl.endCellEdit();
  expect((await refreshing).tables[0]).toMatchObject({ status: "refreshed" });
  expect(xl.syncs.every((s) => s.error !== "InvalidOperationInCellEditMode")).toBe(true);
});

test("13. a probe cell left formatted as Text still tells the date system: 1904 dates are written for 1904", async () => {
  xl.uninstall();
  xl = installExcelStandin({ sheets: ["Laporan"], date1904: true });
  xl.model.addSheet(REGISTRY_SHEET).visibility = "VeryHidden";
  await Excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem(REGISTRY_SHEET).getRange("H1").numberFormat = [["@"]];
    await ctx.sync();
  });
  const { d, res } = await inserted();
  expect(res.warnings).toEqual([]);
  const data = await d.store.get({ baseUrl: early.baseUrl, key }, "realisasi");
  const expected = shapeTable(data.table, parseTableQuery(query), 1904);
  const t = tableContent(xl, res.table);
  expect(t.body).toEqual(expected.values(0, expected.rowCount));
  const date = expected.columns.findIndex((c) => c.kind === "date");
  expect(t.body[0]![date]).toBe((shapeTable(data.table, parseTableQuery(query), 1900).values(0, 1)[0]![date] as number) - 1462);
});

test("17. the workbook opened on another platform (new table ids) and the table renamed: found by place, refreshed, not forgotten", async () => {
  const { d, res } = await inserted();
  xl.reassignIds();
  await Excel.run(async (ctx) => {
    ctx.workbook.tables.getItem(res.table).name = "MyRealisasi";
    await ctx.sync();
  });
  source = late;
  const summary = await refreshWorkbook(d);
  expect(summary.tables[0]).toMatchObject({ table: "MyRealisasi", status: "refreshed" });
  const registry = await Excel.run((ctx) => readRegistry(ctx));
  expect(registry.entries.map((e) => [e.tableName, e.tableId])).toEqual([["MyRealisasi", xl.model.tables[0]!.id]]);
});

test("18. a sheet named like a cell reference (TW1, triwulan 1) takes a table and refreshes it", async () => {
  xl.model.addSheet("TW1");
  const { d } = await inserted("'TW1'!A1");
  source = late;
  expect((await refreshWorkbook(d)).tables[0]).toMatchObject({ sheet: "TW1", status: "refreshed" });
});
