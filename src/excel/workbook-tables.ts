/**
 * The pane's list of the workbook's OMSPAN tables (the registry, located as the user left them) and the
 * jump to a sheet (the change report). Read-only: refreshing goes through omspan-tables.ts.
 */
import { runExcel } from "./excel-run";
import type { DatasetId } from "../omspan/routes";
import { readRegistry } from "./hidden-sheets";
import { locateTables } from "./locate-tables";

export interface WorkbookTable {
  /** The id the registry knows it by (refresh it with this). */
  readonly tableId: string;
  readonly name: string;
  readonly sheet: string;
  readonly dataset: DatasetId;
  /** When last pulled (ISO) and OMSPAN's cut-off day (days since 1970-01-01). */
  readonly asOf?: { readonly fetchedAt: string; readonly maxDate?: number };
  /** False: the table was deleted since it was inserted (a refresh forgets it). */
  readonly present: boolean;
}

export async function listOmspanTables(): Promise<WorkbookTable[]> {
  return runExcel(async (context) => {
    const registry = await readRegistry(context);
    const located = await locateTables(context, registry.entries);
    return located.map(({ entry, found }) => ({
      tableId: entry.tableId,
      name: found?.name ?? entry.tableName,
      sheet: found?.sheet ?? entry.sheet,
      dataset: entry.query.dataset,
      ...(entry.asOf ? { asOf: entry.asOf } : {}),
      present: Boolean(found),
    }));
  });
}

/** Shows a sheet (the change report after a refresh). */
export async function activateSheet(name: string): Promise<void> {
  await runExcel(async (context) => {
    context.workbook.worksheets.getItem(name).activate();
    await context.sync();
  });
}
