/**
 * Siap Rapat: the checks a finance officer makes before a meeting — freshness, errors, ties, domain —
 * over a read-only workbook model (model.ts) that Excel and .xlsx files both provide, and the rows of
 * the `Siap Rapat` sheet that shows them.
 */
export * from "./model";
export * from "./types";
export { checkWorkbook } from "./check-workbook";
export type { CheckSource } from "./context";
export { CHECK_TITLES } from "./titles";
export { REPORT_TEMPLATE_MARK, reportMarkFormula, parseReportMark, OWN_SHEET_MARKS, OWN_SHEET_NAMES, SIAP_RAPAT_MARK, PRESENTED_MARK } from "./report-mark";
export { workingDaysBetween } from "./freshness";
export { siapRapatRows, statusWord, cellLink, sheetRef, SHEET_COLUMNS, LINKS_PER_ROW, type SheetRowCell } from "./sheet-rows";
