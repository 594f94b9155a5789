/**
 * A1 references as the evaluator and the file layer read them: 0-based rows and columns, an optional
 * sheet, `$` kept apart (it matters only when a shared formula is moved to another cell).
 */

/** A cell of a workbook: sheet name, 0-based row and column. */
export interface CellAt {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
}

/** A rectangle of cells, corners inclusive, 0-based. */
export interface Area {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** Excel's grid: 1,048,576 rows × 16,384 columns (XFD). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

/** 0-based column of letters: A → 0, Z → 25, AA → 26. */
export function columnIndex(letters: string): number {
  let col = 0;
  for (let i = 0; i < letters.length; i++) col = col * 26 + (letters.charCodeAt(i) - 64);
  return col - 1;
}

/** Letters of a 0-based column: 0 → A, 26 → AA. */
export function columnName(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** `B4` of a 0-based row and column. */
export function a1Of(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
}

/** `B4:C9` of an area (one cell: `B4`). */
export function areaA1(a: Area): string {
  const from = a1Of(a.top, a.left);
  return a.top === a.bottom && a.left === a.right ? from : `${from}:${a1Of(a.bottom, a.right)}`;
}

const CELL = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/;

/** A cell reference without sheet (`$B$4`, `b4`) → 0-based row and column; undefined when it is not one. */
export function parseCell(a1: string): { row: number; col: number } | undefined {
  const m = CELL.exec(a1.toUpperCase());
  if (!m) return undefined;
  const row = Number(m[2]) - 1;
  const col = columnIndex(m[1]!);
  if (row < 0 || row >= MAX_ROWS || col >= MAX_COLS) return undefined;
  return { row, col };
}

/** `A1:C3` or `B2` → an area; undefined when it is not one. */
export function parseArea(ref: string): Area | undefined {
  const [a, b] = ref.split(":");
  const from = a ? parseCell(a) : undefined;
  const to = b === undefined ? from : parseCell(b);
  if (!from || !to) return undefined;
  return { top: Math.min(from.row, to.row), left: Math.min(from.col, to.col), bottom: Math.max(from.row, to.row), right: Math.max(from.col, to.col) };
}

/** Whether the cell lies inside the area. */
export function inArea(a: Area, row: number, col: number): boolean {
  return row >= a.top && row <= a.bottom && col >= a.left && col <= a.right;
}

/** The key of a cell in maps: `sheet!row,col` (sheet names compare as Excel does, case-insensitively). */
export function cellKey(sheet: string, row: number, col: number): string {
  return `${sheet.toLowerCase()}!${row},${col}`;
}
