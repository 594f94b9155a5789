/**
 * The formula builder's two touches of Excel: read what the user selected (to use as an argument), and
 * write a formula into the active cell. `Range.formulas` takes the formula in the `,` (en-US) form in
 * every locale — Excel shows it in the user's separator — so the pane hands over `formulaText(…, ",")`.
 */
import { runExcel } from "./excel-run";

/** The selected range: its sheet-qualified address and its values (one cell: a 1×1 matrix). */
export interface SelectionInfo {
  readonly address: string;
  readonly values: unknown[][];
}

export async function readSelection(): Promise<SelectionInfo> {
  return runExcel(async (context) => {
    const range = context.workbook.getSelectedRange();
    range.load("address,values");
    await context.sync();
    return { address: range.address, values: range.values };
  });
}

/** Writes the formula into the active cell; answers the cell's address. */
export async function insertFormulaAtActiveCell(formula: string): Promise<string> {
  return runExcel(async (context) => {
    const cell = context.workbook.getActiveCell();
    cell.formulas = [[formula]];
    cell.load("address");
    await context.sync();
    return cell.address;
  });
}
