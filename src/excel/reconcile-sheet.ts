/**
 * A Rekonsiliasi report's sheet after it is built: marked with a hidden sheet-scoped name (it follows the
 * sheet through renames and is kept in the file) that holds the report's extent, and rebuilt in place from
 * a fresh pull — the unmatched lists follow the data, and so do the summary's lines.
 *
 * `refreshReconciliationSheets` is what *Refresh workbook* calls for these sheets: for each marked sheet it
 * reads back the parameter cells (A1:B10: satker, period, tolerance, where the ledger is and its columns —
 * the user may have changed them), reads that ledger, takes Realisasi from the store (the refresh's own
 * pull: the store shares it), builds the report again in the core and writes it over the old extent.
 * Nothing is written until the new report is built and every cell it would newly cover is checked empty:
 * a wrong parameter, a missing ledger or a cell in the way leaves the sheet as it was and is that sheet's
 * outcome, never the end of the refresh.
 */
import { InvalidArgumentError } from "../omspan/errors";
import { localizeError } from "../omspan/messages";
import { readLedger } from "../omspan/reconcile";
import type { ReconcileRequest } from "../omspan/reconcile";
import type { Table } from "../omspan/columnar/table";
import { PARAM_BLOCK, REKONSILIASI, requestFromParams, type ReportGrid } from "../omspan/templates";
import { columnLetter } from "../omspan/templates/grid";
import { parseA1 } from "../omspan/workbook/a1";
import { ledgerAt, readLedgerCells } from "./reconcile-read";
import { addConditional, writeGridCells } from "./report-writer";
import type { Lang } from "../omspan/i18n";

/** The name marking a Rekonsiliasi sheet; it refers to the text of the report's extent (`="A1:H830"`). */
export const RECONCILE_MARK = "OMSPAN_REKONSILIASI";

const extentOf = (grid: ReportGrid) => `A1:${columnLetter(Math.max(0, (grid.cells[0]?.length ?? 1) - 1))}${Math.max(1, grid.cells.length)}`;

/** Marks a report's sheet (in the caller's batch). */
export function markReconciliation(sheet: Excel.Worksheet, grid: ReportGrid): void {
  const mark = sheet.names.add(RECONCILE_MARK, `="${extentOf(grid)}"`, "OMSPAN for Excel: a Rekonsiliasi report and its extent (Refresh rebuilds it)");
  mark.visible = false;
}

export interface MarkedSheet {
  readonly sheet: Excel.Worksheet;
  readonly name: string;
  /** The extent the report last had (A1:H830). */
  readonly extent: string;
}

/** The workbook's Rekonsiliasi sheets. */
export async function reconciliationSheets(context: Excel.RequestContext): Promise<MarkedSheet[]> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  const marks = sheets.items.map((sheet) => {
    const mark = sheet.names.getItemOrNullObject(RECONCILE_MARK);
    mark.load("isNullObject,formula");
    return { sheet, mark };
  });
  await context.sync();
  return marks
    .filter((m) => !m.mark.isNullObject)
    .map((m) => ({ sheet: m.sheet, name: m.sheet.name, extent: /"([A-Z]+\d+:[A-Z]+\d+)"/.exec(m.mark.formula)?.[1] ?? "A1:H1" }));
}

export type ReconcileRefreshOutcome =
  | { readonly sheet: string; readonly ok: true; readonly balanced: boolean; readonly unmatched: { readonly ledger: number; readonly omspan: number }; readonly badRows: number }
  | { readonly sheet: string; readonly ok: false; readonly error: string };

/** The request the sheet's parameter cells hold, and whether the workbook counts dates from 1904. */
async function sheetRequest(context: Excel.RequestContext, m: MarkedSheet, date1904: boolean): Promise<ReconcileRequest> {
  const block = m.sheet.getRangeByIndexes(0, 0, PARAM_BLOCK.rows, PARAM_BLOCK.cols);
  block.load("values");
  await context.sync();
  return requestFromParams(block.values, { date1904 });
}

