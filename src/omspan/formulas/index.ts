/** The formula catalogue and what a face needs to evaluate it. */
export { FORMULAS, formulaSpec, checkArity, evaluateFormula } from "./catalogue";
export { dataSource, type CellValue, type DataSource, type FormulaSpec, type Grid, type ParamSpec, type Prepared } from "./types";
export { cellErrorKind, type CellErrorKind } from "./cell-errors";
export { formulaInLocale, formulaText, listSeparatorFor, type FormulaArg, type ListSeparator } from "./locale";
