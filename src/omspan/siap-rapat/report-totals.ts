/**
 * Where each template keeps its totals, and what each total stands for: the template knows its scope.
 * A total row names the detail row its columns' formulas are read from and the substitution of the
 * per-row key (realisasi-bulanan: the akun becomes the spending type's prefix, or "" for the grand
 * total; ringkasan-satker: the satker becomes the report's scope; sisa-dana: satker and akun become the
 * subtotal's satker and "", or the scope and "" for the grand total). Kurva S has no total row: its
 * pagu and cumulative cells are themselves the scope's figures.
 */
import { parseArea } from "../sheet-calc";
import { isModelError, type ModelValue } from "./model";
import type { ReportLayout } from "./report-layout";
import type { Substitution } from "./scope-eval";

export interface TotalRow {
  readonly row: number;
  /** The detail rows it covers: their formulas say what each column holds. */
  readonly details: readonly number[];
  readonly subst: Substitution;
  /** Per column, the detail row whose formula says what the total should be (whatever the total cell holds now). */
  readonly cols: ReadonlyMap<number, number>;
  readonly grand: boolean;
}

const text = (v: ModelValue) => (v === null || isModelError(v) ? "" : String(v));
const TOTAL = /^=\s*(?:SUBTOTAL\(\s*9\s*,|SUM\()\s*(\$?[A-Z]+\$?\d+:\$?[A-Z]+\$?\d+)\s*\)$/i;

/** The rows a total formula in (row, col) covers: [top, bottom], or undefined when it is not one. */
export function totalRange(layout: ReportLayout, row: number, col: number): [number, number] | undefined {
  const f = layout.grid.formula(row, col);
  const m = f ? TOTAL.exec(f) : null;
  const a = m ? parseArea(m[1]!.replace(/\$/g, "")) : undefined;
  return a && a.left === col && a.right === col ? [a.top, a.bottom] : undefined;
}

/** The width of the sheet's used area. */
const widthOf = (layout: ReportLayout) => layout.grid.sheet.blocks.reduce((w, b) => Math.max(w, b.left + (b.values[0]?.length ?? 0)), 0);

/**
 * Total rows: rows with a total formula (in any column from `fromCol`: one typed over by hand must not
 * hide its row) covering a detail row. The grand total covers the other totals (or is the only one).
 * Its columns are the detail row's formula columns, whatever the total row's cells hold now.
 */
function totalRows(layout: ReportLayout, fromCol: number, isDetail: (row: number) => boolean, subst: (row: number, detail: number, grand: boolean) => Substitution): TotalRow[] {
  const width = widthOf(layout);
  const found: { row: number; details: number[]; range: [number, number] }[] = [];
  for (let r = 0; r < layout.grid.rowEnd; r++) {
    let range: [number, number] | undefined;
    for (let c = fromCol; c < width && !range; c++) range = totalRange(layout, r, c);
    if (!range) continue;
    const details: number[] = [];
    for (let d = range[0]; d <= range[1]; d++) if (isDetail(d)) details.push(d);
    if (details.length) found.push({ row: r, details, range });
  }
  return found.map(({ row, details, range }) => {
    const grand = found.length === 1 || found.some((o) => o.row !== row && o.row >= range[0] && o.row <= range[1]);
    const cols = new Map<number, number>();
    for (let c = 1; c < width; c++) {
      const d = details.find((x) => layout.tree(x, c));
      if (d !== undefined) cols.set(c, d);
    }
    return { row, details, subst: subst(row, details[0]!, grand), cols, grand };
  });
}

export function reportTotals(layout: ReportLayout): TotalRow[] {
  const call = (name: string, col: number) => (row: number) => layout.callAt(row, col)?.name === name;
  switch (layout.report.template) {
    case "realisasi-bulanan":
      return totalRows(layout, 1, call("PAGU", 1), (_row, detail, grand) => new Map([[0, grand ? "" : text(layout.grid.value(detail, 0)).slice(0, 2)]]));
    case "ringkasan-satker":
      return totalRows(layout, 1, call("PAGU", 1), () => new Map([[0, layout.satker]]));
    case "sisa-dana":
      return totalRows(layout, 2, call("DANA", 2), (row, _detail, grand) => new Map([[0, grand ? layout.satker : text(layout.grid.value(row, 0))], [1, ""]]));
    default:
      return [];
  }
}

/** Kurva S: the pagu cell and the first month's row (the header is three rows below the pagu). */
export function kurvaRows(layout: ReportLayout): { paguRow: number; first: number; month: number } | undefined {
  // The pagu cell: its PAGU call, or — typed over by hand — the cell every month's % formula divides by.
  let paguRow = layout.calls.find((c) => c.name === "PAGU" && c.col === 1)?.row;
  for (let r = 0; paguRow === undefined && r < layout.grid.rowEnd; r++) {
    const m = /\$B\$(\d+)/.exec(layout.grid.formula(r, 3) ?? "");
    if (m) paguRow = Number(m[1]) - 1;
  }
  if (paguRow === undefined) return undefined;
  const first = paguRow + 4;
  let month = layout.month ?? 0;
  // A month whose cell was typed over still has its % formula beside it.
  for (let m = 1; m <= 12; m++) if (layout.grid.formula(first + m - 1, 3)) month = Math.max(month, m);
  return { paguRow, first, month };
}

/** Realisasi per akun per bulan: the month columns and the cumulative column. */
export function monthColumns(layout: ReportLayout): { months: number[]; cumulative: number } | undefined {
  const month = layout.month;
  if (layout.report.template !== "realisasi-bulanan" || !month) return undefined;
  return { months: Array.from({ length: month }, (_, i) => 2 + i), cumulative: 2 + month };
}
