/**
 * The Segarkan view's behaviour in Excel, from the Excel layer: the registry's tables, refresh of one
 * table / the sheet / the workbook (src/excel/omspan-tables.ts), and the jump to the report sheet. The
 * shell builds it once with the shared runtime's table deps; in preview mode it passes none.
 */
import { onQueueChange, onRefreshDone, onTableProgress, refreshOneTable, refreshSheet, refreshWorkbook, type QueueState, type RefreshSummary, type TableDeps, type TableProgress } from "../../excel/omspan-tables";
import { activateSheet, listOmspanTables, type WorkbookTable } from "../../excel/workbook-tables";

/** One table (its registry id), the active sheet, or the workbook. */
export type RefreshTarget = { readonly table: string } | "sheet" | "workbook";

export interface RefreshActions {
  listTables(): Promise<WorkbookTable[]>;
  refresh(target: RefreshTarget, onProgress: (p: TableProgress) => void): Promise<RefreshSummary>;
  showSheet(name: string): Promise<void>;
  /** Progress of a refresh started elsewhere (the ribbon); returns the unsubscribe function. */
  subscribeProgress?(listener: (p: TableProgress) => void): () => void;
  /** Every finished refresh, the ribbon's too (its summary shows here). */
  subscribeDone?(listener: (s: RefreshSummary) => void): () => void;
  /** What the add-in's Excel queue runs and holds (a refresh waits for an insert, a report build…). */
  subscribeQueue?(listener: (s: QueueState) => void): () => void;
}

export function excelRefreshActions(deps: TableDeps): RefreshActions {
  return {
    listTables: listOmspanTables,
    refresh: (target, onProgress) =>
      target === "sheet" ? refreshSheet(deps, onProgress) : target === "workbook" ? refreshWorkbook(deps, onProgress) : refreshOneTable(deps, target.table, onProgress),
    showSheet: activateSheet,
    subscribeProgress: onTableProgress,
    subscribeDone: onRefreshDone,
    subscribeQueue: onQueueChange,
  };
}

export type { WorkbookTable, RefreshSummary, TableProgress, QueueState };
