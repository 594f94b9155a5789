/**
 * Round trips through the overlay, judged by an independent reader (jszip + the DOM): a workbook opened
 * and saved is the same part for part; writing owned cells changes only their sheet part (and, for text,
 * the shared strings), and inside it only those cells and the dimension; custom-function cells (`cm`),
 * metadata.xml, webextensions, calcPr, charts, drawings, conditional formats, data validation, defined
 * names, comments, styles, hidden and very hidden sheets, external links, custom XML and VBA come out
 * as they went in. Fixtures: test/fixtures/xlsx/SOURCES.md.
 */
import { XlsxBook } from "../../src/xlsx/book";
import { everythingWorkbook, fixture } from "../support/xlsx-fixtures";
import { bytesEqual, dom, elements, readCells, readParts, serialize, sheetParts, type Parts } from "../support/xlsx-reader";

const EXCEL_FILES = [
  "custom-functions-excel-mac.xlsx",
  "charts-comments-table-excel-mac.xlsx",
  "conditional-hidden-names-excel-mac.xlsx",
  "data-validation-excel.xlsx",
  "two-tables-excel.xlsx",
];

async function load(name: string): Promise<Uint8Array> {
  return name === "everything.xlsm" ? everythingWorkbook() : fixture(name);
}

function changedParts(before: Parts, after: Parts): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => !bytesEqual(before.get(n), after.get(n))).sort();
}

/** The children of a worksheet other than sheetData and dimension, serialized. */
function sheetFrame(xml: Uint8Array): string[] {
  const root = dom(xml).documentElement!;
  const out: string[] = [];
  for (let n = root.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && !["sheetData", "dimension"].includes((n as Element).localName)) out.push(serialize(n));
  }
  return out;
}

describe.each([...EXCEL_FILES, "everything.xlsm"])("%s", (name) => {
  test("opened and saved unchanged: every part byte-identical", async () => {
    const bytes = await load(name);
    const saved = XlsxBook.open(bytes).save();
    const [before, after] = await Promise.all([readParts(bytes), readParts(saved)]);
    expect([...after.keys()]).toEqual([...before.keys()]);
    expect(changedParts(before, after)).toEqual([]);
  });

  test("writing owned cells changes only those cells and the dimension of their sheet", async () => {
    const bytes = await load(name);
    const book = XlsxBook.open(bytes);
    const sheet = book.sheets().find((s) => s.kind === "worksheet")!;
    const scan = book.scan(sheet.name);
    const target = scan.cells.find((c) => typeof c.value === "number" && !c.formula);
    const writes = [{ row: 400, col: 30, content: { kind: "value" as const, value: 123.5 } }];
    if (target) writes.push({ row: target.row, col: target.col, content: { kind: "value" as const, value: 7 } });
    book.writeCells(sheet.name, writes);
    const saved = book.save();
    const [before, after] = await Promise.all([readParts(bytes), readParts(saved)]);
    expect(changedParts(before, after)).toEqual([sheet.part]);
    const oldCells = readCells(before, sheet.name);
    const newCells = readCells(after, sheet.name);
    const owned = new Set(["AE401", ...(target ? [`${String.fromCharCode(65 + target.col)}${target.row + 1}`] : [])]);
    for (const [ref, cell] of oldCells) if (!owned.has(ref)) expect([ref, newCells.get(ref)?.xml]).toEqual([ref, cell.xml]);
    expect(newCells.get("AE401")!.value).toBe(123.5);
    if (target) expect(newCells.get([...owned][1]!)!.value).toBe(7);
    expect(sheetFrame(after.get(sheet.part)!)).toEqual(sheetFrame(before.get(sheet.part)!));
    const dim = elements(dom(after.get(sheet.part)!), "dimension")[0];
    if (dim) expect(dim.getAttribute("ref")).toMatch(/:AE401$/);
  });
});

