/**
 * One OMSPAN table in a file: read as it is (header, body, totals row, filter), and replaced by writing its
 * cells, its `ref`, its autoFilter's `ref` and the sheet's `dimension`. A file's cells are never moved: a
 * table grows only into empty cells (anything in the way — a cell in use, another table — skips it, named),
 * and a table that shrinks leaves the rows it gave up empty; its totals row moves with its body. Each new
 * cell takes its column's style from the old body (number formats, as Excel extends a table). Everything
 * happens in memory: a failure puts the table part back and leaves the sheet as it was.
 */
import { a1Of, areaA1, type Area } from "../../omspan/sheet-calc";
import { CAPTION_PREFIX, type CellValue } from "../../omspan/tables";
import { a1, parseA1 } from "../../omspan/workbook/a1";
import { label } from "../../omspan/workbook/outcome";
import { PlacementError } from "../../omspan/workbook/placement-error";
import type { Blocker, Placed, PortTable, TableLayout, TableWrite } from "../../omspan/workbook/port";
import type { XlsxBook } from "../book";
import type { CellWrite } from "../sheet-edit";
import type { TableInfo } from "../tables";
import { plainValue } from "./owned-sheets";

export interface FileLayout extends TableLayout {
  readonly info: TableInfo;
}

const areaOf = (address: string): Area => {
  const b = parseA1(address);
  return { top: b.row, left: b.col, bottom: b.row + b.rows - 1, right: b.col + b.cols - 1 };
};

export const addressOf = (sheet: string, area: Area) => a1({ sheet, row: area.top, col: area.left, rows: area.bottom - area.top + 1, cols: area.right - area.left + 1 });

/** The workbook's tables as the port lists them. */
export function listTables(book: XlsxBook): PortTable[] {
  return book.tables().map((t) => ({ id: t.id, name: t.name, sheet: t.sheet, address: addressOf(t.sheet, t.area) }));
}

function info(book: XlsxBook, t: PortTable): TableInfo {
  const found = book.tables().find((x) => x.sheet === t.sheet && x.name === t.name);
  if (!found) throw new Error(`no table ${t.name} on ${t.sheet}`);
  return found;
}

export function tableLayout(book: XlsxBook, t: PortTable): FileLayout {
  const i = info(book, t);
  const rows = i.area.bottom - i.area.top + 1;
  return {
    info: i,
    showHeaders: i.headerRowCount > 0,
    columns: i.area.right - i.area.left + 1,
    bodyRows: rows - i.headerRowCount - i.totalsRowCount,
    filtered: false,
    // A filter hides rows by marking them; rewritten rows would keep marks that no longer match.
    ...(i.filtered ? { refusal: label("is filtered: clear its filter in Excel (or refresh it there), then refresh the file", "sedang difilter: hapus filternya di Excel (atau segarkan di sana), lalu segarkan berkasnya") } : {}),
  };
}

const bodyTop = (l: FileLayout) => l.info.area.top + l.info.headerRowCount;

export function readTableBody(book: XlsxBook, l: FileLayout): CellValue[][][] {
  const top = bodyTop(l);
  const { left } = l.info.area;
  const rows: CellValue[][] = Array.from({ length: l.bodyRows }, () => new Array<CellValue>(l.columns).fill(""));
  for (const c of book.scan(l.info.sheet).cells) {
    const r = c.row - top;
    const k = c.col - left;
    if (r >= 0 && r < l.bodyRows && k >= 0 && k < l.columns) rows[r]![k] = plainValue(c.value) as CellValue;
  }
  return [rows];
}

/** The area the table covers with `bodyRows` rows of body. */
function newArea(l: FileLayout, bodyRows: number): Area {
  const a = l.info.area;
  return { ...a, bottom: a.top + l.info.headerRowCount + bodyRows + l.info.totalsRowCount - 1 };
}

