/**
 * The one table writer. A table is never written in place: its header and rows go first to a very
 * hidden staging sheet, in chunks that keep every request under ~3.5 MB as office.js sends it (Excel on the
 * web refuses 5 MB), with calculation suspended for each chunk's sync (screen updating only once, when the
 * content is put in place: suspending it in a loop makes the window flicker). Only when every chunk has
 * landed does place-table.ts put the new content in place (copyFrom, which carries values and number
 * formats without resending them) — so a failed pull or a failure while writing leaves the old table
 * exactly as it was. "Until next sync" suspensions end by themselves, on failure too.
 */
import { bodyRows, type CellValue, type ShapedTable } from "../omspan/tables";
import { STAGING_SHEET, deleteHiddenSheet } from "./hidden-sheets";

/** Largest request a chunk may make (the limit is 5 MB; the op envelope adds a little). */
export const CHUNK_BYTES = 3_500_000;

export interface WriteProgress {
  readonly rowsWritten: number;
  readonly rowCount: number;
}

export { bodyRows };

function suspend(context: Excel.RequestContext): void {
  context.workbook.application.suspendApiCalculationUntilNextSync();
}

/**
 * office.js sends a matrix of more than 1,500 cells as slices of ~1,500 cells, each addressed by its own
 * object paths (setRangePropertiesInBulk): about 700 bytes a slice on top of the values.
 */
const BYTES_PER_CELL_OF_SLICING = 700 / 1500;

/** Rows per chunk so that a chunk's request stays under the budget. */
export function rowsPerChunk(shaped: ShapedTable, budget = CHUNK_BYTES): number {
  return Math.max(1, Math.floor(budget / (shaped.rowBytes + shaped.columns.length * BYTES_PER_CELL_OF_SLICING)));
}

/** Drops a staging sheet left over by an interrupted write. */
export async function dropStaging(context: Excel.RequestContext): Promise<void> {
  const old = context.workbook.worksheets.getItemOrNullObject(STAGING_SHEET);
  old.load("isNullObject");
  await context.sync();
  if (!old.isNullObject) {
    deleteHiddenSheet(old);
    await context.sync();
  }
}

/**
 * Writes header and rows to a fresh staging sheet at A1; returns the staged range (header included).
 * Throws whatever a sync throws; the caller drops the staging sheet.
 */
export async function stageTable(
  context: Excel.RequestContext,
  shaped: ShapedTable,
  onProgress?: (p: WriteProgress) => void,
): Promise<Excel.Range> {
  await dropStaging(context);
  const sheet = context.workbook.worksheets.add(STAGING_SHEET);
  sheet.visibility = Excel.SheetVisibility.veryHidden;
  const n = bodyRows(shaped);
  const cols = shaped.columns.length;
  suspend(context);
  sheet.getRangeByIndexes(0, 0, 1, cols).numberFormat = [shaped.columns.map(() => "@")];
  // The header and the text columns are Text ("@") cells: they take OMSPAN's text as it is, never as a
  // formula, so no apostrophe guard (which a Text cell would keep and show).
  sheet.getRangeByIndexes(0, 0, 1, cols).values = [[...shaped.headers]];
  shaped.columns.forEach((c, j) => {
    // A single value is applied to every cell of the range (the Range.numberFormat docs; the typings
    // only allow a matrix — OfficeDev/office-js-docs-pr#2013): one short string instead of 100,000.
    (sheet.getRangeByIndexes(1, j, n, 1) as { numberFormat: unknown }).numberFormat = c.numberFormat;
  });
  await context.sync();
  const step = rowsPerChunk(shaped);
  for (let from = 0; from < shaped.rowCount; from += step) {
    const to = Math.min(shaped.rowCount, from + step);
    suspend(context);
    sheet.getRangeByIndexes(1 + from, 0, to - from, cols).values = shaped.cells(from, to);
    await context.sync();
    onProgress?.({ rowsWritten: to, rowCount: shaped.rowCount });
  }
  return sheet.getRangeByIndexes(0, 0, 1 + n, cols);
}

/**
 * Reads a table's body in chunks sized like the writes (Excel on the web also refuses answers over
 * 5 MB); yields blocks of rows as Excel returns them (plain values).
 */
export async function readBody(
  context: Excel.RequestContext,
  body: Excel.Range,
  rows: number,
  cols: number,
  rowBytes: number,
): Promise<CellValue[][][]> {
  const blocks: CellValue[][][] = [];
  const step = Math.max(1, Math.floor(CHUNK_BYTES / Math.max(rowBytes, cols * 24)));
  for (let from = 0; from < rows; from += step) {
    const part = body.getCell(from, 0).getResizedRange(Math.min(step, rows - from) - 1, cols - 1);
    part.load("values");
    await context.sync();
    blocks.push(part.values as CellValue[][]);
  }
  return blocks;
}
