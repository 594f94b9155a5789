/**
 * One refresh, two workbooks: the orchestration (refresh.ts) over the workbook port (port.ts), the
 * matching of registry entries to tables (locate.ts), one table's decisions (refresh-table.ts), the
 * change report's rows (change-report.ts) and what a refresh answers (outcome.ts).
 */
export * from "./outcome";
export * from "./port";
export { PlacementError, isPlacementError } from "./placement-error";
export { locateTables, type LocatedTable } from "./locate";
export { refreshTable, type FoundTable, type TableRefresh } from "./refresh-table";
export { refreshBook, unknownDateSystem, type RefreshScope, type RefreshOptions } from "./refresh";
export { reportRows, keptLine, keptWarning, REPORT_SHEET, REPORT_MARK } from "./change-report";
export { a1, parseA1, localA1, needsQuotes, type CellBox } from "./a1";
