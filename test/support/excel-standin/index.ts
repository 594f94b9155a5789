/**
 * The one Excel stand-in for every test of Excel code (Excel cannot run here). It installs the `Excel`
 * global only — the `Office` global is test/support/office-standin.ts's — and behaves like Office.js
 * where the add-in depends on it:
 *  - proxies whose properties are readable only after `load` + `sync` (PropertyNotLoaded otherwise);
 *  - every sync recorded with its request and response size; either over 5 MB is refused;
 *  - worksheets (very hidden too), ranges with values / formulas / numberFormat / valueTypes, used range,
 *    special cells, insert / delete with shifting, copyFrom;
 *  - tables that cannot overlap: add, resize, delete, rename, found by id or name;
 *  - calculation: worksheet.calculate, application.calculate (all open workbooks — here one), error cells
 *    a recalculation skips (office-js 4502) unless `errorCellsRecalculate`, async custom functions
 *    through `evaluate`, DATE() in the 1900 or 1904 date system;
 *  - the selection and active cell (workbook.getSelectedRange / getActiveCell), Excel's culture
 *    (application.cultureInfo name and decimal separator);
 *  - suspendApiCalculationUntilNextSync / suspendScreenUpdatingUntilNextSync recorded per sync;
 *  - sheet layout (layout.ts): cell formats, column widths, frozen panes, conditional formats, charts,
 *    page layout — read back with `xl.layout(sheetName)`.
 * Use: `const xl = installExcelStandin({...}); … xl.uninstall()`.
 */
import { StandinContext, PAYLOAD_LIMIT, type StandinState, type SyncRecord } from "./context";
import { WorkbookModel, type WorkbookOptions, type Scalar } from "./model";
import { WorkbookProxy } from "./book";
import { boxAddress, parseAddress } from "./address";
import { layoutOf, type SheetLayout } from "./layout";

export interface ExcelStandin {
  readonly model: WorkbookModel;
  readonly syncs: SyncRecord[];
  /** Makes matching syncs fail before they apply anything. */
  failWhen(f: StandinState["failWhen"]): void;
  /** Cells of a range as values (formula results), e.g. `xl.values("Sheet1!A1:C3")`. */
  values(address: string): Scalar[][];
  /** Writes a matrix starting at a cell (`"Sheet1!A1"`) the way a user types it. */
  put(address: string, rows: unknown[][]): void;
  /** Selects a range (and optionally its active cell) as the user does: `xl.select("Laporan!B2")`. */
  select(address: string, active?: string): void;
  /** A JSON image of every cell and table (for byte-identity checks). */
  snapshot(sheet?: string): string;
  /** A sheet's formats, widths, frozen panes, conditional formats, charts and page layout. */
  layout(sheet: string): SheetLayout;
  /** Number of Excel.run calls made. */
  runs: number;
  uninstall(): void;
}

const ENUMS = {
  CalculationType: { recalculate: "Recalculate", full: "Full", fullRebuild: "FullRebuild" },
  SpecialCellType: { formulas: "Formulas", constants: "Constants", blanks: "Blanks", visible: "Visible" },
  InsertShiftDirection: { down: "Down", right: "Right" },
  DeleteShiftDirection: { up: "Up", left: "Left" },
  SheetVisibility: { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" },
  RangeCopyType: { all: "All", formulas: "Formulas", values: "Values", formats: "Formats" },
  RangeValueType: { error: "Error", empty: "Empty", string: "String", double: "Double", boolean: "Boolean" },
  ErrorCodes: { itemNotFound: "ItemNotFound", invalidArgument: "InvalidArgument", generalException: "GeneralException" },
};

export function installExcelStandin(opts: WorkbookOptions & { sheets?: string[] } = {}): ExcelStandin {
  const model = new WorkbookModel(opts);
  for (const name of opts.sheets ?? ["Sheet1"]) model.addSheet(name);
  const state: StandinState = { model, syncs: [] };
  const handle: ExcelStandin = {
    model,
    syncs: state.syncs,
    runs: 0,
    failWhen: (f) => void (state.failWhen = f),
    values(address) {
      const { sheet, box } = model.rangeOf(address);
      const out: Scalar[][] = [];
      for (let r = 0; r < box.rows; r++) {
        const line: Scalar[] = [];
        for (let c = 0; c < box.cols; c++) line.push(sheet.get(box.r0 + r, box.c0 + c)?.v ?? "");
        out.push(line);
      }
      return out;
    },
    put(address, rows) {
      const { sheet, box } = model.rangeOf(address);
      rows.forEach((row, r) => row.forEach((v, c) => model.write(sheet, box.r0 + r, box.c0 + c, v, true)));
    },
    select: (address, active) => model.select(address, active),
    snapshot(sheetName) {
      const sheets = model.sheets.filter((s) => !sheetName || s.name === sheetName);
      return JSON.stringify({
        sheets: sheets.map((s) => ({ name: s.name, visibility: s.visibility, rows: [...s.rows.entries()].sort((a, b) => a[0] - b[0]) })),
        tables: model.tables.filter((t) => sheets.includes(t.sheet)).map((t) => ({ id: t.id, name: t.name, address: boxAddress(t.sheet.name, t.box) })),
      });
    },
    layout(sheetName) {
      const s = model.sheet(sheetName);
      if (!s) throw new Error(`no sheet ${sheetName}`);
      return layoutOf(s);
    },
    uninstall() {
      delete (globalThis as Record<string, unknown>).Excel;
    },
  };
  const run = async <T>(batch: (context: { workbook: WorkbookProxy; sync(): Promise<void> }) => Promise<T>): Promise<T> => {
    handle.runs++;
    const ctx = new StandinContext(state);
    const context = { workbook: new WorkbookProxy(ctx), sync: () => ctx.sync() };
    const out = await batch(context);
    if (ctx.pendingOps) await ctx.sync();
    return out;
  };
  Object.assign(globalThis, { Excel: { ...ENUMS, run } });
  return handle;
}

export { PAYLOAD_LIMIT, parseAddress, boxAddress, WorkbookModel, type SyncRecord, type Scalar, type SheetLayout };