export function tableBlocker(book: XlsxBook, l: FileLayout, bodyRows: number): Blocker | undefined {
  if (bodyRows <= l.bodyRows) return undefined;
  const what = book.growthBlocker(l.info, newArea(l, bodyRows));
  return what ? { what, kind: "occupied", growing: true } : undefined;
}

/** The caption cell above the table may be written: it is empty, or holds one of our as-of lines. */
export function captionWrite(book: XlsxBook, sheet: string, area: Area, caption: string): CellWrite | undefined {
  if (area.top === 0) return undefined;
  const now = book.cell(sheet, area.top - 1, area.left);
  const v = now?.value ?? null;
  if (now?.formula || !(v === null || v === "" || (typeof v === "string" && v.startsWith(CAPTION_PREFIX)))) return undefined;
  return { row: area.top - 1, col: area.left, content: { kind: "value", value: caption } };
}

export function replaceTable(book: XlsxBook, l: FileLayout, w: TableWrite): Placed {
  const { info: t } = l;
  const sheet = t.sheet;
  const to = newArea(l, w.bodyRows);
  const top = bodyTop(l);
  const styleOf = Array.from({ length: l.columns }, (_, k) => book.cell(sheet, top, t.area.left + k)?.style);
  const writes: CellWrite[] = [];
  if (t.headerRowCount) w.shaped.headers.forEach((h, k) => writes.push({ row: t.area.top, col: t.area.left + k, content: { kind: "value", value: h } }));
  const STEP = 10_000;
  for (let from = 0; from < w.bodyRows; from += STEP) {
    const rows = w.shaped.rowCount ? w.shaped.values(from, Math.min(w.bodyRows, from + STEP)) : [new Array<CellValue>(l.columns).fill("")];
    rows.forEach((r, i) =>
      r.forEach((v, k) => writes.push({ row: top + from + i, col: t.area.left + k, content: { kind: "value", value: v === "" ? null : v, style: styleOf[k] } })),
    );
    w.onRows?.(Math.min(w.shaped.rowCount, from + STEP), w.shaped.rowCount);
  }
  const oldBottom = t.area.bottom;
  if (t.totalsRowCount && to.bottom !== oldBottom) {
    // The totals row follows the body: its cells are moved (a structured reference needs no change).
    for (let k = 0; k < l.columns; k++) {
      const c = book.cell(sheet, oldBottom, t.area.left + k);
      if (!c) continue;
      const content: CellWrite["content"] = c.formula
        ? { kind: "formula", formula: c.formula.text, value: c.value, style: c.style, ...(c.formula.kind === "array" && c.formula.ref ? { array: a1Of(to.bottom, t.area.left + k) } : {}) }
        : { kind: "value", value: c.value, style: c.style };
      writes.push({ row: to.bottom, col: t.area.left + k, content });
    }
  }
  // Rows the table gave up (it shrank) and its old totals row are emptied, within its columns.
  const keep = new Set(writes.map((x) => `${x.row},${x.col}`));
  for (let r = to.bottom + 1; r <= oldBottom; r++) for (let k = 0; k < l.columns; k++) if (!keep.has(`${r},${t.area.left + k}`)) writes.push({ row: r, col: t.area.left + k, content: { kind: "remove" } });
  // The as-of line only where the cell above is empty or already ours (never a user's text), as in Excel.
  const caption = captionWrite(book, sheet, t.area, w.caption);
  if (caption) writes.push(caption);
  const tablePart = book.pkg.text(t.part);
  try {
    if (to.bottom !== oldBottom || t.columns.some((c, k) => c !== w.shaped.headers[k])) book.resizeTable(t, to, t.headerRowCount ? w.shaped.headers : undefined);
  } catch (err) {
    throw new PlacementError(err, false);
  }
  try {
    book.writeCells(sheet, writes);
  } catch (err) {
    book.pkg.setText(t.part, tablePart);
    throw new PlacementError(err, false);
  }
  return { address: addressOf(sheet, to), warnings: [] };
}

export { areaA1, areaOf };
