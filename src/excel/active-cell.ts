/**
 * The formula builder's two touches of Excel: read what the user selected (to use as an argument), and
 * write a formula into the active cell. `Range.formulas` takes the formula in the `,` (en-US) form in
 * every locale — Excel shows it in the user's separator — so the pane hands over `formulaText(…, ",")`.
 */
import { InvalidArgumentError } from "../omspan/errors";
import { runExcel } from "./excel-run";

/** The most cells a selection may have to be read as an argument (a whole column would be a million). */
export const MAX_SELECTION_CELLS = 50_000;

/** The selected range: its sheet-qualified address and its values (one cell: a 1×1 matrix). */
export interface SelectionInfo {
  readonly address: string;
  readonly values: unknown[][];
}

/**
 * Reads the selection: its size first (several areas make getSelectedRange throw, and a whole column would
 * near Excel's 5 MB answer limit), then its values. Refuses, in the user's words, what cannot be an argument.
 */
export async function readSelection(): Promise<SelectionInfo> {
  return runExcel(async (context) => {
    const areas = context.workbook.getSelectedRanges();
    areas.load("areaCount,cellCount,address");
    await context.sync();
    if (areas.areaCount !== 1) {
      throw new InvalidArgumentError("selection", {
        en: `${areas.address} is ${areas.areaCount} separate ranges: select one range`,
        id: `${areas.address} terdiri dari ${areas.areaCount} rentang terpisah: pilih satu rentang`,
      });
    }
    if (areas.cellCount > MAX_SELECTION_CELLS) {
      throw new InvalidArgumentError("selection", {
        en: `${areas.address} has ${areas.cellCount.toLocaleString("en")} cells; select at most ${MAX_SELECTION_CELLS.toLocaleString("en")}`,
        id: `${areas.address} berisi ${areas.cellCount.toLocaleString("id")} sel; pilih paling banyak ${MAX_SELECTION_CELLS.toLocaleString("id")}`,
      });
    }
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
    cell.load("numberFormat");
    await context.sync();
    // A formula typed into a Text cell stays text: the cell becomes General first.
    if (cell.numberFormat[0]![0] === "@") cell.numberFormat = [["General"]];
    cell.formulas = [[formula]];
    cell.load("address");
    await context.sync();
    return cell.address;
  });
}
