/**
 * The Siap Rapat workbook model of an .xlsx file (src/omspan/siap-rapat/model.ts), read through the
 * overlay: every worksheet's cells as blocks of whole rows (values as cached, formulas in cell form),
 * the add-in's own sheets told by their marks, the OMSPAN tables matched to the registry's rows (the
 * very hidden OMSPAN_TABLES sheet, as Excel's add-in keeps it), the reports by their template mark.
 * Only reads: the checks never write into the user's sheets.
 */
import { parseRegistryRows, type RegistryEntry } from "../omspan/tables";
import { isSheetError, toCellFormula, type Scalar } from "../omspan/sheet-calc";
import {
  OWN_SHEET_MARKS,
  OWN_SHEET_NAMES,
  REPORT_TEMPLATE_MARK,
  parseReportMark,
  type CellBlock,
  type ModelReport,
  type ModelSheet,
  type ModelTable,
  type ModelValue,
  type OwnSheet,
  type WorkbookModel,
} from "../omspan/siap-rapat";
import type { XlsxBook } from "./book";
import { sheetNames } from "./hidden-name";
import type { SheetCell } from "./sheet-cells";

/** Rows per block (a block is dense over the sheet's used columns). */
const BLOCK_ROWS = 2000;

/**
 * A string of its own. The scanner's texts are slices of the sheet's whole XML, and a formula rewritten
 * from one is a chain of such slices: kept in the model, each would keep its sheet's XML alive (the
 * largest report workbook's model held 42 MB instead of 9). Prefixing and slicing off makes V8 copy the
 * characters into a new flat string that keeps nothing else.
 */
const own = (s: string): string => (s.length > 12 ? (" " + s).slice(1) : s);

const valueOf = (v: Scalar): ModelValue => (isSheetError(v) ? { error: v.code } : typeof v === "string" ? own(v) : v);

function formulaOf(c: SheetCell): string | null {
  if (!c.formula || c.formula.text === "") return null;
  try {
    return own(toCellFormula(c.formula.text));
  } catch {
    return own(`=${c.formula.text}`);
  }
}

/** A sheet's cells as dense blocks of rows over its used columns. */
export function cellBlocks(cells: readonly SheetCell[]): CellBlock[] {
  if (!cells.length) return [];
  let top = Infinity, bottom = -1, left = Infinity, right = -1;
  for (const c of cells) {
    if (c.row < top) top = c.row;
    if (c.row > bottom) bottom = c.row;
    if (c.col < left) left = c.col;
    if (c.col > right) right = c.col;
  }
  const width = right - left + 1;
  const blocks: { top: number; values: ModelValue[][]; formulas: (string | null)[][] }[] = [];
  for (let r = top; r <= bottom; r += BLOCK_ROWS) {
    const n = Math.min(BLOCK_ROWS, bottom - r + 1);
    blocks.push({
      top: r,
      values: Array.from({ length: n }, () => new Array<ModelValue>(width).fill(null)),
      formulas: Array.from({ length: n }, () => new Array<string | null>(width).fill(null)),
    });
  }
  for (const c of cells) {
    const b = blocks[Math.floor((c.row - top) / BLOCK_ROWS)]!;
    b.values[c.row - b.top]![c.col - left] = valueOf(c.value);
    b.formulas[c.row - b.top]![c.col - left] = formulaOf(c);
  }
  return blocks.map((b) => ({ top: b.top, left, values: b.values, formulas: b.formulas }));
}

function registryOf(book: XlsxBook): { entries: RegistryEntry[]; problems: { row: number; reason: string }[] } {
  const sheet = book.sheets().find((s) => OWN_SHEET_NAMES[s.name.toLowerCase()] === "registry" && s.kind === "worksheet");
  if (!sheet) return { entries: [], problems: [] };
  const rows: unknown[][] = [];
  for (const c of book.scan(sheet.name).cells) {
    if (c.col > 5) continue;
    while (rows.length <= c.row) rows.push(["", "", "", "", "", ""]);
    rows[c.row]![c.col] = c.value ?? "";
  }
  return parseRegistryRows(rows);
}

export function xlsxWorkbookModel(book: XlsxBook): WorkbookModel {
  const sheets: ModelSheet[] = [];
  const reports: ModelReport[] = [];
  for (const s of book.sheets()) {
    if (s.kind !== "worksheet") continue;
    const names = sheetNames(book, s.index);
    const markedAs = Object.entries(OWN_SHEET_MARKS).find(([mark]) => names.has(mark))?.[1];
    const own: OwnSheet | undefined = OWN_SHEET_NAMES[s.name.toLowerCase()] ?? markedAs;
    const template = parseReportMark(names.get(REPORT_TEMPLATE_MARK));
    if (template && !own) reports.push({ sheet: s.name, template });
    sheets.push({ name: s.name, visibility: s.visibility, ...(own ? { own } : {}), blocks: own ? [] : cellBlocks(book.scan(s.name).cells) });
  }
  const registry = registryOf(book);
  const tables: ModelTable[] = [];
  for (const t of book.tables()) {
    const entry = registry.entries.find((e) => e.tableId === t.id) ?? registry.entries.find((e) => e.tableName.toLowerCase() === t.name.toLowerCase() || e.tableName.toLowerCase() === t.displayName.toLowerCase());
    if (entry) tables.push({ name: t.displayName || t.name, sheet: t.sheet, area: t.area, entry });
  }
  return { sheets, tables, reports, registryProblems: registry.problems };
}
