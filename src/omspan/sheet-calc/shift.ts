/**
 * Moving a formula to another cell, as Excel does for the cells of a shared formula (`<f t="shared">`
 * is written once, on its first cell): relative references move by the offset, `$`-fixed parts stay.
 * A reference moved off the grid becomes #REF!, as in Excel.
 */
import { columnName } from "./refs";
import { tokenize } from "./tokens";

export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  let out = "";
  let at = 0;
  for (const t of tokenize(formula)) {
    if (t.kind !== "ref") continue;
    const row = t.rowAbs ? t.row : t.row + dRow;
    const col = t.colAbs ? t.col : t.col + dCol;
    const cell = row < 0 || col < 0 || row >= 1_048_576 || col >= 16_384 ? "#REF!" : `${t.colAbs ? "$" : ""}${columnName(col)}${t.rowAbs ? "$" : ""}${row + 1}`;
    out += formula.slice(at, t.cellStart) + cell;
    at = t.end;
  }
  return out + formula.slice(at);
}
