/**
 * Inserting and deleting cells (Range.insert "Down", Range.delete "Up") in the stand-in: cells in the
 * range's columns move, and so do tables lying wholly inside those columns below it; a table that only
 * partly shares the columns blocks the move, as in Excel ("This operation will attempt to shift cells in
 * a table on your worksheet").
 */
import type { Box } from "./address";
import { StandinError, type SheetModel, type WorkbookModel } from "./model";

function blockers(wb: WorkbookModel, sheet: SheetModel, box: Box): void {
  const c1 = box.c0 + box.cols;
  for (const t of wb.tables) {
    if (t.sheet !== sheet) continue;
    const below = t.box.r0 + t.box.rows > box.r0;
    const sharesColumns = t.box.c0 < c1 && box.c0 < t.box.c0 + t.box.cols;
    const inside = t.box.c0 >= box.c0 && t.box.c0 + t.box.cols <= c1 && t.box.r0 >= box.r0;
    if (below && sharesColumns && !inside) {
      throw new StandinError("InvalidOperation", `This operation will attempt to shift cells in a table (${t.name}) on your worksheet.`);
    }
  }
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
  blockers(wb, sheet, box);
  moveRows(sheet, box, box.r0, box.rows);
  for (const t of wb.tables) {
    if (t.sheet === sheet && t.box.r0 >= box.r0 && t.box.c0 >= box.c0 && t.box.c0 + t.box.cols <= box.c0 + box.cols) {
      t.box = { ...t.box, r0: t.box.r0 + box.rows };
    }
  }
}

export function deleteUp(wb: WorkbookModel, sheet: SheetModel, box: Box): void {
  blockers(wb, sheet, box);
  for (let r = box.r0; r < box.r0 + box.rows; r++) for (let c = box.c0; c < box.c0 + box.cols; c++) sheet.set(r, c, undefined);
  moveRows(sheet, box, box.r0 + box.rows, -box.rows);
  for (const t of wb.tables) {
    if (t.sheet === sheet && t.box.r0 >= box.r0 + box.rows && t.box.c0 >= box.c0 && t.box.c0 + t.box.cols <= box.c0 + box.cols) {
      t.box = { ...t.box, r0: t.box.r0 - box.rows };
    }
  }
}
