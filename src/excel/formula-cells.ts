/**
 * OMSPAN formula cells: finding them, re-running them, reading their values — always by blocks of cells,
 * never one range object per cell: office.js charges some 500 bytes of object paths and actions for each
 * range it addresses, so 10,000 single-cell reads were 5 MB requests that Excel on the web refuses.
 * - Found through each sheet's used range (never the whole grid: answers over 5 MB are refused too),
 *   checking `isNullObject` before loading anything of its areas, and loading the areas' formulas in
 *   bounded blocks. The cells are kept as runs: neighbours in a row, one range each.
 * - Re-run by calculating this workbook's sheets only (`application.calculate` would recalculate every
 *   open workbook), and by re-entering the formulas of OMSPAN cells that show an error: a recalculation
 *   may skip cells in an error state (office-js issue 4502, Windows and Mac), so a #N/A from an outage
 *   would otherwise survive the refresh. A cell formatted as Text gets the General format first: a formula
 *   written into a Text cell stays text.
 * - Read back once the store has no pull in flight: a cell still calculating after that is counted as
 *   unsettled, never reported as changed to #BUSY!.
 */
import { a1, parseA1 } from "../omspan/workbook/a1";
import type { FormulaCellState } from "../omspan/workbook/port";

const OMSPAN_CALL = /\bOMSPAN\./i;
/** Cells per read: a formula of a few hundred characters each keeps an answer far under 5 MB. */
const CELLS_PER_READ = 10_000;
/** Budget of one request as office.js builds it (Excel on the web refuses 5 MB). */
const REQUEST_BYTES = 3_000_000;
/** What office.js sends to address one range and act on it: object paths, instantiate, the action. */
const BYTES_PER_RANGE = 700;
const STILL_CALCULATING = new Set(["#BUSY!", "#GETTING_DATA"]);

/** An OMSPAN formula cell as the refresh found it (the workbook port's FormulaCellState). */
export type OmspanCell = FormulaCellState;

/** Neighbouring OMSPAN cells of one row: one range for all of them. */
interface Run {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  readonly cells: readonly OmspanCell[];
}

async function formulaAreas(context: Excel.RequestContext, sheet: Excel.Worksheet): Promise<{ address: string; rows: number; cols: number }[]> {
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("isNullObject");
  await context.sync();
  if (used.isNullObject) return [];
  const special = used.getSpecialCellsOrNullObject(Excel.SpecialCellType.formulas);
  special.load("isNullObject");
  await context.sync();
  if (special.isNullObject) return [];
  const areas = special.areas;
  areas.load("items/address,items/rowCount,items/columnCount");
  await context.sync();
  return areas.items.map((a) => ({ address: a.address, rows: a.rowCount, cols: a.columnCount }));
}

/** The OMSPAN cells of the given sheets with their formulas and current values. */
export async function scanOmspanCells(context: Excel.RequestContext, sheets: readonly Excel.Worksheet[]): Promise<OmspanCell[]> {
  const out: OmspanCell[] = [];
  for (const sheet of sheets) {
    sheet.load("name");
    const areas = await formulaAreas(context, sheet);
    for (const area of areas) {
      const box = parseA1(area.address);
      const step = Math.max(1, Math.floor(CELLS_PER_READ / area.cols));
      for (let from = 0; from < area.rows; from += step) {
        const rows = Math.min(step, area.rows - from);
        const part = sheet.getRangeByIndexes(box.row + from, box.col, rows, area.cols);
        part.load("formulas,values,valueTypes");
        await context.sync();
        part.formulas.forEach((line, i) =>
          line.forEach((f, j) => {
            if (typeof f !== "string" || !f.startsWith("=") || !OMSPAN_CALL.test(f)) return;
            const row = box.row + from + i;
            const col = box.col + j;
            out.push({
              sheet: sheet.name,
              address: a1({ sheet: sheet.name, row, col, rows: 1, cols: 1 }),
              row,
              col,
              formula: f,
              value: part.values[i]![j],
              isError: part.valueTypes[i]![j] === Excel.RangeValueType.error,
            });
          }),
        );
      }
    }
  }
  return out;
}

