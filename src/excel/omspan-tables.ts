/**
 * The table and refresh API the pane and the ribbon call: insert a table, refresh one table, the active
 * sheet or the workbook, each with progress callbacks and a result summary. Progress is also broadcast to
 * `onTableProgress` listeners, so an open pane shows a refresh the ribbon started.
 */
import { insertTable as insert, type InsertInput } from "./insert-table";
import { refreshScope } from "./refresh";
import type { InsertResult, RefreshSummary, TableDeps, TableProgress } from "./table-outcome";

const listeners = new Set<(p: TableProgress) => void>();

/** Subscribes to every insert's and refresh's progress; returns the unsubscribe function. */
export function onTableProgress(listener: (p: TableProgress) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function fanOut(own?: (p: TableProgress) => void): (p: TableProgress) => void {
  return (p) => {
    own?.(p);
    for (const l of listeners) {
      try {
        l(p);
      } catch (err) {
        console.warn("OMSPAN: a progress listener failed", err);
      }
    }
  };
}

/** Inserts a dataset (filtered by the query) as a new Excel table. */
export function insertTable(deps: TableDeps, input: InsertInput, onProgress?: (p: TableProgress) => void): Promise<InsertResult> {
  return insert(deps, input, fanOut(onProgress));
}

/** Refreshes the OMSPAN tables and formulas of the active sheet. */
export function refreshSheet(deps: TableDeps, onProgress?: (p: TableProgress) => void): Promise<RefreshSummary> {
  return refreshScope(deps, "sheet", fanOut(onProgress));
}

/** Refreshes every OMSPAN table and formula of the workbook. */
export function refreshWorkbook(deps: TableDeps, onProgress?: (p: TableProgress) => void): Promise<RefreshSummary> {
  return refreshScope(deps, "workbook", fanOut(onProgress));
}

/**
 * Refreshes one OMSPAN table (by its registry id, or its name) and the OMSPAN formulas of its sheet;
 * only its dataset is pulled again.
 */
export function refreshOneTable(deps: TableDeps, table: string, onProgress?: (p: TableProgress) => void): Promise<RefreshSummary> {
  return refreshScope(deps, { table }, fanOut(onProgress));
}

export type { InsertInput, InsertResult, RefreshSummary, TableDeps, TableProgress };
export type { TableOutcome, FormulaChange } from "./table-outcome";
export { reportRows, REPORT_SHEET } from "./change-report";
