/**
 * The core's table shaping, pure: the formula guard, typed values in the 1900 and 1904 date systems,
 * the stored query (strict: no room for a key), the registry's rows read back, and the row diff.
 */
import {
  cellText, diffRows, parseRegistryRows, parseTableQuery, registryRows, sheetColumns, shapeTable, type RegistryEntry,
} from "../../src/omspan/tables";
import { TableBuilder } from "../../src/omspan/columnar/table-builder";
import { datasetSpec } from "../../src/omspan/datasets/catalog";

const rec = (o: Partial<Record<string, string>> = {}) => ({
  KDSATKER: "060038", KPPN: "001", BA: "056", BAES1: "05601", AKUN: "521211", PROGRAM: "05601WA", KEGIATAN: "1705",
  OUTPUT: "002", KEWENANGAN: "1", SUMBER_DANA: "A", LOKASI: "0651", BUDGET_TYPE: "2", AMOUNT: "1500", ...o,
});

function dipa(records: Record<string, string>[]) {
  const b = new TableBuilder(datasetSpec("dipa"));
  b.addPage(records, 1);
  return b.build();
}

test("text that Excel would read as a formula gets Excel's text prefix; other text is left alone", () => {
  for (const s of ["=1+1", "+1", "-A1", "@SUM(A1)", "\t=1", "\r=1", "'x"]) expect(cellText(s)).toBe(`'${s}`);
  for (const s of ["600001", "Belanja =1", "", "#N/A"]) expect(cellText(s)).toBe(s);
});

test("codes stay text, amounts are numbers, headers follow the language; Text columns are written unguarded (a Text cell keeps a formula as text)", () => {
  const table = dipa([rec(), rec({ PROGRAM: "=cmd|' /C calc'!A0", AMOUNT: "-250" })]);
  const shaped = shapeTable(table, parseTableQuery({ version: 1, dataset: "dipa", lang: "en" }));
  expect(shaped.headers.slice(0, 3)).toEqual(["Work unit code", "Treasury office", "Budget section"]);
  expect(shaped.values(0, 2).map((r) => [r[0], r[1], r[5], r[12]])).toEqual([["060038", "001", "05601WA", 1500], ["060038", "001", "=cmd|' /C calc'!A0", -250]]);
  expect(shaped.columns.filter((c) => c.kind === "code" || c.kind === "name").every((c) => c.numberFormat === "@")).toBe(true);
  // No apostrophe in a Text cell, where Excel would keep it as part of the text.
  expect(shaped.cells(1, 2)[0]![5]).toBe("=cmd|' /C calc'!A0");
});

test("dates become serials of the workbook's date system (1904 is 1,462 days less)", () => {
  const b = new TableBuilder(datasetSpec("realisasi"));
  b.addPage([{ ...rec(), ROWNUM: "1", CARA_TARIK: "0", KDREGISTER: "00000001", TANGGAL: "04-FEB-19", MAXDATE: "15-MAR-19" }], 1);
  const t = b.build();
  const q = parseTableQuery({ version: 1, dataset: "realisasi", lang: "id" });
  const at = (sys: 1900 | 1904) => shapeTable(t, q, sys).values(0, 1)[0]![sheetColumns("realisasi", "id").findIndex((c) => c.key === "TANGGAL")];
  expect(at(1900)).toBe(43500); // 2019-02-04 in Excel's 1900 system
  expect(at(1904)).toBe(43500 - 1462);
});

test("filters use the one grammar: satker, akun prefix and exclusions, filter pairs", () => {
  const t = dipa([rec(), rec({ AKUN: "511111" }), rec({ KDSATKER: "600001" }), rec({ SUMBER_DANA: "D" })]);
  const n = (q: object) => shapeTable(t, parseTableQuery({ version: 1, dataset: "dipa", lang: "id", ...q })).rowCount;
  expect(n({})).toBe(4);
  expect(n({ satker: "60038" })).toBe(3);
  expect(n({ akun: "5,-511*" })).toBe(3);
  expect(n({ filter: "sumber=D" })).toBe(1);
});

test("a stored query is strict: an unknown field (such as a key) or an unknown column is refused", () => {
  expect(() => parseTableQuery({ version: 1, dataset: "dipa", lang: "id", key: "secret" })).toThrow(/query/);
  expect(() => parseTableQuery({ version: 1, dataset: "dipa", lang: "id", columns: ["NOPE"] })).toThrow(/NOPE/);
  expect(() => parseTableQuery({ version: 2, dataset: "dipa", lang: "id" })).toThrow();
  // A reversed period is refused for every face (pane, insertTable, a stored query), not just the pane.
  expect(() => parseTableQuery({ version: 1, dataset: "realisasi", lang: "en", from: "2026-03-01", to: "2026-02-01" })).toThrow(/Argument to: the period ends before it starts/);
  expect(parseTableQuery({ version: 1, dataset: "realisasi", lang: "en", from: "2026-02-01", to: "2026-02-01" }).to).toBe("2026-02-01");
});

test("registry rows round-trip; a tampered row is reported, the others kept", () => {
  const e: RegistryEntry = { tableId: "{1}", tableName: "OMSPAN_dipa", sheet: "S", address: "S!A2:M10", query: parseTableQuery({ version: 1, dataset: "dipa", lang: "id" }) };
  const rows = registryRows([e, { ...e, tableId: "{2}" }]);
  expect(parseRegistryRows(rows)).toEqual({ entries: [e, { ...e, tableId: "{2}" }], problems: [] });
  rows[2]![4] = JSON.stringify({ ...e.query, key: "x" });
  const parsed = parseRegistryRows(rows);
  expect(parsed.entries).toEqual([e]);
  expect(parsed.problems).toEqual([{ row: 3, reason: expect.stringContaining("query") }]);
});

test("the diff pairs rows by their codes and dates: a corrected amount is a change, not an add and a remove", () => {
  const cols = sheetColumns("dipa", "id");
  const row = (akun: string, amount: number) => cols.map((c) => (c.key === "AKUN" ? akun : c.key === "AMOUNT" ? amount : "x"));
  const d = diffRows(cols, [row("1", 10), row("1", 10), row("2", 5), row("3", 1)], [row("1", 10), row("1", 12), row("2", 5), row("4", 7), row("4", 7)]);
  expect(d).toMatchObject({ rowsBefore: 4, rowsAfter: 5, added: 2, removed: 1, changed: 1 });
  expect(d.totals).toEqual([{ key: "AMOUNT", header: "Pagu", before: 26, after: 41, delta: 15 }]);
});
