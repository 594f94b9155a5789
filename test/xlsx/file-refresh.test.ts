/**
 * The file refresh on workbooks real Excel saved (test/fixtures/xlsx/SOURCES.md), judged part by part by
 * the independent reader: a workbook holding nothing of the add-in's is not rewritten at all; OMSPAN
 * cells added to Excel's custom-functions file — in both spellings Excel stores (the resolved
 * `_xldudf_OMSPAN_…`, the unresolved `OMSPAN.…` with `aca`/`ca` showing #NAME?) — get their cached values
 * from the raw pages, their `<f>` elements and `cm` as Excel wrote them, and every part the refresh does
 * not own (metadata.xml, xl/webextensions, the theme, styles, calcPr, and the calculation chain, since no
 * formula changed) comes out byte for byte. And a workbook holding every part the tool does not own
 * (charts, drawings, comments, a table, conditional formats, styles, a very hidden sheet, an external link,
 * custom XML, VBA: test/support/xlsx-fixtures.ts's everything.xlsm) refreshed with OMSPAN cells in it:
 * only the cells and parts the refresh owns change.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { Store } from "../../src/omspan/store/store";
import { refreshFiles } from "../../src/xlsx/workbook/refresh-files";
import { startSimulator, type RunningSimulator } from "../../src/simulator";
import { rawRealisasi } from "../support/stack";
import { everythingWorkbook, fixture } from "../support/xlsx-fixtures";
import { bytesEqual, dom, elements, readCells, readParts, serialize, sheetParts } from "../support/xlsx-reader";

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
let sim: RunningSimulator;
let key: string;
let dir: string;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, host: "127.0.0.1", profile: "demo" });
  key = await sim.mintKey({ year: 2026 });
});
afterAll(() => sim?.close());
beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), "omspan-file-refresh-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const deps = () => ({ store: new Store(), connection: () => ({ baseUrl: sim.baseUrl, key }), lang: () => "en" as const });

test.each(["charts-comments-table-excel-mac.xlsx", "conditional-hidden-names-excel-mac.xlsx", "data-validation-excel.xlsx", "two-tables-excel.xlsx", "custom-functions-excel-mac.xlsx"])(
  "%s holds nothing of the add-in's: refreshed, and not rewritten at all",
  async (name) => {
    const file = path.join(dir, name);
    writeFileSync(file, fixture(name));
    const [r] = await refreshFiles([{ source: file, target: file }], deps());
    expect(r).toMatchObject({ written: false, summary: { tables: [], formulas: { cells: 0, changes: [] } } });
    expect(r!.error).toBeUndefined();
    expect(Buffer.compare(readFileSync(file), Buffer.from(fixture(name)))).toBe(0);
  },
);

/** Excel's custom-functions file with OMSPAN cells in its "Correct" sheet's row 2, added with jszip + the DOM. */
async function withOmspanCells(): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(fixture("custom-functions-excel-mac.xlsx"));
  const part = "xl/worksheets/sheet3.xml";
  const d = dom(await zip.file(part)!.async("string"));
  const row = d.createElementNS(MAIN_NS, "row");
  row.setAttribute("r", "2");
  const cell = (ref: string, attrs: Record<string, string>, fAttrs: Record<string, string>, formula: string, v: string) => {
    const c = d.createElementNS(MAIN_NS, "c");
    c.setAttribute("r", ref);
    for (const [k, x] of Object.entries(attrs)) c.setAttribute(k, x);
    const f = d.createElementNS(MAIN_NS, "f");
    for (const [k, x] of Object.entries(fAttrs)) f.setAttribute(k, x);
    f.textContent = formula;
    const value = d.createElementNS(MAIN_NS, "v");
    value.textContent = v;
    c.appendChild(f);
    c.appendChild(value);
    row.appendChild(c);
  };
  cell("A2", { cm: "1" }, { t: "array", ref: "A2" }, '_xldudf_OMSPAN_REALISASI("600001","52")', "0");
  cell("B2", { t: "e", cm: "1" }, { t: "array", aca: "1", ref: "B2", ca: "1" }, 'OMSPAN.REALISASI("600001")', "#NAME?");
  cell("C2", {}, {}, "A2+B2", "0");
  elements(d, "sheetData")[0]!.appendChild(row);
  zip.file(part, serialize(d));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

