/**
 * A report sheet read back as the checks need it: its OMSPAN calls with their arguments read from the
 * sheet's own cells (as Excel hands them to the custom function: `$B$4` is the scope's satker, `$A9`
 * the row's akun), the scope (B4, and B5 where the formulas read a filter), and the month its calls
 * name. Nothing is taken from the report's labels: a renamed title or a translated header changes
 * nothing here.
 */
import { SheetError, callsOmspan, omspanCells, parseFormula, type CalcBook, type FormulaCell, type Node, type Scalar, type SheetErrorCode } from "../sheet-calc";
import type { ModelReport, ModelValue } from "./model";
import { isModelError } from "./model";
import { SheetGrid } from "./sheet-grid";

export interface CallCell {
  readonly row: number;
  readonly col: number;
  /** After `OMSPAN.`: `PAGU`, `REALISASI.BULAN`. */
  readonly name: string;
  readonly args: readonly unknown[];
  readonly value: ModelValue;
}

export interface ReportLayout {
  readonly report: ModelReport;
  readonly grid: SheetGrid;
  readonly calls: readonly CallCell[];
  /** The month the report runs through (its calls' `bulan`), where it names one. */
  readonly month?: number;
  /** The scope as the report's cells hold it: the satker argument (B4) and the filter (B5), if any. */
  readonly satker: string;
  readonly filter?: string;
  callAt(row: number, col: number): CallCell | undefined;
  /** A cell's formula parsed (memoised); undefined when it holds none or one that cannot be read. */
  tree(row: number, col: number): Node | undefined;
}

/** A model value as the evaluator reads it. */
export function scalarOfModel(v: ModelValue): Scalar {
  if (isModelError(v)) return new SheetError(v.error as SheetErrorCode);
  return v;
}

/** A grid as a one-sheet CalcBook (the sheet-calc reader of OMSPAN cells' arguments). */
export function gridCalcBook(grid: SheetGrid): CalcBook {
  return {
    sheets: [grid.name],
    *formulas(): Iterable<FormulaCell> {
      for (const c of grid.cells()) if (c.formula) yield { sheet: grid.name, row: c.row, col: c.col, formula: c.formula };
    },
    value: (sheet, row, col) => (sheet.toLowerCase() === grid.name.toLowerCase() ? scalarOfModel(grid.value(row, col)) : null),
  };
}

const text = (v: ModelValue): string => (v === null || isModelError(v) ? "" : String(v));
const key = (row: number, col: number) => row * 16_384 + col;

export function readReportLayout(report: ModelReport, grid: SheetGrid): ReportLayout {
  const calls: CallCell[] = [];
  const at = new Map<number, CallCell>();
  let usesFilter = false;
  let month: number | undefined;
  for (const c of omspanCells(gridCalcBook(grid))) {
    if (c.formula.includes("$B$5")) usesFilter = true;
    if (!c.name || !c.args) continue;
    const call: CallCell = { row: c.row, col: c.col, name: c.name, args: c.args, value: grid.value(c.row, c.col) };
    calls.push(call);
    at.set(key(c.row, c.col), call);
    if ((c.name === "REALISASI.BULAN" || c.name === "IKPA") && typeof c.args[2] === "number") month = Math.max(month ?? 0, c.args[2]);
  }
  const trees = new Map<number, Node | null>();
  return {
    report,
    grid,
    calls,
    month,
    satker: text(grid.value(3, 1)),
    ...(usesFilter ? { filter: text(grid.value(4, 1)) } : {}),
    callAt: (row, col) => at.get(key(row, col)),
    tree(row, col) {
      const k = key(row, col);
      if (!trees.has(k)) {
        const f = grid.formula(row, col);
        let t: Node | null = null;
        try {
          t = f ? parseFormula(f) : null;
        } catch {
          t = null;
        }
        trees.set(k, t);
      }
      return trees.get(k) ?? undefined;
    },
  };
}

/** Whether a formula calls OMSPAN (either spelling). */
export const isOmspanFormula = (f: string | null): f is string => f !== null && callsOmspan(f);
