/**
 * `--values`: a copy of a workbook in which every OMSPAN formula is replaced by the value it shows, for
 * a colleague without the add-in. Excel would show them #NAME? otherwise whenever it recalculates the
 * cells — on open when their Excel's calculation engine differs from the one that saved the file, and on
 * every calculation for a cell marked `ca="1"`. Styles stay; ordinary formulas (totals) stay formulas
 * over the values; a spilled range keeps its values (the cells beside the first already hold only values).
 */
import { callsOmspan } from "../omspan/sheet-calc";
import type { XlsxBook } from "./book";
import type { CellWrite } from "./sheet-edit";

/** Replaces the OMSPAN formulas of every worksheet by their cached values; returns how many. */
export function replaceOmspanWithValues(book: XlsxBook): number {
  let n = 0;
  for (const s of book.sheets()) {
    if (s.kind !== "worksheet") continue;
    const writes: CellWrite[] = [];
    for (const c of book.scan(s.name).cells) {
      if (!c.formula || c.formula.text === "" || !callsOmspan(c.formula.text)) continue;
      writes.push({ row: c.row, col: c.col, content: { kind: "value", value: c.value, style: c.style } });
    }
    book.writeCells(s.name, writes);
    n += writes.length;
  }
  return n;
}
