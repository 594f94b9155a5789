/**
 * A report as data: the cells of one sheet (texts, numbers, formulas in Excel's invariant English form with
 * `,` separators — what Office.js `range.formulas` and .xlsx files both take), their number formats and
 * styles, frozen panes, conditional formats, a chart, and print settings. The templates build this; the
 * Excel writer (and later a workbook-file writer) only lays it out, so every face builds the same report.
 */
import { columnName as columnLetter } from "../sheet-calc/refs";

/** How a cell's number is shown; the writers map these to Excel number formats. */
export type CellFormat = "rupiah" | "percent" | "score" | "text" | "integer" | "datetime" | "date";
/** The role of a cell in the layout; the writers map these to fonts, fills and borders. */
export type CellStyle = "title" | "subtitle" | "note" | "header" | "group" | "label" | "subtotal" | "total" | "input";

export interface GridCell {
  /** A text or number written as it is (a code stays text: leading zeros kept). */
  readonly value?: string | number;
  /** A formula, starting with `=`. */
  readonly formula?: string;
  readonly format?: CellFormat;
  readonly style?: CellStyle;
}

export interface ConditionalRule {
  /** A1 range on the report's sheet. */
  readonly range: string;
  /**
   * `negative`: values below zero highlighted (pagu minus); `nonzero`: any value but zero highlighted (a
   * reconciliation's differences); `colorScale`: red–yellow–green per column.
   */
  readonly rule: "negative" | "nonzero" | "colorScale";
}

export interface LineChart {
  readonly kind: "line";
  readonly title: string;
  /** A1 range of the category labels (months). */
  readonly categories: string;
  readonly series: readonly { readonly name: string; readonly values: string }[];
  /** Top-left cell of the chart. */
  readonly anchor: string;
}

export interface ReportGrid {
  readonly template: string;
  /** Sheet name: ≤ 31 characters, none of Excel's forbidden `[]:*?/\`. */
  readonly sheetName: string;
  /** Rows of cells; `undefined` = an empty cell. */
  readonly cells: readonly (readonly (GridCell | undefined)[])[];
  /** Column widths in characters. */
  readonly columnWidths: readonly number[];
  readonly freeze: { readonly rows: number; readonly columns: number };
  readonly conditional: readonly ConditionalRule[];
  readonly charts: readonly LineChart[];
  /** Printed on A4 landscape, one page wide, these rows repeated on every page (e.g. "1:6"). */
  readonly print: { readonly orientation: "landscape"; readonly paper: "A4"; readonly titleRows: string };
}

/** Column letters of a 0-based column index (0 → A, 26 → AA): the sheet evaluator's one function. */
export { columnLetter };

/** An A1 reference of a 0-based row and column; `$` before the column and/or the row when fixed. */
export function ref(row: number, col: number, fix: "" | "col" | "row" | "both" = ""): string {
  const c = fix === "col" || fix === "both" ? `$${columnLetter(col)}` : columnLetter(col);
  const r = fix === "row" || fix === "both" ? `$${row + 1}` : String(row + 1);
  return c + r;
}

/** An A1 range of 0-based corners. */
export function rangeRef(top: number, left: number, bottom: number, right: number): string {
  return `${ref(top, left)}:${ref(bottom, right)}`;
}

/** A text as an Excel formula string literal. */
export function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** An OMSPAN call: `=OMSPAN.NAME(a,b,…)` with trailing omitted arguments dropped. */
export function omspan(name: string, ...args: (string | undefined)[]): string {
  let last = args.length;
  while (last > 0 && args[last - 1] === undefined) last--;
  return `=OMSPAN.${name}(${args.slice(0, last).map((a) => a ?? "").join(",")})`;
}

/** Builds a grid cell by cell; rows and columns grow as cells are set. */
export class GridBuilder {
  private readonly rows: (GridCell | undefined)[][] = [];

  set(row: number, col: number, cell: GridCell): void {
    while (this.rows.length <= row) this.rows.push([]);
    this.rows[row]![col] = cell;
  }

  /** Sets consecutive cells of a row from `col` on. */
  line(row: number, col: number, cells: readonly (GridCell | undefined)[]): void {
    cells.forEach((cell, i) => cell && this.set(row, col + i, cell));
  }

  get rowCount(): number {
    return this.rows.length;
  }

  /** The rows, each padded to the widest. */
  cells(): (GridCell | undefined)[][] {
    const width = Math.max(0, ...this.rows.map((r) => r.length));
    return this.rows.map((r) => Array.from({ length: width }, (_, i) => r[i]));
  }
}

export interface GridCounts {
  readonly rows: number;
  readonly columns: number;
  /** Cells calling an OMSPAN function. */
  readonly omspanFormulas: number;
  /** Other formulas (totals, sisa, %, rank): ordinary Excel. */
  readonly excelFormulas: number;
}

const OMSPAN_CALL = /\bOMSPAN\./i;

/** What a report holds, as the pane's preview shows it before building. */
export function gridCounts(grid: ReportGrid): GridCounts {
  let omspanFormulas = 0;
  let excelFormulas = 0;
  for (const row of grid.cells) {
    for (const cell of row) {
      if (!cell?.formula) continue;
      if (OMSPAN_CALL.test(cell.formula)) omspanFormulas++;
      else excelFormulas++;
    }
  }
  return { rows: grid.cells.length, columns: grid.cells[0]?.length ?? 0, omspanFormulas, excelFormulas };
}
