/**
 * Reading a ledger out of the workbook for Rekonsiliasi: the table or range the user selected, or the one
 * a report's parameter cell names (`Buku!A1:E801`, a table's name, or a range of the report's own sheet).
 *
 * - The selection is refused when it is several areas (getSelectedRange throws on them; the areas are
 *   counted first) or too many cells to read; one cell inside a table means the table (header and body,
 *   never its totals row).
 * - Values are read in blocks of rows, never a range object per cell, each block's answer aimed at about
 *   2 MB as it is measured (Excel on the web refuses 5 MB either way): the first block is small, the next
 *   ones sized by the bytes a row took.
 * Every batch runs in the caller's Excel.run (runExcel: delayForCellEdit) and queue.
 */
import { InvalidArgumentError } from "../omspan/errors";
import { ledgerPlace } from "../omspan/templates";
import { a1, parseA1, type CellBox } from "../omspan/workbook/a1";
import { listTables } from "./locate-tables";

/** The most cells a ledger may have (a year of a large satker is ~10,000 rows × a dozen columns). */
export const MAX_LEDGER_CELLS = 2_000_000;
/** What one block's answer is aimed at. */
const BLOCK_BYTES = 2_000_000;
const FIRST_BLOCK_ROWS = 500;

/** A ledger as read: where it is (what a report keeps), where its first cell sits, its rows of values. */
export interface LedgerCells {
  /** `Buku!A1:E801`, or a table's name. */
  readonly at: string;
  readonly box: CellBox;
  readonly rows: unknown[][];
}

const tooLarge = (address: string, cells: number) =>
  new InvalidArgumentError("selection", {
    en: `${address} has ${cells.toLocaleString("en")} cells; a ledger may have at most ${MAX_LEDGER_CELLS.toLocaleString("en")}: select its used rows and columns`,
    id: `${address} berisi ${cells.toLocaleString("id")} sel; buku paling banyak ${MAX_LEDGER_CELLS.toLocaleString("id")} sel: pilih baris dan kolom yang terisi saja`,
  });

/** Reads a box's values in blocks of rows (see the header). */
export async function readBlocks(context: Excel.RequestContext, box: CellBox, onRows?: (done: number) => void): Promise<unknown[][]> {
  if (box.rows * box.cols > MAX_LEDGER_CELLS) throw tooLarge(a1(box), box.rows * box.cols);
  const sheet = context.workbook.worksheets.getItem(box.sheet);
  const out: unknown[][] = [];
  let step = Math.min(box.rows, FIRST_BLOCK_ROWS);
  for (let done = 0; done < box.rows; ) {
    const n = Math.min(step, box.rows - done);
    const range = sheet.getRangeByIndexes(box.row + done, box.col, n, box.cols);
    range.load("values");
    await context.sync();
    for (const row of range.values) out.push(row);
    const bytes = JSON.stringify(range.values).length;
    done += n;
    onRows?.(done);
    step = Math.max(100, Math.min(50_000, Math.floor((BLOCK_BYTES * n) / Math.max(1, bytes))));
  }
  return out;
}

/** A table's header and body (its totals row left out: "Jumlah" is not a transaction). */
async function tableBox(context: Excel.RequestContext, table: Excel.Table): Promise<CellBox> {
  const header = table.getHeaderRowRange();
  const body = table.getDataBodyRange();
  header.load("address");
  body.load("address,rowCount");
  await context.sync();
  const h = parseA1(header.address);
  return { ...h, rows: h.rows + body.rowCount };
}

/** The table holding a cell, if any (one range object per table, not per cell). */
async function tableAt(context: Excel.RequestContext, cell: CellBox): Promise<Excel.Table | undefined> {
  const hit = (await listTables(context)).find((t) => {
    const b = parseA1(t.address);
    return b.sheet.toLowerCase() === cell.sheet.toLowerCase() && cell.row >= b.row && cell.row < b.row + b.rows && cell.col >= b.col && cell.col < b.col + b.cols;
  });
  return hit && context.workbook.tables.getItem(hit.id);
}

/** Where the selected ledger is: the selected range, or the table of a single selected cell. */
export async function selectedLedger(context: Excel.RequestContext): Promise<{ at: string; box: CellBox }> {
  const areas = context.workbook.getSelectedRanges();
  areas.load("areaCount,cellCount,address");
  await context.sync();
  if (areas.areaCount !== 1) {
    throw new InvalidArgumentError("selection", {
      en: `${areas.address} is ${areas.areaCount} separate ranges: select the ledger as one range, or click in its table`,
      id: `${areas.address} terdiri dari ${areas.areaCount} rentang terpisah: pilih buku sebagai satu rentang, atau klik di dalam tabelnya`,
    });
  }
  if (areas.cellCount > MAX_LEDGER_CELLS) throw tooLarge(areas.address, areas.cellCount);
  const range = context.workbook.getSelectedRange();
  range.load("address,cellCount");
  await context.sync();
  const box = parseA1(range.address);
  if (range.cellCount > 1) return { at: a1(box), box };
  const table = await tableAt(context, box);
  if (!table) {
    throw new InvalidArgumentError("selection", {
      en: `${range.address} is one cell: select the ledger with its header row, or click in its table`,
      id: `${range.address} hanya satu sel: pilih buku beserta baris judulnya, atau klik di dalam tabelnya`,
    });
  }
  table.load("name");
  const tb = await tableBox(context, table);
  return { at: table.name, box: tb };
}

/** Where a report's ledger cell points (`reportSheet`: the report's own sheet, for a bare range). */
export async function ledgerAt(context: Excel.RequestContext, at: string, reportSheet: string): Promise<{ at: string; box: CellBox }> {
  const place = ledgerPlace(at);
  if (place.kind === "table") {
    const table = context.workbook.tables.getItemOrNullObject(place.name);
    table.load("isNullObject");
    await context.sync();
    if (table.isNullObject) {
      throw new InvalidArgumentError("B8", { en: `there is no table ${place.name} in this workbook`, id: `tidak ada tabel ${place.name} di buku kerja ini` }, place.name);
    }
    return { at: place.name, box: await tableBox(context, table) };
  }
  const box = parseA1(place.address, place.sheet ?? reportSheet);
  const sheet = context.workbook.worksheets.getItemOrNullObject(box.sheet);
  sheet.load("isNullObject");
  await context.sync();
  if (sheet.isNullObject) throw new InvalidArgumentError("B8", { en: `there is no sheet ${box.sheet}`, id: `tidak ada lembar ${box.sheet}` }, at);
  return { at, box };
}

/** Reads the ledger a place names. */
export async function readLedgerCells(context: Excel.RequestContext, place: { at: string; box: CellBox }, onRows?: (done: number) => void): Promise<LedgerCells> {
  return { ...place, rows: await readBlocks(context, place.box, onRows) };
}
