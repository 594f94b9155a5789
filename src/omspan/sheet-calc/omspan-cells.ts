/**
 * The OMSPAN cells of a workbook with their arguments read from the cells they reference, as Excel
 * would hand them to the custom function (a range as rows of values, an empty cell as null) — what a
 * refresh recomputes through the catalogue, and what Siap Rapat checks. Reads values as the workbook
 * holds them (no recalculation).
 */
import { evaluateNode } from "./evaluate";
import { isRange, rangeRows, type EvalContext } from "./context";
import { isSheetError, UnsupportedFormulaError } from "./errors";
import { callsOmspan } from "./file-form";
import { parseFormula } from "./parse";
import { structuredArea } from "./structured";
import type { CalcBook, FormulaCell } from "./recalc";

export interface OmspanCell extends FormulaCell {
  /** The function after `OMSPAN.` (`REALISASI.BULAN`), when the formula is one OMSPAN call. */
  readonly name?: string;
  /** Its arguments, read from the workbook; absent when the formula is more than one call. */
  readonly args?: readonly unknown[];
  /** Why the arguments could not be read. */
  readonly problem?: { readonly en: string; readonly id: string };
}

export function omspanCells(book: CalcBook): OmspanCell[] {
  const names = new Map(book.sheets.map((s) => [s.toLowerCase(), s]));
  const out: OmspanCell[] = [];
  const tables = book.tables?.();
  for (const cell of book.formulas()) {
    if (!callsOmspan(cell.formula)) continue;
    try {
      const tree = parseFormula(cell.formula, tables ? { structured: (t, spec) => structuredArea(tables, t, spec, cell) } : {});
      if (tree.k !== "call" || !tree.name.startsWith("OMSPAN.")) {
        out.push({ ...cell });
        continue;
      }
      const ctx: EvalContext = {
        sheet: cell.sheet,
        sheetOf: (w) => names.get(w.toLowerCase()),
        value: (s, r, c) => book.value(s, r, c),
        isSubtotal: () => false,
        omspan: () => {
          throw new UnsupportedFormulaError({ en: "an OMSPAN call inside an argument", id: "panggilan OMSPAN di dalam argumen" });
        },
      };
      const args = tree.args.map((a) => {
        if (!a) return null;
        const v = evaluateNode(a, ctx);
        if (isRange(v)) {
          const rows = rangeRows(v, ctx);
          return rows.length === 1 && rows[0]!.length === 1 ? rows[0]![0] : rows;
        }
        return isSheetError(v) ? v.code : v;
      });
      out.push({ ...cell, name: tree.name.slice("OMSPAN.".length), args });
    } catch (e) {
      if (!(e instanceof UnsupportedFormulaError)) throw e;
      out.push({ ...cell, problem: e.reason });
    }
  }
  return out;
}