/** Refuses when a cell the new report would newly cover (beyond the old extent) holds anything. */
async function checkRoom(context: Excel.RequestContext, m: MarkedSheet, grid: ReportGrid): Promise<void> {
  const old = parseA1(m.extent, m.name);
  const [rows, cols] = [grid.cells.length, grid.cells[0]?.length ?? 0];
  const parts = [
    rows > old.rows ? m.sheet.getRangeByIndexes(old.rows, 0, rows - old.rows, Math.max(cols, old.cols)) : undefined,
    cols > old.cols ? m.sheet.getRangeByIndexes(0, old.cols, Math.min(rows, old.rows), cols - old.cols) : undefined,
  ].flatMap((r) => (r ? [r.getUsedRangeOrNullObject(true)] : []));
  for (const u of parts) u.load("isNullObject,address");
  await context.sync();
  const blocked = parts.find((u) => !u.isNullObject);
  if (blocked) {
    throw new InvalidArgumentError("sheet", {
      en: `the report grew into ${blocked.address}, which holds something: move it, then refresh`,
      id: `laporan bertambah ke ${blocked.address}, yang berisi sesuatu: pindahkan, lalu segarkan`,
    }, blocked.address);
  }
}

/** Writes a rebuilt report over the sheet's old extent and moves the mark to the new one. */
async function rewrite(context: Excel.RequestContext, m: MarkedSheet, grid: ReportGrid): Promise<void> {
  const old = m.sheet.getRange(m.extent);
  old.conditionalFormats.clearAll();
  old.clear("All");
  await writeGridCells(context, m.sheet, grid, () => context.sync());
  addConditional(m.sheet, grid);
  m.sheet.names.getItem(RECONCILE_MARK).delete();
  markReconciliation(m.sheet, grid);
  await context.sync();
}

/**
 * Rebuilds every Rekonsiliasi sheet (or those named) from the data the store holds now — for *Refresh
 * workbook*, call it inside its Excel.run after the store was invalidated (see the file header).
 */
export async function refreshReconciliationSheets(
  context: Excel.RequestContext,
  lang: Lang,
  opts: { readonly sheets?: readonly string[]; readonly date1904?: boolean; readonly realisasi: () => Promise<Table> },
): Promise<ReconcileRefreshOutcome[]> {
  const wanted = opts.sheets && new Set(opts.sheets.map((s) => s.toLowerCase()));
  const marked = (await reconciliationSheets(context)).filter((m) => !wanted || wanted.has(m.name.toLowerCase()));
  const outcomes: ReconcileRefreshOutcome[] = [];
  let realisasi: Table | undefined;
  for (const m of marked) {
    try {
      const request = await sheetRequest(context, m, opts.date1904 ?? false);
      const cells = await readLedgerCells(context, await ledgerAt(context, request.ledger.at, m.name));
      const read = readLedger(cells.rows, { names: request.ledger.columns, firstRow: cells.box.row + 1, date1904: opts.date1904 });
      // Pulled only when a reconciliation sheet is there (the refresh's own pull, shared with its tables).
      realisasi ??= await opts.realisasi();
      const onSheet = cells.box.sheet.toLowerCase() === m.name.toLowerCase();
      // A ledger kept on the report's own sheet is its copy of a file: summed as a copy again.
      const { grid, result } = REKONSILIASI.build(request, { realisasi, ledger: read, origin: onSheet ? undefined : { sheet: cells.box.sheet, row: cells.box.row, col: cells.box.col }, date1904: opts.date1904 });
      await checkRoom(context, m, grid);
      await rewrite(context, m, grid);
      outcomes.push({ sheet: m.name, ok: true, balanced: result.balanced, unmatched: { ledger: result.unmatched.ledger.length, omspan: result.unmatched.omspan.length }, badRows: read.bad.length });
    } catch (err) {
      outcomes.push({ sheet: m.name, ok: false, error: localizeError(err, lang) });
    }
  }
  return outcomes;
}
