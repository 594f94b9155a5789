/**
 * OMSPAN formula cells: finding them, re-running them, reading their values.
 * - Found through each sheet's used range (never the whole grid: Excel on the web refuses answers over
 *   5 MB), checking `isNullObject` before loading anything of its areas, and loading the areas' formulas
 *   in bounded blocks.
 * - Re-run by calculating this workbook's sheets only (`application.calculate` would recalculate every
 *   open workbook), and by re-entering the formula of each OMSPAN cell that shows an error: a
 *   recalculation may skip cells in an error state (office-js issue 4502, Windows and Mac), so a #N/A
 *   from an outage would otherwise survive the refresh.
 */
import { a1, parseA1 } from "./a1";

const OMSPAN_CALL = /\bOMSPAN\./i;
/** Cells per read: a formula of a few hundred characters each keeps an answer far under 5 MB. */
const CELLS_PER_READ = 10_000;
const STILL_CALCULATING = new Set(["#BUSY!", "#GETTING_DATA"]);

export interface OmspanCell {
  readonly sheet: string;
  /** Sheet-qualified address of the cell. */
  readonly address: string;
  readonly formula: string;
  readonly value: unknown;
  readonly isError: boolean;
}

interface Area {
  readonly address: string;
  readonly rows: number;
  readonly cols: number;
}

async function formulaAreas(context: Excel.RequestContext, sheet: Excel.Worksheet): Promise<Area[]> {
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
            if (typeof f !== "string" || !OMSPAN_CALL.test(f)) return;
            out.push({
              sheet: sheet.name,
              address: a1({ sheet: sheet.name, row: box.row + from + i, col: box.col + j, rows: 1, cols: 1 }),
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

/** Request budget per sync when re-entering formulas or re-reading cells (the limit is 5 MB). */
const REQUEST_BYTES = 3_000_000;

/** Splits cells into batches whose requests stay under the budget (formula text + envelope per cell). */
function batches<T>(items: readonly T[], size: (t: T) => number): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  let bytes = 0;
  for (const it of items) {
    const n = size(it) + 80;
    if (cur.length && bytes + n > REQUEST_BYTES) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(it);
    bytes += n;
  }
  if (cur.length) out.push(cur);
  return out;
}

function cellRange(context: Excel.RequestContext, address: string): Excel.Range {
  const box = parseA1(address);
  return context.workbook.worksheets.getItem(box.sheet).getRangeByIndexes(box.row, box.col, 1, 1);
}

/**
 * Recalculates the sheets (this workbook only) and re-enters the formulas of OMSPAN cells in an error
 * state — in batches, since an outage can leave thousands of them; returns how many were re-entered.
 */
export async function rerunOmspanCells(
  context: Excel.RequestContext,
  sheets: readonly Excel.Worksheet[],
  cells: readonly OmspanCell[],
): Promise<number> {
  for (const s of sheets) s.calculate(true);
  await context.sync();
  const errors = cells.filter((c) => c.isError);
  for (const batch of batches(errors, (c) => c.formula.length * 2)) {
    for (const c of batch) cellRange(context, c.address).formulas = [[c.formula]];
    await context.sync();
  }
  return errors.length;
}

/** Reads the cells' values again, waiting (bounded) while async functions are still calculating. */
export async function settledValues(
  context: Excel.RequestContext,
  cells: readonly OmspanCell[],
  opts: { tries?: number; waitMs?: number } = {},
): Promise<unknown[]> {
  const tries = opts.tries ?? 40;
  let values: unknown[] = [];
  for (let t = 0; t < tries; t++) {
    values = [];
    for (const batch of batches(cells, (c) => c.address.length)) {
      const ranges = batch.map((c) => {
        const r = cellRange(context, c.address);
        r.load("values");
        return r;
      });
      await context.sync();
      for (const r of ranges) values.push(r.values[0]![0]);
    }
    if (!values.some((v) => typeof v === "string" && STILL_CALCULATING.has(v))) break;
    await new Promise((r) => setTimeout(r, opts.waitMs ?? 250));
  }
  return values;
}

/** The sheets of a scope: the active one, or every sheet except the add-in's very hidden ones. */
export async function sheetsOf(context: Excel.RequestContext, scope: "sheet" | "workbook"): Promise<Excel.Worksheet[]> {
  if (scope === "sheet") return [context.workbook.worksheets.getActiveWorksheet()];
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/visibility");
  await context.sync();
  return sheets.items.filter((s) => s.visibility !== Excel.SheetVisibility.veryHidden);
}
