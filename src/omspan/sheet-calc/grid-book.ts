/**
 * A built report grid as a workbook the evaluator reads (one sheet, named as the grid's), so every face
 * without Excel — the command-line builder, the pane's preview, Siap Rapat — computes a report's values
 * the same way.
 */
import type { ReportGrid } from "../templates/grid";
import { cellKey } from "./refs";
import type { CalcBook, FormulaCell } from "./recalc";
import type { Scalar } from "./values";

export function gridBook(grid: ReportGrid): CalcBook {
  return {
    sheets: [grid.sheetName],
    *formulas(): Iterable<FormulaCell> {
      for (let r = 0; r < grid.cells.length; r++) {
        const row = grid.cells[r]!;
        for (let c = 0; c < row.length; c++) {
          const f = row[c]?.formula;
          if (f) yield { sheet: grid.sheetName, row: r, col: c, formula: f };
        }
      }
    },
    value: (sheet, row, col): Scalar => {
      if (sheet.toLowerCase() !== grid.sheetName.toLowerCase()) return null;
      const cell = grid.cells[row]?.[col];
      return cell?.formula || cell?.value === undefined ? null : cell.value;
    },
  };
}

/** The values of a recalculation as a lookup by cell. */
export function valuesByCell(results: readonly { sheet: string; row: number; col: number; value: Scalar }[]): (sheet: string, row: number, col: number) => Scalar {
  const m = new Map(results.map((r) => [cellKey(r.sheet, r.row, r.col), r.value]));
  return (sheet, row, col) => m.get(cellKey(sheet, row, col)) ?? null;
}
