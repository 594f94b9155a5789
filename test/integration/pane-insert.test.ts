/**
 * The Data tab's insert adapter (src/excel/pane-insert.ts) on the Excel stand-in, with the real
 * simulator behind the proxy: into a new sheet (made, named after the dataset, activated) or at the
 * active cell; the table's row count and amount total are the core's preview of the same query.
 */
import { paneInsert } from "../../src/excel/pane-insert";
import { REGISTRY_SHEET } from "../../src/excel/hidden-sheets";
import { parseTableQuery, previewTable } from "../../src/omspan/tables";
import { installExcelStandin, type ExcelStandin } from "../support/excel-standin";
import { startStack, type Stack } from "../support/stack";
import { tableContent, tableDeps } from "../support/tables";

let stack: Stack;
let xl: ExcelStandin;

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());
beforeEach(() => (xl = installExcelStandin({ sheets: ["Laporan"] })));
afterEach(() => xl.uninstall());

const conn = () => ({ baseUrl: stack.proxyBase, key: stack.key });
/** The sheets a user sees (the registry is very hidden). */
const visibleSheets = () => xl.model.sheets.filter((s) => s.name !== REGISTRY_SHEET).map((s) => s.name);
const query = { version: 1, dataset: "realisasi", akun: "52", lang: "id" } as const;

test("into a new sheet: made, activated, the table at A2 below its caption, matching the preview", async () => {
  const deps = tableDeps(conn, "id");
  const res = await paneInsert(deps)(query, "new-sheet");
  expect(visibleSheets()).toEqual(["Laporan", "OMSPAN_realisasi"]);
  expect(xl.model.sheets[xl.model.activeSheet]!.name).toBe("OMSPAN_realisasi");
  expect(res.address.startsWith("OMSPAN_realisasi!A2:")).toBe(true);
  const data = await deps.store.get(conn(), "realisasi");
  const preview = previewTable(data.table, parseTableQuery(query));
  expect(res.rows).toBe(preview.rowCount);
  const { header, body } = tableContent(xl, res.table);
  const amountAt = header.indexOf("Realisasi");
  expect(body.reduce((s, r) => s + (r[amountAt] as number), 0)).toBeCloseTo(preview.total!, 2);
  expect(deps.store.pulls).toBe(1); // the insert used the pull the preview warmed
  // A second insert of the same dataset gets a sheet of its own.
  await paneInsert(deps)(query, "new-sheet");
  expect(visibleSheets()).toEqual(["Laporan", "OMSPAN_realisasi", "OMSPAN_realisasi_2"]);
});

test("at the selection: the caption at the active cell, the table below it", async () => {
  xl.select("Laporan!C5");
  const res = await paneInsert(tableDeps(conn, "en"))({ ...query, lang: "en", satker: "600001" }, "selection");
  expect(res.address.startsWith("Laporan!C6:")).toBe(true);
  expect(String(xl.values("Laporan!C5")[0]![0])).toMatch(/^OMSPAN · Spending realisation · pulled /);
});

test("at a selection that holds data: the writer refuses, naming the cells, and nothing is written", async () => {
  xl.put("Laporan!A3", [["catatan"]]);
  const before = xl.snapshot("Laporan");
  await expect(paneInsert(tableDeps(conn))(query, "selection")).rejects.toMatchObject({
    detail: { reason: expect.stringContaining("Laporan!A3") },
  });
  expect(xl.snapshot("Laporan")).toBe(before);
});
