/**
 * The workbook port on Excel (Office.js), inside one Excel.run: what the core's refresh
 * (src/omspan/workbook/refresh.ts) reads and writes, done the way issue 19 made it honest against Excel —
 * tables read before they are touched (totals row, filters), staged on a very hidden sheet in chunks under
 * the request limit and put in place whole (place-table.ts), growth and shrinkage as rows inserted or
 * deleted inside the table so the cells below move with it, every table in the way found first; OMSPAN
 * formulas recalculated by Excel itself (this workbook's sheets only), error cells re-entered by runs, and
 * read back once the store has no pull in flight; reconciliation sheets rebuilt from the refresh's pull.
 */
import type { CellValue, DateSystem, ParsedRegistry, RegistryEntry } from "../omspan/tables";
import type { ParsedPin } from "../omspan/snapshots/pin";
import { PlacementError, isPlacementError } from "../omspan/workbook/placement-error";
import type { Blocker, FormulaCellState, Placed, PortTable, RebuiltReport, Recomputed, RecomputeEnv, TableLayout, TableWrite, WorkbookPort } from "../omspan/workbook/port";
import type { Lang } from "../omspan/i18n";
import { cellText } from "../omspan/tables";
import { parseA1 } from "../omspan/workbook/a1";
import { writeChangeReport } from "./change-report";
import { recalculate, rerunErrorCells, scanOmspanCells, settledValues, sheetsOf } from "./formula-cells";
import { detectDateSystem, readPin, readRegistry, writeRegistry } from "./hidden-sheets";
import { listTables, tableCaptions } from "./locate-tables";
import { refreshReconciliationSheets } from "./reconcile-sheet";
import { captionCell, replaceTable, shiftBlocker } from "./place-table";
import { readTableShape, type TableShape } from "./table-shape";
import { dropStaging, readBody, stageTable } from "./table-writer";

/** A table's layout with what the Excel side needs again to write it. */
export interface ExcelLayout extends TableLayout {
  readonly table: Excel.Table;
  readonly shape: TableShape;
}

export class ExcelWorkbook implements WorkbookPort<ExcelLayout> {
  constructor(private readonly context: Excel.RequestContext) {}

  readRegistry(): Promise<ParsedRegistry> {
    return readRegistry(this.context);
  }

  readPin(): Promise<ParsedPin> {
    return readPin(this.context);
  }

  async writeRegistry(entries: readonly RegistryEntry[]): Promise<void> {
    await writeRegistry(this.context, entries);
    await this.context.sync();
  }

  async sheets(scope: "sheet" | "workbook"): Promise<string[]> {
    const sheets = await sheetsOf(this.context, scope);
    for (const s of sheets) s.load("name");
    await this.context.sync();
    return sheets.map((s) => s.name);
  }

  tables(): Promise<PortTable[]> {
    return listTables(this.context);
  }

  captions(tables: readonly PortTable[]): Promise<(string | undefined)[]> {
    return tableCaptions(this.context, tables);
  }

  dateSystem(): Promise<DateSystem | undefined> {
    return detectDateSystem(this.context);
  }

  async layout(t: PortTable): Promise<ExcelLayout> {
    const table = this.context.workbook.tables.getItem(t.id);
    const shape = await readTableShape(this.context, table);
    return { table, shape, showHeaders: shape.showHeaders, columns: shape.box.cols, bodyRows: shape.body.rows, filtered: shape.filters.length > 0 };
  }

  readBody(_t: PortTable, l: ExcelLayout, rowBytes: number): Promise<CellValue[][][]> {
    return readBody(this.context, l.table.getDataBodyRange(), l.shape.body.rows, l.shape.body.cols, rowBytes);
  }

  async blocker(t: PortTable, l: ExcelLayout, bodyRows: number): Promise<Blocker | undefined> {
    const { body, box } = l.shape;
    const extra = bodyRows - body.rows;
    // Rows go in above the last body row and come out at the body's end (place-table.ts).
    const from = body.row + (extra > 0 ? body.rows - 1 : bodyRows);
    const what = await shiftBlocker(this.context, box, from, t.id);
    return what ? { what, kind: "cut", growing: extra > 0 } : undefined;
  }

  async replace(_t: PortTable, l: ExcelLayout, w: TableWrite): Promise<Placed> {
    try {
      const staged = await stageTable(this.context, w.shaped, (p) => w.onRows?.(p.rowsWritten, p.rowCount));
      return await replaceTable(this.context, { table: l.table, shape: l.shape, staged, newBody: w.bodyRows, caption: w.caption });
    } catch (err) {
      await dropStaging(this.context).catch(() => undefined);
      throw isPlacementError(err) ? err : new PlacementError(err, false);
    }
  }

  async writeCaption(t: PortTable, caption: string): Promise<void> {
    const cell = await captionCell(this.context, parseA1(t.address));
    if (!cell) return;
    cell.values = [[cellText(caption)]];
    await this.context.sync();
  }

  private worksheets(names: readonly string[]): Excel.Worksheet[] {
    return names.map((n) => this.context.workbook.worksheets.getItem(n));
  }

  scanFormulas(sheets: readonly string[]): Promise<FormulaCellState[]> {
    return scanOmspanCells(this.context, this.worksheets(sheets));
  }

  async recompute(sheets: readonly string[], cells: readonly FormulaCellState[], env: RecomputeEnv): Promise<Recomputed> {
    await recalculate(this.context, this.worksheets(sheets));
    const rerun = await rerunErrorCells(this.context, cells);
    if (!cells.length) return { values: [], rerun, unsettled: 0 };
    const after = await settledValues(this.context, cells, env.whenIdle);
    return { values: after.values, rerun, unsettled: after.unsettled };
  }

  async rebuildReports(sheets: readonly string[], env: { readonly pull: RecomputeEnv["pull"]; readonly dateSystem: DateSystem; readonly lang: Lang }): Promise<RebuiltReport[]> {
    const outcomes = await refreshReconciliationSheets(this.context, env.lang, {
      sheets,
      date1904: env.dateSystem === 1904,
      realisasi: async () => (await env.pull("realisasi")).table,
    });
    return outcomes.map((o) => (o.ok ? { sheet: o.sheet, ok: true, balanced: o.balanced } : o));
  }

  writeChangeReport(rows: CellValue[][]): Promise<string> {
    return writeChangeReport(this.context, rows);
  }
}
