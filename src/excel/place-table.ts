/**
 * Putting staged content in place, in one small batch: rows below a growing table move down (as Power
 * Query's refresh does) and rows freed by a shrinking one move up — only within the table's columns —
 * then copyFrom brings values and formats over and the table is resized. Before that, `growthBlocker`
 * names any table that a shift would cut through; the refresh of that table then stops with the name.
 */
import { cellText } from "../omspan/tables";
import { a1, parseA1, type CellBox } from "./a1";
import { STAGING_SHEET } from "./hidden-sheets";

/** The caption cell above a table holds our as-of line, or nothing (then it may be written). */
export const CAPTION_PREFIX = "OMSPAN · ";

/** A table on the sheet that moving cells below `box` (in its columns) would cut through, if any. */
export async function growthBlocker(context: Excel.RequestContext, box: CellBox, tableId?: string): Promise<string | undefined> {
  const tables = context.workbook.worksheets.getItem(box.sheet).tables;
  tables.load("items/id,items/name");
  await context.sync();
  const ranges = tables.items.map((t) => {
    const r = t.getRange();
    r.load("address");
    return { t, r };
  });
  await context.sync();
  const end = box.row + box.rows;
  for (const { t, r } of ranges) {
    if (t.id === tableId) continue;
    const o = parseA1(r.address);
    const below = o.row + o.rows > end;
    const shares = o.col < box.col + box.cols && box.col < o.col + o.cols;
    const inside = o.col >= box.col && o.col + o.cols <= box.col + box.cols && o.row >= end;
    if (below && shares && !inside) return `${t.name} (${r.address})`;
  }
  return undefined;
}

export interface Placement {
  /** Where the table (header included) is now; for a new table, the target of its header row. */
  readonly box: CellBox;
  /** The existing table, or undefined to create one. */
  readonly table?: Excel.Table;
  readonly staged: Excel.Range;
  /** Body rows of the new content. */
  readonly newBody: number;
  /** As-of line for the cell above the header (written when that cell is empty or ours). */
  readonly caption?: string;
}

/** Queues the swap and syncs once; returns the table and its new address. */
export async function placeStaged(context: Excel.RequestContext, p: Placement): Promise<{ table: Excel.Table; address: string }> {
  const sheet = context.workbook.worksheets.getItem(p.box.sheet);
  const oldBody = p.table ? p.box.rows - 1 : 0;
  const target: CellBox = { ...p.box, rows: 1 + p.newBody };
  const address = a1(target);
  let caption: Excel.Range | undefined;
  if (p.caption && p.box.row > 0) {
    caption = sheet.getRangeByIndexes(p.box.row - 1, p.box.col, 1, 1);
    caption.load("values");
    await context.sync();
    const now = caption.values[0]![0];
    if (!(now === "" || (typeof now === "string" && now.startsWith(CAPTION_PREFIX)))) caption = undefined;
  }
  context.workbook.application.suspendApiCalculationUntilNextSync();
  context.workbook.application.suspendScreenUpdatingUntilNextSync();
  const extra = p.newBody - oldBody;
  if (p.table && extra > 0) {
    sheet.getRangeByIndexes(p.box.row + p.box.rows, p.box.col, extra, p.box.cols).insert(Excel.InsertShiftDirection.down);
  }
  if (p.table && extra < 0) {
    p.table.resize(address);
    sheet.getRangeByIndexes(target.row + target.rows, p.box.col, -extra, p.box.cols).delete(Excel.DeleteShiftDirection.up);
  }
  sheet.getRangeByIndexes(target.row, target.col, target.rows, target.cols).copyFrom(p.staged, Excel.RangeCopyType.all);
  let table = p.table;
  if (!table) table = context.workbook.tables.add(address, true);
  else if (extra > 0) table.resize(address);
  if (caption && p.caption) caption.values = [[cellText(p.caption)]];
  context.workbook.worksheets.getItem(STAGING_SHEET).delete();
  await context.sync();
  return { table, address };
}
