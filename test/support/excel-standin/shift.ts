/**
 * Inserting and deleting cells (Range.insert "Down", Range.delete "Up") in the stand-in, as Excel does it:
 * - cells in the range's columns below it move, and so do tables lying wholly inside those columns below it;
 * - rows inserted or deleted inside a table's body, across the table's whole width, make the table grow or
 *   shrink (its totals row moves with the cells below);
 * - a table that only partly shares the columns, or whose header or totals row the range cuts, blocks the
 *   move (InsertDeleteConflict, "This operation will attempt to shift cells in a table on your worksheet");
 * - a filtered table that would move, grow or shrink blocks it too (FilteredRangeConflict: office-js #994,
 *   xlwings #2587);
 * - non-blank cells pushed past the last row block an insert (NonBlankCellOffSheet).
 * Every check runs before anything moves, so a refused shift changes nothing.
 */
import type { Box } from "./address";
import { StandinError, bodyBox, type SheetModel, type TableModel, type WorkbookModel } from "./model";

const LAST_ROW = 1_048_575;

type Effect = "moves" | "resizes" | "none";

function effectOn(t: TableModel, box: Box, kind: "insert" | "delete"): Effect {
  const c1 = box.c0 + box.cols;
  const t1 = t.box.c0 + t.box.cols;
  const sharesColumns = t.box.c0 < c1 && box.c0 < t1;
  const tableEnd = t.box.r0 + t.box.rows;
  if (!sharesColumns || tableEnd <= box.r0) return "none";
  const within = t.box.c0 >= box.c0 && t1 <= c1;
  const body = bodyBox(t);
  if (within && t.box.r0 >= box.r0 + (kind === "delete" ? box.rows : 0)) return "moves";
  // Inside the table, across its whole width: the table itself grows or shrinks (never past its last body row).
  const inside =
    kind === "insert"
      ? box.r0 > t.box.r0 && box.r0 < tableEnd
      : box.r0 >= body.r0 && box.r0 + box.rows <= body.r0 + body.rows && box.rows < body.rows;
  if (within && inside) return "resizes";
  throw new StandinError("InsertDeleteConflict", `This operation will attempt to shift cells in a table (${t.name}) on your worksheet.`);
}

function check(wb: WorkbookModel, sheet: SheetModel, box: Box, kind: "insert" | "delete"): Map<TableModel, Effect> {
  const effects = new Map<TableModel, Effect>();
  for (const t of wb.tables) {
    if (t.sheet !== sheet) continue;
    const e = effectOn(t, box, kind);
    if (e === "none") continue;
    if (t.filters.size) throw new StandinError("FilteredRangeConflict", `The attempted operation causes a conflict with a filtered range (${t.name}).`);
    effects.set(t, e);
  }
  if (kind === "insert") {
    for (const [r, row] of sheet.rows) {
      if (r < box.r0 || r + box.rows <= LAST_ROW) continue;
      for (let c = box.c0; c < box.c0 + box.cols; c++) {
        const x = row[c];
        if (x && (x.v !== "" || x.f)) throw new StandinError("NonBlankCellOffSheet", "Microsoft Excel can't insert new cells because it would push non-empty cells off the end of the worksheet.");
      }
    }
  }
  return effects;
}

function moveRows(sheet: SheetModel, box: Box, from: number, by: number): void {
  const rows = [...sheet.rows.keys()].filter((r) => r >= from).sort((a, b) => (by > 0 ? b - a : a - b));
  for (const r of rows) {
    for (let c = box.c0; c < box.c0 + box.cols; c++) {
      const cell = sheet.get(r, c);
      sheet.set(r, c, undefined);
      sheet.set(r + by, c, cell);
    }
  }
}

export function insertDown(wb: WorkbookModel, sheet: SheetModel, box: Box): void {
  const effects = check(wb, sheet, box, "insert");
  moveRows(sheet, box, box.r0, box.rows);
  for (const [t, e] of effects) t.box = e === "moves" ? { ...t.box, r0: t.box.r0 + box.rows } : { ...t.box, rows: t.box.rows + box.rows };
}

export function deleteUp(wb: WorkbookModel, sheet: SheetModel, box: Box): void {
  const effects = check(wb, sheet, box, "delete");
  for (let r = box.r0; r < box.r0 + box.rows; r++) for (let c = box.c0; c < box.c0 + box.cols; c++) sheet.set(r, c, undefined);
  moveRows(sheet, box, box.r0 + box.rows, -box.rows);
  for (const [t, e] of effects) t.box = e === "moves" ? { ...t.box, r0: t.box.r0 - box.rows } : { ...t.box, rows: t.box.rows - box.rows };
}
