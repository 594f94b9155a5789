/**
 * Re-running OMSPAN formulas after the store forgot its data. Custom functions are not volatile, so the
 * sheets are calculated with every cell marked dirty — this workbook's sheets only — and OMSPAN cells
 * showing an error get their formula re-entered (see formula-cells.ts). Counting the cells is for the
 * log: it never fails the recalculation.
 */
import { rerunOmspanCells, scanOmspanCells, type OmspanCell } from "./formula-cells";

export interface RecalcResult {
  /** OMSPAN cells found (undefined when they could not be counted). */
  readonly cells?: number;
  /** Cells in an error state whose formula was re-entered. */
  readonly rerun: number;
}

/** The sheets of a scope: the active one, or every visible and hidden sheet (very hidden are ours). */
export async function sheetsOf(context: Excel.RequestContext, scope: "sheet" | "workbook"): Promise<Excel.Worksheet[]> {
  if (scope === "sheet") return [context.workbook.worksheets.getActiveWorksheet()];
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/visibility");
  await context.sync();
  return sheets.items.filter((s) => s.visibility !== Excel.SheetVisibility.veryHidden);
}

/** Recalculates the active sheet or the whole workbook (its sheets, not other open workbooks). */
export async function recalculateOmspanFormulas(scope: "sheet" | "workbook"): Promise<RecalcResult> {
  return Excel.run(async (context) => {
    const sheets = await sheetsOf(context, scope);
    let cells: OmspanCell[] | undefined;
    try {
      cells = await scanOmspanCells(context, sheets);
    } catch (err) {
      console.warn("OMSPAN: could not count the OMSPAN cells; recalculating anyway", err);
    }
    const rerun = await rerunOmspanCells(context, sheets, cells ?? []);
    return { cells: cells?.length, rerun };
  });
}