test("OMSPAN cells in Excel's own file, both spellings: values from the raw pages, everything else as Excel wrote it", async () => {
  const original = await withOmspanCells();
  const file = path.join(dir, "book.xlsx");
  writeFileSync(file, original);
  const [r] = await refreshFiles([{ source: file, target: file }], deps());
  expect(r!.error).toBeUndefined();
  expect(r!.summary!.formulas).toMatchObject({ cells: 2 });
  const raw = (await rawRealisasi(sim.baseUrl, key)).filter((x) => x.KDSATKER === "600001");
  const sum = (akun: string) => raw.filter((x) => x.AKUN!.startsWith(akun)).reduce((s, x) => s + Number(x.AMOUNT), 0);
  const old = await readParts(original);
  const now = await readParts(new Uint8Array(readFileSync(file)));
  const was = readCells(old, "Correct");
  const is = readCells(now, "Correct");
  expect([is.get("A2")!.value, is.get("B2")!.value, is.get("C2")!.value]).toEqual([sum("52"), sum(""), sum("52") + sum("")]);
  for (const ref of ["A2", "B2", "C2"]) expect([ref, is.get(ref)!.formula, is.get(ref)!.fAttrs, is.get(ref)!.cm]).toEqual([ref, was.get(ref)!.formula, was.get(ref)!.fAttrs, was.get(ref)!.cm]);
  // The unresolved spelling now carries a number where it showed #NAME?.
  expect([was.get("B2")!.t, is.get("B2")!.t]).toEqual(["e", "n"]);
  for (const ref of ["A1", "B1"]) expect(is.get(ref)!.xml).toBe(was.get(ref)!.xml);
  const owned = new Set([sheetParts(now).get("Correct")!.part, sheetParts(now).get("Perubahan")!.part, "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/sharedStrings.xml"]);
  for (const [name, bytes] of old) if (!owned.has(name)) expect([name, bytesEqual(bytes, now.get(name))]).toEqual([name, true]);
  expect(now.has("xl/calcChain.xml")).toBe(true);
  const calcPr = (p: typeof old) => serialize(elements(dom(p.get("xl/workbook.xml")!), "calcPr")[0]!);
  expect(calcPr(now)).toBe(calcPr(old));
  const mark = elements(dom(now.get("xl/workbook.xml")!), "definedName").find((n) => n.getAttribute("name") === "OMSPAN_CHANGE_REPORT")!;
  expect([mark.getAttribute("hidden"), mark.getAttribute("localSheetId"), mark.textContent]).toEqual(["1", "3", "TRUE"]);
});

test("everything.xlsm with OMSPAN cells: refreshed, and every part it does not own byte for byte as it was", async () => {
  const zip = await JSZip.loadAsync(await everythingWorkbook());
  const part = "xl/worksheets/sheet2.xml";
  const d = dom(await zip.file(part)!.async("string"));
  const row = d.createElementNS(MAIN_NS, "row");
  row.setAttribute("r", "30");
  for (const [ref, formula, attrs] of [["F30", '_xldudf_OMSPAN_REALISASI("600001","52")', { t: "array", ref: "F30" }], ["G30", "F30*2", {}]] as const) {
    const c = d.createElementNS(MAIN_NS, "c");
    c.setAttribute("r", ref);
    if (ref === "F30") c.setAttribute("cm", "1");
    const f = d.createElementNS(MAIN_NS, "f");
    for (const [k, x] of Object.entries(attrs)) f.setAttribute(k, x);
    f.textContent = formula;
    const v = d.createElementNS(MAIN_NS, "v");
    v.textContent = "0";
    c.appendChild(f);
    c.appendChild(v);
    row.appendChild(c);
  }
  elements(d, "sheetData")[0]!.appendChild(row);
  zip.file(part, serialize(d));
  const original = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  const file = path.join(dir, "everything.xlsm");
  writeFileSync(file, original);
  const [r] = await refreshFiles([{ source: file, target: file }], deps());
  expect(r!.error).toBeUndefined();
  expect(r!.written).toBe(true);
  const sum = (await rawRealisasi(sim.baseUrl, key)).filter((x) => x.KDSATKER === "600001" && x.AKUN!.startsWith("52")).reduce((t, x) => t + Number(x.AMOUNT), 0);
  const old = await readParts(original);
  const now = await readParts(new Uint8Array(readFileSync(file)));
  const was = readCells(old, "Sheet2");
  const is = readCells(now, "Sheet2");
  expect([is.get("F30")!.value, is.get("G30")!.value]).toEqual([sum, sum * 2]);
  expect([is.get("F30")!.formula, is.get("F30")!.fAttrs, is.get("F30")!.cm]).toEqual([was.get("F30")!.formula, was.get("F30")!.fAttrs, was.get("F30")!.cm]);
  // Every other cell of the sheet as Excel wrote it.
  for (const [ref, c] of was) if (ref !== "F30" && ref !== "G30") expect([ref, is.get(ref)?.xml]).toEqual([ref, c.xml]);
  const owned = new Set([part, sheetParts(now).get("Perubahan")!.part, "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/sharedStrings.xml"]);
  for (const [name, bytes] of old) if (!owned.has(name)) expect([name, bytesEqual(bytes, now.get(name))]).toEqual([name, true]);
  const calcPr = (p: typeof old) => elements(dom(p.get("xl/workbook.xml")!), "calcPr").map((n) => serialize(n));
  expect(calcPr(now)).toEqual(calcPr(old));
  // The workbook part: its sheets (the very hidden one too), names and external references kept; Perubahan added.
  expect([...sheetParts(now)].map(([n, s]) => [n, s.state])).toEqual([...[...sheetParts(old)].map(([n, s]) => [n, s.state]), ["Perubahan", expect.any(String)]]);
  const frame = (p: typeof old) => ["externalReferences", "definedNames"].map((tag) => elements(dom(p.get("xl/workbook.xml")!), tag).map((n) => serialize(n)).join(""));
  expect(frame(now)[0]).toBe(frame(old)[0]);
});