/** The cells as runs of row neighbours (in the order given: sheet, row, column). */
function runsOf(cells: readonly OmspanCell[]): Run[] {
  const runs: Run[] = [];
  let cur: OmspanCell[] = [];
  for (const c of cells) {
    const last = cur[cur.length - 1];
    if (last && (last.sheet !== c.sheet || last.row !== c.row || last.col + 1 !== c.col)) {
      runs.push({ sheet: cur[0]!.sheet, row: cur[0]!.row, col: cur[0]!.col, cells: cur });
      cur = [];
    }
    cur.push(c);
  }
  if (cur.length) runs.push({ sheet: cur[0]!.sheet, row: cur[0]!.row, col: cur[0]!.col, cells: cur });
  return runs;
}

/** Runs in groups whose requests stay under the budget (`bytes` of a run's own payload). */
function batches(runs: readonly Run[], bytes: (r: Run) => number): Run[][] {
  const out: Run[][] = [];
  let cur: Run[] = [];
  let size = 0;
  for (const r of runs) {
    const n = BYTES_PER_RANGE + bytes(r);
    if (cur.length && size + n > REQUEST_BYTES) {
      out.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(r);
    size += n;
  }
  if (cur.length) out.push(cur);
  return out;
}

function runRange(context: Excel.RequestContext, r: Run): Excel.Range {
  return context.workbook.worksheets.getItem(r.sheet).getRangeByIndexes(r.row, r.col, 1, r.cells.length);
}

/** Recalculates the sheets (this workbook only). */
export async function recalculate(context: Excel.RequestContext, sheets: readonly Excel.Worksheet[]): Promise<void> {
  for (const s of sheets) s.calculate(true);
  await context.sync();
}

/**
 * Re-enters the formulas of OMSPAN cells in an error state, a run of neighbours at a time and in batches
 * under the request limit (an outage can leave thousands of them); answers how many were re-entered.
 */
export async function rerunErrorCells(context: Excel.RequestContext, cells: readonly OmspanCell[]): Promise<number> {
  const errors = cells.filter((c) => c.isError);
  for (const batch of batches(runsOf(errors), (r) => r.cells.reduce((n, c) => n + c.formula.length * 2 + 8, 0))) {
    const ranges = batch.map((r) => {
      const range = runRange(context, r);
      range.load("numberFormat");
      return { r, range };
    });
    await context.sync();
    for (const { r, range } of ranges) {
      const formats = range.numberFormat[0] as string[];
      if (formats.includes("@")) range.numberFormat = [formats.map((f) => (f === "@" ? "General" : f))];
      range.formulas = [r.cells.map((c) => c.formula)];
    }
    await context.sync();
  }
  return errors.length;
}

export interface Settled {
  /** Each cell's value, in the order given (a value still calculating where the cell did not settle). */
  readonly values: unknown[];
  /** Cells still calculating when nothing was left to wait for. */
  readonly unsettled: number;
}

const calculating = (v: unknown) => typeof v === "string" && STILL_CALCULATING.has(v);

/**
 * Reads the cells' values again. While some still calculate, it waits for the store's pulls to end
 * (`pullsDone`), then gives Excel a moment to deliver the answers; it stops when nothing calculates, or
 * when `patience` rounds in a row brought no cell further with no pull left.
 */
export async function settledValues(
  context: Excel.RequestContext,
  cells: readonly OmspanCell[],
  pullsDone: () => Promise<void>,
  opts: { patience?: number; waitMs?: number } = {},
): Promise<Settled> {
  const runs = runsOf(cells);
  const groups = batches(runs, (r) => r.cells.length * 40);
  let values: unknown[] = [];
  let busy = Infinity;
  for (let idle = 0; ; ) {
    values = [];
    for (const group of groups) {
      const ranges = group.map((r) => {
        const range = runRange(context, r);
        range.load("values");
        return range;
      });
      await context.sync();
      for (const range of ranges) values.push(...range.values[0]!);
    }
    const now = values.filter(calculating).length;
    if (now === 0) return { values, unsettled: 0 };
    idle = now < busy ? 0 : idle + 1;
    busy = Math.min(busy, now);
    if (idle >= (opts.patience ?? 20)) return { values, unsettled: now };
    await pullsDone();
    await new Promise((r) => setTimeout(r, opts.waitMs ?? 250));
  }
}

/** The sheets of a scope: the active one, or every sheet except the add-in's very hidden ones. */
export async function sheetsOf(context: Excel.RequestContext, scope: "sheet" | "workbook"): Promise<Excel.Worksheet[]> {
  if (scope === "sheet") return [context.workbook.worksheets.getActiveWorksheet()];
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/visibility");
  await context.sync();
  return sheets.items.filter((s) => s.visibility !== Excel.SheetVisibility.veryHidden);
}
