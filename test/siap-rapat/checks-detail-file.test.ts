/**
 * The checks the first file tests do not reach, each on a workbook file built by the report writer (a
 * Kanwil's reports, values computed from the real simulator) changed as a user or Excel would leave it:
 * a month typed over so the months no longer add up to the cumulative; a negative realisation figure
 * (a correction: information, never a stop); a Kurva S month beyond the deviation threshold, and the
 * threshold as an option; a report total whose reference was deleted (#REF!); OMSPAN tables pulled
 * further apart than the allowed minutes; the cut-off's age in working days, holidays left out. Each
 * changed copy is checked against the same OMSPAN.
 */
import { SheetError } from "../../src/omspan/sheet-calc";
import { a1Of } from "../../src/omspan/sheet-calc";
import { registryRows, type RegistryEntry } from "../../src/omspan/tables";
import type { ReportGrid } from "../../src/omspan/templates";
import { XlsxBook } from "../../src/xlsx/book";
import type { CellWrite } from "../../src/xlsx/sheet-edit";
import { checkFile, findingsOf, grids, noon, reportFile, request, siapStack, statusOf, storeSource, type SiapStack } from "../support/siap-rapat-stack";
import { fixture } from "../support/xlsx-fixtures";

const TODAY = "2026-10-15";
const SCOPE = { kind: "kanwil" as const, kanwil: "606001" };
const TEMPLATES = ["realisasi-bulanan", "ringkasan-satker", "kurva-s"] as const;
let s: SiapStack;
let bytes: Uint8Array;
let built: ReportGrid[];

beforeAll(async () => {
  s = await siapStack({ today: TODAY, year: 2026 });
  const requests = TEMPLATES.map((t) => request(t, SCOPE, 9, 2026));
  built = await grids(s, requests);
  bytes = await reportFile(s, requests);
}, 120_000);
afterAll(() => s?.close());

const gridOf = (template: string) => built.find((g) => g.template === template)!;

/** A copy of the file with one formula cell's cached value changed (the formula kept, as Excel shows it). */
function withCachedValue(sheet: string, row: number, col: number, value: number | SheetError, formula?: string): Uint8Array {
  const book = XlsxBook.open(bytes);
  const c = book.cell(sheet, row, col)!;
  const write: CellWrite = { row, col, content: { kind: "formula", formula: formula ?? c.formula!.text, value, style: c.style, ...(c.formula!.ref && !formula ? { array: c.formula!.ref } : {}), ...(c.cm && !formula ? { cm: c.cm } : {}) } };
  book.writeCells(sheet, [write]);
  return book.save();
}

/** The first akun row of Realisasi per akun per bulan and its month-1 cell. */
function firstAkunRow(g: ReportGrid): number {
  const row = g.cells.findIndex((r) => /OMSPAN\.REALISASI\.BULAN/.test(r[2]?.formula ?? ""));
  expect(row).toBeGreaterThan(0);
  return row;
}

test("the base file passes the checks these tests break", async () => {
  const r = await checkFile(bytes, storeSource(s), { now: noon(TODAY) });
  for (const id of ["ties.months", "domain.negative", "domain.kurva-s", "errors.ref", "freshness.spread"]) expect([id, statusOf(r, id)]).toEqual([id, "ok"]);
  expect(r.outcomes.find((o) => o.id === "errors.ref")!.examined).toBeGreaterThan(100);
});

test("a month typed over: the months no longer add up to the cumulative (stop, the row's range named)", async () => {
  const g = gridOf("realisasi-bulanan");
  const row = firstAkunRow(g);
  const book = XlsxBook.open(bytes);
  const shown = book.cell(g.sheetName, row, 4)!.value as number;
  const r = await checkFile(withCachedValue(g.sheetName, row, 4, shown + 5_000_000), storeSource(s), { now: noon(TODAY) });
  const months = findingsOf(r, "ties.months");
  expect(months).toHaveLength(1);
  // Month columns C… (January in C), the cumulative after September: C..L.
  expect(months[0]).toMatchObject({ severity: "stop", cells: [{ sheet: g.sheetName, address: `C${row + 1}:L${row + 1}` }] });
  expect(months[0]!.message.en).toMatch(new RegExp(`the months of row ${row + 1} add up to .*, but .*!L${row + 1} shows`));
  expect(months[0]!.message.id).toMatch(/berjumlah .* tetapi .* menampilkan/);
  expect(r.counts.stop).toBeGreaterThan(0);
});

test("a negative realisation figure (a correction) is listed as info, never a stop of its own", async () => {
  const g = gridOf("realisasi-bulanan");
  const row = firstAkunRow(g);
  const r = await checkFile(withCachedValue(g.sheetName, row, 3, -1_250_000), storeSource(s), { now: noon(TODAY) });
  const negative = findingsOf(r, "domain.negative");
  expect(negative).toEqual([
    expect.objectContaining({ severity: "info", cells: [{ sheet: g.sheetName, address: `D${row + 1}` }], message: { en: `${g.sheetName}: 1 negative realisation figure(s) (corrections or refunds)`, id: expect.stringMatching(/1 angka realisasi negatif \(koreksi atau pengembalian\)/) } }),
  ]);
  expect(statusOf(r, "domain.negative")).toBe("info");
});

