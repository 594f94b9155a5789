/**
 * Refresh of a sheet, the workbook or one table in Excel: the core's one refresh
 * (src/omspan/workbook/refresh.ts) over the Excel workbook port, inside one Excel.run.
 */
import { refreshBook, type RefreshScope } from "../omspan/workbook/refresh";
import type { RefreshSummary, TableDeps, TableProgress } from "../omspan/workbook/outcome";
import { ExcelWorkbook } from "./excel-workbook";
import { runExcel } from "./excel-run";

export type { RefreshScope };

export function refreshScope(deps: TableDeps, scope: RefreshScope, onProgress?: (p: TableProgress) => void): Promise<RefreshSummary> {
  return runExcel((context) => refreshBook(new ExcelWorkbook(context), deps, scope, onProgress));
}
