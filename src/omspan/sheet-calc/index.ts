/**
 * The sheet evaluator: Excel formulas of the fixed list the report templates write (and OMSPAN calls
 * through the formula catalogue), recomputed in dependency order over any workbook a face can read — a
 * file (src/xlsx), a built report grid, later Siap Rapat's checks. Pure: no Node, no Office.
 */
export { recalculate, type CalcBook, type CellResult, type FormulaCell, type Recalculation, type RecalcOptions, type Unevaluated } from "./recalc";
export { gridBook, valuesByCell } from "./grid-book";
export { structuredArea, type CalcTable } from "./structured";
export { omspanCells, type OmspanCell } from "./omspan-cells";
export { recalculateWithOmspan, omspanDatasets, catalogueResolver, type PullDatasets } from "./omspan-calls";
export { SheetError, UnsupportedFormulaError, isSheetError, SHEET_ERROR_CODES, type SheetErrorCode } from "./errors";
export { parseFormula, referencesOf, callsFunction, type Node } from "./parse";
export { tokenize, type Token } from "./tokens";
export { shiftFormula } from "./shift";
export { toFileFormula, toCellFormula, functionName, callsOmspan } from "./file-form";
export { a1Of, areaA1, cellKey, columnIndex, columnName, inArea, parseArea, parseCell, MAX_COLS, MAX_ROWS, type Area, type CellAt } from "./refs";
export type { Scalar } from "./values";
export type { OmspanAnswer } from "./context";
