/**
 * The sheets the add-in owns, in a file: the registry sheet (very hidden OMSPAN_TABLES — the registry at
 * A:F, a frozen workbook's pin at H:M, as the Excel side keeps them) and the change report (the sheet
 * carrying the hidden sheet-scoped name OMSPAN_CHANGE_REPORT; a user's own "Perubahan" is never touched:
 * a new report takes the next free name). Cell text is data in a file (`t="s"`): the formula guard's
 * apostrophe, which Excel's writer needs, is taken off here.
 */
import { parsePinRows, PIN_COLUMNS, type ParsedPin } from "../../omspan/snapshots/pin";
import { isSheetError, type Scalar } from "../../omspan/sheet-calc";
import { PIN_COLUMN, REGISTRY_COLUMNS, REGISTRY_SHEET, parseRegistryRows, registryRows, type CellValue, type ParsedRegistry, type RegistryEntry } from "../../omspan/tables";
import { REPORT_MARK, REPORT_SHEET } from "../../omspan/workbook/change-report";
import { uniqueSheetName } from "../../omspan/workbook/sheet-name";
import type { XlsxBook } from "../book";
import type { CellWrite } from "../sheet-edit";

/** A new, empty worksheet part. */
export const EMPTY_SHEET =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1"/><sheetData/></worksheet>';

/** A cell's value as a sheet read gives it (Excel's `values`): text, numbers, booleans; an error as its code; empty "". */
export function plainValue(v: Scalar): string | number | boolean {
  if (v === null) return "";
  if (isSheetError(v)) return v.code;
  return v;
}

/** The sheet's name as the workbook spells it, if it has one of that name (any case). */
function sheetNamed(book: XlsxBook, name: string): string | undefined {
  return book.sheets().find((s) => s.kind === "worksheet" && s.name.toLowerCase() === name.toLowerCase())?.name;
}

/** Rows [0, last used] of `cols` columns from `col`, dense, as values. */
function block(book: XlsxBook, sheet: string, col: number, cols: number): unknown[][] {
  const cells = book.scan(sheet).cells.filter((c) => c.col >= col && c.col < col + cols && c.value !== null);
  const last = Math.max(-1, ...cells.map((c) => c.row));
  const rows: unknown[][] = Array.from({ length: last + 1 }, () => new Array<unknown>(cols).fill(""));
  for (const c of cells) rows[c.row]![c.col - col] = plainValue(c.value);
  return rows;
}

export function readRegistry(book: XlsxBook): ParsedRegistry {
  const sheet = sheetNamed(book, REGISTRY_SHEET);
  return sheet ? parseRegistryRows(block(book, sheet, 0, REGISTRY_COLUMNS)) : { entries: [], problems: [] };
}

export function readPin(book: XlsxBook): ParsedPin {
  const sheet = sheetNamed(book, REGISTRY_SHEET);
  return sheet ? parsePinRows(block(book, sheet, PIN_COLUMN, PIN_COLUMNS)) : { problems: [] };
}

/** Rewrites the registry's columns A:F (the pin's, H:M, stay as they are); the sheet is made very hidden when absent. */
export function writeRegistry(book: XlsxBook, entries: readonly RegistryEntry[]): void {
  const sheet = sheetNamed(book, REGISTRY_SHEET) ?? book.addSheet(REGISTRY_SHEET, EMPTY_SHEET, "veryHidden").name;
  const rows = registryRows(entries);
  const writes: CellWrite[] = [];
  const covered = new Set<string>();
  rows.forEach((r, row) =>
    r.forEach((value, col) => {
      covered.add(`${row},${col}`);
      writes.push({ row, col, content: value === "" ? { kind: "remove" } : { kind: "value", value } });
    }),
  );
  for (const c of book.scan(sheet).cells) {
    if (c.col < REGISTRY_COLUMNS && !covered.has(`${c.row},${c.col}`)) writes.push({ row: c.row, col: c.col, content: { kind: "remove" } });
  }
  book.writeCells(sheet, writes);
}

/** The add-in's report sheet: the one its mark is scoped to, or a new one (with the mark) under a free name. */
function reportSheet(book: XlsxBook): string {
  const marked = book.workbook.definedNames.find((d) => d.name.toLowerCase() === REPORT_MARK.toLowerCase() && d.localSheetId !== undefined);
  const ours = marked ? book.sheets()[marked.localSheetId!] : undefined;
  if (ours?.kind === "worksheet") return ours.name;
  const name = uniqueSheetName(REPORT_SHEET, book.sheets().map((s) => s.name));
  const added = book.addSheet(name, EMPTY_SHEET);
  book.addDefinedName(REPORT_MARK, "TRUE", added.index, true);
  return name;
}

/** The text as a file holds it: the guard's apostrophe (cellText) taken off — a file's text is never a formula. */
const unguarded = (v: CellValue) => (typeof v === "string" && v.startsWith("'") ? v.slice(1) : v);

/** Rewrites the change report sheet whole; answers its name. */
export function writeChangeReport(book: XlsxBook, rows: readonly CellValue[][]): string {
  const sheet = reportSheet(book);
  const writes: CellWrite[] = [];
  rows.forEach((r, row) =>
    r.forEach((v, col) => {
      const value = unguarded(v);
      if (value !== "") writes.push({ row, col, content: { kind: "value", value } });
    }),
  );
  book.replaceSheetCells(sheet, writes);
  return sheet;
}
