/**
 * The presented version: a values-only copy of each OMSPAN and report sheet, inside the workbook, named
 * with the day (`Realisasi Bulanan Sep 2026-12-03`), so "what did we show on the 3rd?" has an answer.
 * Each copy is made with `Range.copyFrom` (ExcelApi 1.9), formats first and then values — formulas
 * replaced by the values they show, number formats, fonts, fills and borders kept — in blocks of rows
 * (each a request of a few hundred bytes whatever its size); the destination is one cell, which
 * copyFrom expands (a destination that is a multiple of the source would be filled with repeats,
 * office-js #2674). Column widths are not a copy type (ColumnWidths is preview only): they are read per
 * column and set. Each copy carries the hidden mark `OMSPAN_PRESENTED` (when, and of which sheet), so
 * the checks and a later copy leave it alone.
 */
import { PRESENTED_MARK } from "../omspan/siap-rapat";
import { uniqueSheetName } from "../omspan/workbook/sheet-name";

/** Rows per copyFrom. */
const COPY_ROWS = 10_000;

const pad = (n: number) => String(n).padStart(2, "0");
export const dayOf = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** `<sheet> 2026-12-03` within Excel's 31 characters. */
export function presentedName(sheet: string, at: Date, taken: readonly string[]): string {
  const day = dayOf(at);
  return uniqueSheetName(`${sheet.slice(0, 31 - day.length - 1).trimEnd()} ${day}`, taken);
}

/** Copies each sheet as values with formats; answers the copies' names, in order. */
export async function copyPresented(context: Excel.RequestContext, sheets: readonly string[], at: Date = new Date()): Promise<string[]> {
  const all = context.workbook.worksheets;
  all.load("items/name");
  await context.sync();
  const taken = all.items.map((s) => s.name);
  const made: string[] = [];
  for (const name of sheets) {
    const source = all.getItem(name);
    const used = source.getUsedRangeOrNullObject();
    used.load("isNullObject,rowIndex,columnIndex,rowCount,columnCount");
    await context.sync();
    const copyName = presentedName(name, at, taken);
    taken.push(copyName);
    const target = all.add(copyName);
    const mark = target.names.add(PRESENTED_MARK, `="${at.toISOString()} ${name.replace(/"/g, '""')}"`.slice(0, 250), "OMSPAN for Excel: the version of this sheet presented at a meeting");
    mark.visible = false;
    if (!used.isNullObject) {
      const { rowIndex, columnIndex, rowCount, columnCount } = used;
      const widths = Array.from({ length: columnIndex + columnCount }, (_, c) => {
        const f = source.getRangeByIndexes(0, c, 1, 1).format;
        f.load("columnWidth");
        return f;
      });
      await context.sync();
      widths.forEach((f, c) => (target.getRangeByIndexes(0, c, 1, 1).format.columnWidth = f.columnWidth));
      for (let r = 0; r < rowCount; r += COPY_ROWS) {
        const n = Math.min(COPY_ROWS, rowCount - r);
        const from = source.getRangeByIndexes(rowIndex + r, columnIndex, n, columnCount);
        const to = target.getRangeByIndexes(rowIndex + r, columnIndex, 1, 1);
        to.copyFrom(from, Excel.RangeCopyType.formats);
        to.copyFrom(from, Excel.RangeCopyType.values);
        await context.sync();
      }
    }
    await context.sync();
    made.push(copyName);
  }
  return made;
}
