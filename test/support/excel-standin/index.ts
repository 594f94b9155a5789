/**
 * The one Excel stand-in for every test of Excel code (Excel cannot run here). The client side is the real
 * office.js (`@microsoft/office-js`, office-js.ts): `Excel.run`, proxies, load/sync, null objects,
 * PropertyNotLoaded, InvalidObjectPath and the request text are Office.js's own. The host side (host.ts) is
 * a workbook model that answers the RichApi protocol the way Excel documents it, as strict as Excel:
 *  - every request recorded with its size as office.js sends it; over 5 MB refused, and so is an answer;
 *  - worksheets (a very hidden one cannot be deleted), ranges with values / formulas / numberFormat /
 *    valueTypes (Text cells keep formulas as text), used range, special cells, insert / delete with
 *    shifting (tables in the way and filtered tables refuse it), copyFrom;
 *  - tables that cannot overlap, with totals rows and filters (tables.ts); ids that change between
 *    platforms (`reassignIds`);
 *  - cell-edit mode: a batch fails unless it asked `delayForCellEdit`, which waits (`startCellEdit`);
 *  - calculation: worksheet.calculate, application.calculate, error cells a recalculation skips
 *    (office-js 4502) unless `errorCellsRecalculate`, async custom functions through `evaluate`, DATE() in
 *    the 1900 or 1904 date system;
 *  - the selection (several areas: getSelectedRange refuses), active cell, Excel's culture and separators;
 *  - sheet layout (layout.ts): formats, widths, frozen panes (on the active sheet's view), conditional
 *    formats, charts (no series of blank columns), page layout — read back with `xl.layout(sheetName)`.
 * Use: `const xl = installExcelStandin({...}); … xl.uninstall()`.
 */
import { PAYLOAD_LIMIT, type StandinState, type SyncRecord } from "./context";
import { WorkbookModel, StandinError, type WorkbookOptions, type Scalar, type FilterCriteria, type TableModel } from "./model";
import { answerRequest } from "./host";
import { officeJs } from "./office-js";
import { boxAddress, parseAddress } from "./address";
import { layoutOf, type SheetLayout } from "./layout";

export interface ExcelStandin {
  readonly model: WorkbookModel;
  readonly syncs: SyncRecord[];
  /** Makes matching requests fail before they apply anything. */
  failWhen(f: StandinState["failWhen"]): void;
  /** Cells of a range as values (formula results), e.g. `xl.values("Sheet1!A1:C3")`. */
  values(address: string): Scalar[][];
  /** Writes a matrix starting at a cell (`"Sheet1!A1"`) the way a user types it. */
  put(address: string, rows: unknown[][]): void;
  /** Selects a range as the user does — areas joined by commas (`"Laporan!B2:C4,E6"`) — and optionally its active cell. */
  select(address: string, active?: string): void;
  /** The user starts typing in a cell: batches fail (or wait, with delayForCellEdit) until `endCellEdit`. */
  startCellEdit(): void;
  endCellEdit(): void;
  /** The user filters a table's column to some values (the autofilter drop-down). */
  filterTable(table: string, column: number, values: Scalar[]): void;
  /** The user turns a table's totals row on, with a SUBTOTAL of the given column (Table Design › Total Row). */
  addTotalsRow(table: string, column: number): void;
  /** The workbook opened on another platform: every sheet and table has a new id (office-js #1390). */
  reassignIds(): void;
  /** A JSON image of every cell and table (for byte-identity checks). */
  snapshot(sheet?: string): string;
  /** A sheet's formats, widths, frozen panes, conditional formats, charts and page layout. */
  layout(sheet: string): SheetLayout;
  /** Number of Excel.run calls made. */
  runs: number;
  uninstall(): void;
}

/** A JSON image of every cell and table of a workbook model (or of one sheet), for byte-identity checks. */
export function snapshotOf(model: WorkbookModel, sheetName?: string): string {
  const sheets = model.sheets.filter((s) => !sheetName || s.name === sheetName);
  return JSON.stringify({
    sheets: sheets.map((s) => ({ name: s.name, visibility: s.visibility, rows: [...s.rows.entries()].sort((a, b) => a[0] - b[0]) })),
    tables: model.tables
      .filter((t) => sheets.includes(t.sheet))
      .map((t) => ({ id: t.id, name: t.name, address: boxAddress(t.sheet.name, t.box), totals: t.showTotals, filters: [...t.filters] })),
  });
}

export function installExcelStandin(opts: WorkbookOptions & { sheets?: string[] } = {}): ExcelStandin {
  const model = new WorkbookModel(opts);
  for (const name of opts.sheets ?? ["Sheet1"]) model.addSheet(name);
  const state: StandinState = { model, syncs: [], refs: new Map() };
  const office = officeJs();
  let editEnds: { promise: Promise<void>; end: () => void } | undefined;
  const table = (name: string): TableModel => {
    const t = model.tables.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!t) throw new Error(`no table ${name}`);
    return t;
  };
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
    startCellEdit() {
      if (editEnds) return;
      let end!: () => void;
      const promise = new Promise<void>((r) => (end = r));
      editEnds = { promise, end };
    },
    endCellEdit() {
      const e = editEnds;
      editEnds = undefined;
      e?.end();
    },
    filterTable(name, column, values) {
      table(name).filters.set(column, { filterOn: "Values", values } as FilterCriteria);
    },
    addTotalsRow(name, column) {
      const t = table(name);
      if (t.showTotals) return;
      const row = t.box.r0 + t.box.rows;
      const header = t.sheet.get(t.box.r0, t.box.c0 + column)?.v;
      model.write(t.sheet, row, t.box.c0, "Total", false);
      model.write(t.sheet, row, t.box.c0 + column, `=SUBTOTAL(109,${t.name}[${String(header)}])`, true);
      t.box = { ...t.box, rows: t.box.rows + 1 };
      t.showTotals = true;
    },
    reassignIds: () => model.reassignIds(),
    snapshot: (sheetName) => snapshotOf(model, sheetName),
    layout(sheetName) {
      const s = model.sheet(sheetName);
      if (!s) throw new Error(`no sheet ${sheetName}`);
      return layoutOf(s);
    },
    uninstall() {
      office.setBridge(undefined);
      delete (globalThis as Record<string, unknown>).Excel;
    },
  };
  office.setBridge((message, reply) =>
    answerRequest(
      state,
      {
        editing: () => editEnds?.promise,
        runOf: (customData) => Number(/\|run=(\d+)$/.exec(customData)?.[1] ?? 0),
      },
      message,
      reply,
    ),
  );
  // Excel.run as office.js has it, counting runs and tagging each run's requests (office.js passes the
  // context's custom data through to the host untouched).
  const run = (...args: unknown[]) => {
    const n = ++handle.runs;
    const at = args.findIndex((a) => typeof a === "function");
    const batch = args[at] as (ctx: Excel.RequestContext) => unknown;
    args[at] = (ctx: Excel.RequestContext & { _customData: string }) => {
      ctx._customData = `${ctx._customData}|run=${n}`;
      return batch(ctx);
    };
    return (office.Excel.run as (...a: unknown[]) => Promise<unknown>)(...args);
  };
  Object.assign(globalThis, { Excel: { ...office.Excel, run } });
  return handle;
}

export { PAYLOAD_LIMIT, parseAddress, boxAddress, WorkbookModel, StandinError, type SyncRecord, type Scalar, type SheetLayout };