test("custom functions as Excel saved them: both spellings read; cm, metadata, webextensions and calcPr kept; calcChain dropped when a formula changes", async () => {
  const bytes = fixture("custom-functions-excel-mac.xlsx");
  const book = XlsxBook.open(bytes);
  const correct = book.scan("Correct").cells.find((c) => c.col === 0)!;
  expect(correct).toMatchObject({ cm: "1", value: 3, formula: { kind: "array", ref: "A1", text: "_xldudf_CONTOSO_ADD(1,2)", ca: false } });
  const stuck = book.scan("Unprotected").cells.find((c) => c.col === 0)!;
  expect(stuck).toMatchObject({ cm: "1", formula: { text: "CONTOSO.ADD(1,2)", ca: true } });
  expect(stuck.value).toMatchObject({ code: "#NAME?" });
  // An OMSPAN cell written the way Excel stores a resolved custom function, reusing the workbook's metadata.
  const cm = book.dynamicArrayCm();
  expect(cm).toBe("1");
  book.writeCells("Correct", [{ row: 2, col: 0, content: { kind: "formula", formula: '_xldudf_OMSPAN_PAGU("600001")', value: 1000, array: "A3", cm } }]);
  const after = await readParts(book.save());
  const before = await readParts(bytes);
  expect(after.has("xl/calcChain.xml")).toBe(false);
  expect(new TextDecoder().decode(after.get("xl/_rels/workbook.xml.rels"))).not.toContain("calcChain");
  expect(new TextDecoder().decode(after.get("[Content_Types].xml"))).not.toContain("calcChain");
  for (const part of ["xl/metadata.xml", "xl/webextensions/webextension1.xml", "xl/webextensions/taskpanes.xml", "xl/workbook.xml", "xl/styles.xml", "xl/worksheets/sheet1.xml"]) {
    expect([part, bytesEqual(before.get(part), after.get(part))]).toEqual([part, true]);
  }
  const cells = readCells(after, "Correct");
  expect(cells.get("A3")).toMatchObject({ cm: "1", formula: '_xldudf_OMSPAN_PAGU("600001")', fAttrs: { t: "array", ref: "A3" }, value: 1000 });
  expect(cells.get("A1")!.xml).toBe(readCells(before, "Correct").get("A1")!.xml);
  expect(XlsxBook.open(book.save()).omspanFormulaCells().map((c) => c.formula)).toEqual(['=OMSPAN.PAGU("600001")']);
});

test("a value-only write keeps the calculation chain; sheets are found by relationship, hidden and very hidden ones too", async () => {
  const bytes = await everythingWorkbook();
  const book = XlsxBook.open(bytes);
  expect(book.sheets().map((s) => [s.name, s.visibility])).toEqual([["Sheet1", "visible"], ["Sheet2", "visible"], ["Secret", "veryHidden"]]);
  const hidden = XlsxBook.open(fixture("conditional-hidden-names-excel-mac.xlsx"));
  expect(hidden.sheets().some((s) => s.visibility === "hidden")).toBe(true);
  expect(hidden.workbook.definedNames.length).toBeGreaterThan(0);
  const chain = XlsxBook.open(fixture("conditional-hidden-names-excel-mac.xlsx"));
  const s = chain.sheets()[0]!;
  chain.writeCells(s.name, [{ row: 500, col: 0, content: { kind: "value", value: 1 } }]);
  expect((await readParts(chain.save())).has("xl/calcChain.xml")).toBe(true);
});

test("a table that grows updates its ref and autoFilter; one that would grow into used cells is refused and nothing changes", async () => {
  const bytes = fixture("two-tables-excel.xlsx");
  const book = XlsxBook.open(bytes);
  const [table] = book.tables();
  const grown = { ...table!.area, bottom: table!.area.bottom + 3 };
  book.resizeTable(table!, grown);
  const after = await readParts(book.save());
  const t = dom(after.get(table!.part)!).documentElement!;
  const ref = `${table!.ref.split(":")[0]}:${table!.ref.split(":")[1]!.replace(/\d+$/, String(grown.bottom + 1))}`;
  expect(t.getAttribute("ref")).toBe(ref);
  if (table!.autoFilter) expect(elements(t, "autoFilter")[0]!.getAttribute("ref")).toBe(ref);
  const before = await readParts(bytes);
  expect(changedParts(before, after)).toEqual([table!.part]);

  const blocked = XlsxBook.open(bytes);
  const [t2] = blocked.tables();
  blocked.writeCells(t2!.sheet, [{ row: t2!.area.bottom + 2, col: t2!.area.left, content: { kind: "value", value: "in the way" } }]);
  expect(() => blocked.resizeTable(t2!, { ...t2!.area, bottom: t2!.area.bottom + 5 })).toThrow(expect.objectContaining({ problem: "table-blocked" }));
  expect(bytesEqual((await readParts(blocked.save())).get(t2!.part), before.get(t2!.part))).toBe(true);
});

test("the evaluator recomputes Excel's own formulas of a real file to Excel's cached values (where it evaluates them)", () => {
  for (const name of ["charts-comments-table-excel-mac.xlsx", "conditional-hidden-names-excel-mac.xlsx"]) {
    const book = XlsxBook.open(fixture(name));
    const { recalculate } = require("../../src/omspan/sheet-calc") as typeof import("../../src/omspan/sheet-calc");
    const r = recalculate(book.calcBook(), { omspan: () => null });
    let compared = 0;
    for (const res of r.results) {
      const cached = book.cell(res.sheet, res.row, res.col)!.value;
      if (typeof cached === "number") {
        expect([res.formula, res.value]).toEqual([res.formula, expect.closeTo(cached, 6)]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(0);
  }
  void sheetParts;
});
