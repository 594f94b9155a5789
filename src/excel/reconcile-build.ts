/**
 * The pane's adapter for Rekonsiliasi: read the selected ledger (for the pane's mapping and preview), build
 * the report on a new sheet, and rebuild the workbook's Rekonsiliasi sheets from a fresh pull. Every batch
 * is queued with the other work that writes the add-in's sheets and runs through runExcel. Outcomes, never
 * throws: the pane shows `error` as it is (already in the user's language).
 */
import { localizeError } from "../omspan/messages";
import { readLedger, type ReconcileRequest } from "../omspan/reconcile";
import type { Table } from "../omspan/columnar/table";
import { REKONSILIASI } from "../omspan/templates";
import { detectDateSystem } from "./hidden-sheets";
import { queued } from "./excel-queue";
import { runExcel } from "./excel-run";
import { ledgerAt, readLedgerCells, selectedLedger } from "./reconcile-read";
import { markReconciliation, refreshReconciliationSheets, type ReconcileRefreshOutcome } from "./reconcile-sheet";
import type { ReportOutcome } from "./report-build";
import { writeReport, type ReportWriteProgress } from "./report-writer";
import { label, type TableDeps } from "./table-outcome";

/** The selected ledger as the pane previews it: where it is and its cells. */
export interface LedgerSelection {
  /** What the report keeps: `Buku!A1:E801`, or a table's name. */
  readonly at: string;
  /** The sheet row number (1-based) of its first row. */
  readonly firstRow: number;
  readonly rows: readonly (readonly unknown[])[];
  readonly date1904: boolean;
}

export type SelectionOutcome = { readonly ok: true; readonly ledger: LedgerSelection } | { readonly ok: false; readonly error: string };

export interface ReconcileAdapter {
  /** Reads the selected range, or the table of the selected cell. */
  readSelection(): Promise<SelectionOutcome>;
  /** OMSPAN's Realisasi through the store (shared with the formulas). */
  realisasi(): Promise<Table>;
  /** Builds the report on a new sheet (it reads the ledger again, where the request says it is). */
  build(request: ReconcileRequest, onProgress?: (p: ReportWriteProgress) => void): Promise<ReportOutcome>;
  /** Rebuilds every Rekonsiliasi sheet from a fresh pull of Realisasi. */
  refresh(): Promise<readonly ReconcileRefreshOutcome[]>;
}

export function reconcileAdapter(deps: TableDeps): ReconcileAdapter {
  const realisasi = async () => (await deps.store.get(deps.connection(), "realisasi")).table;
  return {
    realisasi,
    async readSelection() {
      const lang = deps.lang();
      try {
        const ledger = await queued(label("Read the ledger", "Baca buku"), () =>
          runExcel(async (context) => {
            const place = await selectedLedger(context);
            const date1904 = (await detectDateSystem(context)) === 1904;
            const cells = await readLedgerCells(context, place);
            return { at: cells.at, firstRow: cells.box.row + 1, rows: cells.rows, date1904 };
          }),
        );
        return { ok: true, ledger };
      } catch (err) {
        return { ok: false, error: localizeError(err, lang) };
      }
    },
    async build(request, onProgress) {
      const lang = request.lang;
      try {
        const table = await realisasi();
        const written = await queued(label("Build the reconciliation", "Buat rekonsiliasi"), () =>
          runExcel(async (context) => {
            const date1904 = (await detectDateSystem(context)) === 1904;
            const active = context.workbook.worksheets.getActiveWorksheet();
            active.load("name");
            await context.sync();
            const cells = await readLedgerCells(context, await ledgerAt(context, request.ledger.at, active.name));
            const read = readLedger(cells.rows, { names: request.ledger.columns, firstRow: cells.box.row + 1, date1904 });
            const origin = { sheet: cells.box.sheet, row: cells.box.row, col: cells.box.col };
            const { grid } = REKONSILIASI.build(request, { realisasi: table, ledger: read, origin, date1904 });
            return writeReport(context, grid, { lang, onProgress, mark: (sheet) => markReconciliation(sheet, grid) });
          }),
        );
        return { ok: true, sheet: written.sheet, counts: written.counts, syncs: written.syncs };
      } catch (err) {
        return { ok: false, error: localizeError(err, lang) };
      }
    },
    async refresh() {
      deps.store.invalidate("realisasi");
      const table = await realisasi();
      return queued(label("Refresh the reconciliations", "Segarkan rekonsiliasi"), () =>
        runExcel(async (context) => {
          const date1904 = (await detectDateSystem(context)) === 1904;
          return refreshReconciliationSheets(context, deps.lang(), { date1904, realisasi: async () => table });
        }),
      );
    },
  };
}
