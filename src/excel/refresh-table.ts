/**
 * One table's refresh in Excel: the core's decisions (src/omspan/workbook/refresh-table.ts) over the Excel
 * workbook port, for a caller that already holds an Excel.RequestContext.
 */
import type { DatasetData } from "../omspan/store/dataset-data";
import type { Lang } from "../omspan/i18n";
import type { DateSystem } from "../omspan/tables";
import type { TableProgress } from "../omspan/workbook/outcome";
import { refreshTable as refreshOn, type FoundTable, type TableRefresh } from "../omspan/workbook/refresh-table";
import { ExcelWorkbook } from "./excel-workbook";

export type { TableRefresh };

export function refreshTable(
  context: Excel.RequestContext,
  job: FoundTable,
  data: DatasetData,
  dateSystem: DateSystem,
  lang: Lang,
  onProgress?: (p: TableProgress) => void,
): Promise<TableRefresh> {
  return refreshOn(new ExcelWorkbook(context), job, data, dateSystem, lang, onProgress);
}
