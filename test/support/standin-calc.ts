/**
 * The Excel stand-in's workbook as the core's sheet evaluator reads it, so a test can compute what Excel
 * would show in a sheet the add-in wrote — SUMIFS over a ledger on another sheet, OMSPAN calls through the
 * formula catalogue — rather than trusting the formulas' text.
 */
import { dataSource } from "../../src/omspan/formulas";
import { recalculateWithOmspan, valuesByCell, type CalcBook, type Scalar } from "../../src/omspan/sheet-calc";
import type { Connection, Store } from "../../src/omspan/store";
import type { ExcelStandin } from "./excel-standin";

export function standinBook(xl: ExcelStandin): CalcBook {
  const sheets = xl.model.sheets;
  return {
    sheets: sheets.map((s) => s.name),
    *formulas() {
      for (const s of sheets) {
        for (const [row, cells] of s.rows) {
          for (let col = 0; col < cells.length; col++) {
            const c = cells[col];
            if (c?.f) yield { sheet: s.name, row, col, formula: c.f };
          }
        }
      }
    },
    value(sheet, row, col): Scalar {
      const c = xl.model.sheet(sheet)?.get(row, col);
      if (!c || c.f) return null;
      return c.v === "" ? null : c.v;
    },
  };
}

/** Every formula of the stand-in's workbook computed; a cell's value by sheet, row, column. */
export async function computeStandin(xl: ExcelStandin, store: Store, conn: Connection): Promise<{ at: (sheet: string, row: number, col: number) => Scalar; unevaluated: number }> {
  const r = await recalculateWithOmspan(standinBook(xl), async (ids) => dataSource(...(await Promise.all(ids.map((d) => store.get(conn, d))))));
  return { at: valuesByCell(r.results), unevaluated: r.unevaluated.length };
}
