/**
 * Putting staged content in place so that a table is either replaced whole or left exactly as it was:
 * 1. every blocker is found first, changing nothing: a table that moving the cells below would cut
 *    through (growing *or* shrinking), or a filtered one that would have to move;
 * 2. the user's filters come off (a filtered table refuses shifted and written cells);
 * 3. the body grows or shrinks by rows inserted or deleted *inside* it, across its whole width — the table
 *    follows, its totals row and the cells below move with it (only within its columns), as Power Query's
 *    refresh does; if that fails, the filters go back on and nothing else changed;
 * 4. one batch copies values and formats over (copyFrom: nothing resent) with the screen suspended once;
 * 5. the as-of caption, the filters again, and the staging sheet's removal.
 * A failure reports whether the table changed (`PlacementError.changed`), so "unchanged" is only said when true.
 */
import { CAPTION_PREFIX, cellText } from "../omspan/tables";
import { PlacementError } from "../omspan/workbook/placement-error";
import { a1, parseA1, type CellBox } from "../omspan/workbook/a1";
import { STAGING_SHEET, deleteHiddenSheet } from "./hidden-sheets";
import { reapplyFilters, type TableShape } from "./table-shape";

export { CAPTION_PREFIX, PlacementError };

/**
 * A table on the sheet that moving the cells below row `at` (in `box`'s columns) would cut through, or a
 * filtered one that would have to move (Excel refuses both); undefined when the shift is free.
 */
export async function shiftBlocker(context: Excel.RequestContext, box: CellBox, at: number, tableId?: string): Promise<string | undefined> {
  const tables = context.workbook.worksheets.getItem(box.sheet).tables;
  tables.load("items/id,items/name");
  await context.sync();
  const others = tables.items
    .filter((t) => t.id !== tableId)
    .map((t) => {
      const r = t.getRange();
      r.load("address");
      const f = t.autoFilter;
      f.load("isDataFiltered");
      return { t, r, f };
    });
  await context.sync();
  for (const { t, r, f } of others) {
    const o = parseA1(r.address);
    const below = o.row + o.rows > at;
    const shares = o.col < box.col + box.cols && box.col < o.col + o.cols;
    const inside = o.col >= box.col && o.col + o.cols <= box.col + box.cols && o.row >= at;
    if (below && shares && (!inside || f.isDataFiltered)) return `${t.name} (${r.address})`;
  }
  return undefined;
}

/** The caption cell above `box`, when it is empty or already ours (never a user's text). */
export async function captionCell(context: Excel.RequestContext, box: CellBox): Promise<Excel.Range | undefined> {
  if (box.row === 0) return undefined;
  const cell = context.workbook.worksheets.getItem(box.sheet).getRangeByIndexes(box.row - 1, box.col, 1, 1);
  cell.load("values");
  await context.sync();
  const now = cell.values[0]![0];
  return now === "" || (typeof now === "string" && now.startsWith(CAPTION_PREFIX)) ? cell : undefined;
}

function suspend(context: Excel.RequestContext): void {
  context.workbook.application.suspendApiCalculationUntilNextSync();
  context.workbook.application.suspendScreenUpdatingUntilNextSync();
}

/** Copies the staged header and rows onto `target` (the batch that changes what the table shows). */
function queueCopy(context: Excel.RequestContext, target: CellBox, staged: Excel.Range): void {
  suspend(context);
  context.workbook.worksheets.getItem(target.sheet).getRangeByIndexes(target.row, target.col, target.rows, target.cols).copyFrom(staged, Excel.RangeCopyType.all);
}

/** The last steps, after the content is in place: caption, filters back on, no staging sheet left. */
async function finish(context: Excel.RequestContext, caption: Excel.Range | undefined, text: string | undefined, after?: () => void): Promise<string[]> {
  if (caption && text) caption.values = [[cellText(text)]];
  after?.();
  deleteHiddenSheet(context.workbook.worksheets.getItem(STAGING_SHEET));
  try {
    await context.sync();
    return [];
  } catch (err) {
    return [err instanceof Error ? err.message : String(err)];
  }
}

export interface NewPlacement {
  /** The target of the header row (one row; the body follows below). */
  readonly box: CellBox;
  readonly staged: Excel.Range;
  readonly newBody: number;
  readonly caption?: string;
  readonly name: string;
}

/** Puts a new table in place; returns it and its address. On failure the cells it wrote are cleared. */
export async function placeNew(context: Excel.RequestContext, p: NewPlacement): Promise<{ table: Excel.Table; address: string; warnings: string[] }> {
  const target: CellBox = { ...p.box, rows: 1 + p.newBody };
  const address = a1(target);
  const caption = p.caption ? await captionCell(context, p.box) : undefined;
  queueCopy(context, target, p.staged);
  const table = context.workbook.tables.add(address, true);
  table.name = p.name;
  table.load("id");
  try {
    await context.sync();
  } catch (err) {
    const written = context.workbook.worksheets.getItem(target.sheet).getRangeByIndexes(target.row, target.col, target.rows, target.cols);
    written.clear();
    await context.sync().catch(() => undefined);
    throw new PlacementError(err, false);
  }
  const warnings = await finish(context, caption, p.caption);
  return { table, address, warnings };
}

export interface Replacement {
  readonly table: Excel.Table;
  readonly shape: TableShape;
  readonly staged: Excel.Range;
  /** Body rows of the new content. */
  readonly newBody: number;
  readonly caption?: string;
}

/** Replaces an existing table's header and body; returns its new address and warnings of the last step. */
export async function replaceTable(context: Excel.RequestContext, p: Replacement): Promise<{ address: string; warnings: string[] }> {
  const { shape, table } = p;
  const body = shape.body;
  const extra = p.newBody - body.rows;
  const header = shape.showHeaders ? 1 : 0;
  const caption = p.caption ? await captionCell(context, shape.box) : undefined;
  let changed = false;
  if (shape.filters.length) {
    table.clearFilters();
    await context.sync();
  }
  if (extra !== 0) {
    const sheet = context.workbook.worksheets.getItem(shape.box.sheet);
    // Rows go in above the last body row and come out at the body's end: always inside the table.
    const rows = extra > 0 ? sheet.getRangeByIndexes(body.row + body.rows - 1, body.col, extra, body.cols) : sheet.getRangeByIndexes(body.row + p.newBody, body.col, -extra, body.cols);
    if (extra > 0) rows.insert(Excel.InsertShiftDirection.down);
    else rows.delete(Excel.DeleteShiftDirection.up);
    try {
      await context.sync();
      changed = true;
    } catch (err) {
      throw new PlacementError(err, !(await putFiltersBack(context, table, shape)));
    }
  }
  const target: CellBox = { ...shape.box, rows: header + p.newBody };
  queueCopy(context, target, p.staged);
  try {
    await context.sync();
  } catch (err) {
    throw new PlacementError(err, changed || !(await putFiltersBack(context, table, shape)));
  }
  const warnings = await finish(context, caption, p.caption, () => reapplyFilters(table, shape.filters));
  const whole = table.getRange();
  whole.load("address");
  await context.sync();
  return { address: whole.address, warnings };
}

/** After a failure: the user's filters back on; false when that failed too. */
async function putFiltersBack(context: Excel.RequestContext, table: Excel.Table, shape: TableShape): Promise<boolean> {
  if (!shape.filters.length) return true;
  try {
    reapplyFilters(table, shape.filters);
    await context.sync();
    return true;
  } catch {
    return false;
  }
}
