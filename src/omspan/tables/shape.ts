/**
 * A pulled dataset shaped for a sheet: the query's rows and columns as typed cell values — text for
 * codes, numbers for amounts, Excel date serials for dates (1900 or 1904 system), "" for absent — in
 * row blocks, so a writer can send them in chunks and never hold a second copy of 100,000 rows.
 * Pure: the add-in's table writer and a later command-line refresh of .xlsx files share it.
 */
import { escapedInJson, type Table } from "../columnar/table";
import { datasetSpec } from "../datasets/catalog";
import { asOfStatus, type AsOf } from "../store/as-of";
import { formatDay } from "../convert";
import { cellText } from "./guard";
import { selectRows } from "./select";
import { sheetColumns, type SheetColumn } from "./columns";
import type { TableQuery } from "./query";

/** A cell's value as the sheet holds it. */
export type CellValue = string | number;

/** Day number 0 (1970-01-01) as an Excel serial, in each date system. */
const SERIAL_OF_DAY0 = { 1900: 25569, 1904: 25569 - 1462 } as const;
/** The workbook's date system: 1900 (Windows, web, modern Mac) or 1904 (old Mac workbooks). */
export type DateSystem = keyof typeof SERIAL_OF_DAY0;

/** A dataset shaped for a sheet, read out in row blocks. */
export interface ShapedTable {
  readonly columns: readonly SheetColumn[];
  readonly headers: readonly string[];
  readonly rowCount: number;
  /** Plain values of rows [from, to): what Excel gives back when the sheet is read. */
  values(from: number, to: number): CellValue[][];
  /**
   * Rows [from, to) as they must be written (after the columns' number formats): text guarded so it never
   * becomes a formula, except in Text columns, which keep it as text and would show the guard.
   */
  cells(from: number, to: number): CellValue[][];
  /** A bound on the JSON size of one written row (for sizing chunks under the request limit). */
  readonly rowBytes: number;
}

/**
 * Fills column `j` of a block, column by column (a tight loop per column instead of a closure per cell).
 * Text columns read through their dictionary — guarded once per distinct value, not once per row.
 */
type Filler = (out: CellValue[][], rows: Uint32Array, from: number, j: number, guard: boolean) => void;

function filler(table: Table, col: SheetColumn, serialOfDay0: number): Filler {
  const c = table.columns[col.key];
  if (!c) return (out, _rows, _from, j) => out.forEach((row) => (row[j] = ""));
  if (c.kind === "text") {
    let guarded: string[] | undefined;
    return (out, rows, from, j, guard) => {
      const dict = guard ? (guarded ??= c.dict.map(cellText)) : c.dict;
      const ids = c.ids;
      for (let i = 0; i < out.length; i++) out[i]![j] = dict[ids[rows[from + i]!]!]!;
    };
  }
  const v = c.values;
  const offset = col.kind === "date" ? serialOfDay0 : 0;
  return (out, rows, from, j) => {
    for (let i = 0; i < out.length; i++) {
      const x = v[rows[from + i]!]!;
      out[i]![j] = Number.isNaN(x) ? "" : x + offset;
    }
  };
}

/**
 * A bound on one column's bytes per row in a JSON request: the widest dictionary text plus quotes, the
 * guard's apostrophe and a comma; texts JSON escapes count six per character, non-ASCII three (UTF-8).
 */
function columnBytes(table: Table, col: SheetColumn): number {
  const c = table.columns[col.key];
  if (c?.kind !== "text") return 24;
  let max = 0;
  let factor = 1;
  for (const s of c.dict) {
    if (s.length > max) max = s.length;
    if (factor < 6 && escapedInJson(s)) factor = 6;
    else if (factor < 3 && /[^\x00-\x7f]/.test(s)) factor = 3;
  }
  return max * factor + 4;
}

/** Shapes a pulled table for a sheet. `dateSystem` is the workbook's (1904 for old Mac files). */
export function shapeTable(table: Table, query: TableQuery, dateSystem: DateSystem = 1900): ShapedTable {
  const columns = sheetColumns(query.dataset, query.lang, query.columns);
  const rows = selectRows(table, query);
  const fillers = columns.map((c) => filler(table, c, SERIAL_OF_DAY0[dateSystem]));
  const block = (from: number, to: number, guard: boolean): CellValue[][] => {
    const n = Math.max(0, to - from);
    const out: CellValue[][] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = new Array<CellValue>(fillers.length);
    // A Text ("@") cell keeps what is written as text, a formula too: the guard is for the other cells.
    fillers.forEach((f, j) => f(out, rows, from, j, guard && columns[j]!.numberFormat !== "@"));
    return out;
  };
  return {
    columns,
    headers: columns.map((c) => c.header),
    rowCount: rows.length,
    values: (from, to) => block(from, to, false),
    cells: (from, to) => block(from, to, true),
    rowBytes: columns.reduce((n, c) => n + columnBytes(table, c), 2),
  };
}

/** What every as-of line starts with: the cell above a table holds one of ours, or nothing (then it may be written). */
export const CAPTION_PREFIX = "OMSPAN · ";

/** Body rows a table needs: an empty dataset still keeps one (blank) body row. */
export const bodyRows = (shaped: ShapedTable) => Math.max(1, shaped.rowCount);

/**
 * The as-of line a table carries above its header, in the table's language. A stale answer says so
 * (OMSPAN could not be reached: these are the rows of the time named), and so does a frozen one.
 */
export function asOfCaption(query: TableQuery, asOf: AsOf): string {
  const spec = datasetSpec(query.dataset);
  const pulled = asOf.fetchedAt.toISOString().slice(0, 16).replace("T", " ");
  const cut = asOf.maxDate !== undefined ? formatDay(asOf.maxDate) : undefined;
  const status = asOfStatus(asOf);
  const note =
    status === "stale"
      ? query.lang === "id" ? " · LAMA: OMSPAN tidak dapat dihubungi" : " · STALE: OMSPAN could not be reached"
      : status === "frozen"
        ? query.lang === "id" ? " · dibekukan" : " · frozen"
        : "";
  return query.lang === "id"
    ? `${CAPTION_PREFIX}${spec.label.id} · ditarik ${pulled} UTC${cut ? ` · data s.d. ${cut}` : ""}${note}`
    : `${CAPTION_PREFIX}${spec.label.en} · pulled ${pulled} UTC${cut ? ` · data up to ${cut}` : ""}${note}`;
}
