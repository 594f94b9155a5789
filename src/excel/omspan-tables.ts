/**
 * The table and refresh API the pane and the ribbon call: insert a table, refresh one table, the active
 * sheet or the workbook, each with progress callbacks and a result summary. Progress is also broadcast to
 * `onTableProgress` listeners, and each finished refresh to `onRefreshDone` listeners, so an open pane
 * shows a refresh the ribbon started. Every one of them runs in the add-in's one Excel queue
 * (excel-queue.ts): a ribbon click during the pane's refresh waits for it instead of sharing its sheets.
 */
import { insertTable as insert, type InsertInput } from "./insert-table";
import { refreshScope, type RefreshScope } from "./refresh";
import { queued } from "./excel-queue";
import { label, type InsertResult, type RefreshSummary, type TableDeps, type TableProgress } from "./table-outcome";

const listeners = new Set<(p: TableProgress) => void>();
const doneListeners = new Set<(s: RefreshSummary) => void>();

/** Subscribes to every finished refresh (the pane shows a summary of one the ribbon ran); returns the unsubscribe function. */
export function onRefreshDone(listener: (s: RefreshSummary) => void): () => void {
  doneListeners.add(listener);
  return () => doneListeners.delete(listener);
}

async function refreshQueued(deps: TableDeps, scope: RefreshScope, onProgress?: (p: TableProgress) => void): Promise<RefreshSummary> {
  const what =
    scope === "sheet" ? label("Refresh sheet", "Segarkan lembar") : scope === "workbook" ? label("Refresh workbook", "Segarkan buku kerja") : label(`Refresh ${scope.table}`, `Segarkan ${scope.table}`);
  const summary = await queued(what, () => refreshScope(deps, scope, fanOut(onProgress)));
  for (const l of doneListeners) {
    try {
      l(summary);
    } catch (err) {
      console.warn("OMSPAN: a refresh listener failed", err);
    }
  }
  return summary;
}

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
  return queued(label("Insert table", "Sisipkan tabel"), () => insert(deps, input, fanOut(onProgress)));
}

/** Refreshes the OMSPAN tables and formulas of the active sheet. */
export function refreshSheet(deps: TableDeps, onProgress?: (p: TableProgress) => void): Promise<RefreshSummary> {
  return refreshQueued(deps, "sheet", onProgress);
}

/** Refreshes every OMSPAN table and formula of the workbook. */
export function refreshWorkbook(deps: TableDeps, onProgress?: (p: TableProgress) => void): Promise<RefreshSummary> {
  return refreshQueued(deps, "workbook", onProgress);
}

/**
 * Refreshes one OMSPAN table (by its registry id, or its name) and the OMSPAN formulas of its sheet;
 * only its dataset is pulled again.
 */
export function refreshOneTable(deps: TableDeps, table: string, onProgress?: (p: TableProgress) => void): Promise<RefreshSummary> {
  return refreshQueued(deps, { table }, onProgress);
}

export type { InsertInput, InsertResult, RefreshSummary, TableDeps, TableProgress };
export type { TableOutcome, FormulaChange } from "./table-outcome";
export { reportRows, REPORT_SHEET } from "./change-report";
export { onQueueChange, queueState, type QueueState } from "./excel-queue";
