/**
 * Excel's calculation for the stand-in, for tests whose workbook must hold computed values the way
 * Excel would (Siap Rapat reads what the cells show): `=OMSPAN.…` cells through the formula catalogue
 * over the test's real Store (async, as the custom function is: #BUSY! until the answer), and every
 * other formula (SUM, SUBTOTAL, IF, RANK.EQ …) once the store is idle, from the cells it reads —
 * errors propagate as in Excel. The formulas are evaluated by the core's sheet evaluator; what Siap
 * Rapat checks them against is the catalogue, over the store, independently.
 */
import { dataSource, formulaSpec } from "../../src/omspan/formulas";
import type { DatasetId } from "../../src/omspan/routes";
import { SheetError, catalogueResolver, parseFormula, type SheetErrorCode } from "../../src/omspan/sheet-calc";
import { evaluateNode } from "../../src/omspan/sheet-calc/evaluate";
import type { EvalContext } from "../../src/omspan/sheet-calc/context";
import type { Connection, Store } from "../../src/omspan/store";
import type { Evaluator, SheetModel, WorkbookModel } from "./excel-standin/model";
import { isErrorValue } from "./excel-standin/model";

const OMSPAN = /^=\s*OMSPAN\./i;

type Scalar = string | number | boolean | null | SheetError;

function context(wb: WorkbookModel, sheet: SheetModel, omspan: EvalContext["omspan"]): EvalContext {
  const memo = new Map<string, Scalar>();
  const sheetOf = (w: string) => wb.sheet(w)?.name;
  const value = (name: string, row: number, col: number): Scalar => {
    const s = wb.sheet(name);
    const cell = s?.get(row, col);
    if (!cell) return null;
    if (cell.f && !OMSPAN.test(cell.f)) {
      const key = `${name}!${row},${col}`;
      if (!memo.has(key)) {
        memo.set(key, new SheetError("#CALC!"));
        const v = evaluateNode(parseFormula(cell.f), { ...ctx, sheet: s!.name });
        memo.set(key, (typeof v === "object" && v !== null && "range" in v ? new SheetError("#VALUE!") : v) as Scalar);
      }
      return memo.get(key)!;
    }
    if (isErrorValue(cell.v)) return new SheetError(cell.v as SheetErrorCode);
    return cell.v === "" ? null : cell.v;
  };
  const ctx: EvalContext = {
    sheet: sheet.name,
    sheetOf,
    value,
    isSubtotal: (name, row, col) => /^=\s*SUBTOTAL\(/i.test(wb.sheet(name)?.get(row, col)?.f ?? ""),
    omspan,
  };
  return ctx;
}

const shown = (v: unknown): string | number | boolean => {
  if (v instanceof SheetError) return v.code;
  if (typeof v === "object" && v !== null) return "#VALUE!";
  return v === null || v === undefined ? "" : (v as string | number | boolean);
};

export function excelCalc(store: Store, conn: () => Connection): Evaluator {
  return (formula, wb, sheet) => {
    if (!sheet) return undefined;
    if (/^=DATE\(/i.test(formula)) return undefined;
    const hyperlink = /^=HYPERLINK\(.*,"((?:[^"]|"")*)"\)$/i.exec(formula);
    if (hyperlink) return hyperlink[1]!.replace(/""/g, '"');
    const tree = parseFormula(formula);
    return (async () => {
      try {
        if (!OMSPAN.test(formula)) {
          // Excel calculates the cells reading async results once those arrive.
          await store.whenIdle();
          await new Promise((r) => setTimeout(r, 0));
          return shown(evaluateNode(tree, context(wb, sheet, () => new SheetError("#N/A"))));
        }
        const wanted = new Set<DatasetId>();
        evaluateNode(tree, context(wb, sheet, (name, args) => {
          for (const d of formulaSpec(name).prepare(args).datasets) wanted.add(d);
          return 0;
        }));
        const held = await Promise.all([...wanted].map((d) => store.get(conn(), d)));
        return shown(evaluateNode(tree, context(wb, sheet, catalogueResolver(dataSource(...held), wanted))));
      } catch {
        return "#N/A";
      }
    })();
  };
}