test("Kurva S: a month beyond the deviation threshold is a warning naming the month; the threshold is an option", async () => {
  const g = gridOf("kurva-s");
  const paguRow = g.cells.findIndex((r) => /OMSPAN\.PAGU/.test(r[1]?.formula ?? ""));
  const march = paguRow + 4 + 2;
  expect(g.cells[march]![4]?.formula).toBeDefined();
  const changed = withCachedValue(g.sheetName, march, 4, 0.2);
  const r = await checkFile(changed, storeSource(s), { now: noon(TODAY) });
  const kurva = findingsOf(r, "domain.kurva-s");
  expect(kurva.map((f) => [f.severity, f.cells])).toEqual([["warn", [{ sheet: g.sheetName, address: a1Of(march, 4) }]]]);
  expect(kurva[0]!.message.en).toMatch(/month 3 deviates 20\.0 points from the DIPA page III plan \(allowed: 5\.0\)/);
  expect(kurva[0]!.message.id).toMatch(/bulan 3 menyimpang 20\.0 poin dari rencana halaman III DIPA \(batas: 5\.0\)/);
  // Allowed 25 points: nothing to flag.
  expect(statusOf(await checkFile(changed, storeSource(s), { now: noon(TODAY), kurvaSThreshold: 0.25 }), "domain.kurva-s")).toBe("ok");
});

test("a report total whose reference was deleted shows #REF!: stop, the cell named", async () => {
  const g = gridOf("ringkasan-satker");
  const total = g.cells.findIndex((r) => r[0]?.style === "total");
  const changed = withCachedValue(g.sheetName, total, 1, new SheetError("#REF!"), "SUM(#REF!)");
  const r = await checkFile(changed, storeSource(s), { now: noon(TODAY) });
  const ref = findingsOf(r, "errors.ref");
  expect(ref).toHaveLength(1);
  expect(ref[0]).toMatchObject({ severity: "stop", cells: [{ sheet: g.sheetName, address: `B${total + 1}` }] });
  expect(ref[0]!.message.en).toMatch(/1 cell\(s\) of the report .* refer to #REF!/);
});

/** The two-table fixture with registry rows for its tables (dipa and realisasi, the same cut-off). */
function twoTables(fetched: readonly [string, string]): Uint8Array {
  const entry = (id: string, name: string, sheet: string, dataset: "dipa" | "realisasi", fetchedAt: string): RegistryEntry => ({
    tableId: id, tableName: name, sheet, address: `${sheet}!A1:B6`,
    query: { version: 1, dataset, satker: "", akun: "", filter: "", lang: "id" },
    asOf: { fetchedAt, maxDate: Date.parse("2026-10-14T00:00:00Z") / 86_400_000 },
  });
  const book = XlsxBook.open(fixture("two-tables-excel.xlsx"));
  book.addSheet("OMSPAN_TABLES", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>', "veryHidden");
  const rows = registryRows([entry("1", "Table1", "Sheet1", "dipa", fetched[0]), entry("2", "Table2", "Sheet2", "realisasi", fetched[1])]);
  book.writeCells("OMSPAN_TABLES", rows.flatMap((r, row) => r.map((value, col) => ({ row, col, content: { kind: "value" as const, value } }))));
  return book.save();
}

test("OMSPAN tables pulled further apart than the allowed minutes: a warning naming both", async () => {
  const file = twoTables(["2026-10-15T02:00:00.000Z", "2026-10-15T02:30:00.000Z"]);
  const r = await checkFile(file, storeSource(s), { now: noon(TODAY) });
  const spread = findingsOf(r, "freshness.spread");
  expect(spread).toHaveLength(1);
  expect(spread[0]).toMatchObject({ severity: "warn", cells: [{ sheet: "Sheet1", address: "A1" }, { sheet: "Sheet2", address: "A1" }] });
  expect(spread[0]!.message.en).toMatch(/pulled 30 minutes apart \(table Table1 at .*, table Table2 at .*\); allowed: 10/);
  // Different datasets: not a generation question; the same cut-off.
  expect(statusOf(r, "freshness.generation")).toBe("ok");
  expect(statusOf(r, "freshness.cutoff")).toBe("ok");
  expect(statusOf(await checkFile(file, storeSource(s), { now: noon(TODAY), maxSpreadMinutes: 45 }), "freshness.spread")).toBe("ok");
});

test("the cut-off's age counts working days: weekends and the ministry's holidays left out", async () => {
  const file = twoTables(["2026-10-15T02:00:00.000Z", "2026-10-15T02:01:00.000Z"]);
  // Data up to Wednesday 14 October, checked on Tuesday 20 October: Thu, Fri, Mon, Tue = 4 working days.
  const late = await checkFile(file, storeSource(s), { now: noon("2026-10-20") });
  expect(findingsOf(late, "freshness.cutoff-age").map((f) => [f.severity, f.message.en])).toEqual([["warn", expect.stringMatching(/data goes up to 2026-10-14: 4 working days before today \(allowed: 2\)/)]]);
  const withHolidays = await checkFile(file, storeSource(s), { now: noon("2026-10-20"), holidays: ["2026-10-15", "2026-10-16"] });
  expect(statusOf(withHolidays, "freshness.cutoff-age")).toBe("ok");
});
