/** A1 addresses as Office.js hands them over and the registry keeps them (`Sheet1!A1:C3`, `'My sheet'!B2`): for every workbook port. */
import { columnLetter } from "../templates/grid";

export interface CellBox {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}


function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const REF = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/;

/** Parses a sheet-qualified address; a bare address takes `defaultSheet`. */
export function parseA1(address: string, defaultSheet = ""): CellBox {
  const bang = address.lastIndexOf("!");
  const sheet = bang >= 0 ? address.slice(0, bang).replace(/^'(.*)'$/, "$1").replace(/''/g, "'") : defaultSheet;
  const m = REF.exec(bang >= 0 ? address.slice(bang + 1) : address);
  if (!m) throw new Error(`not an A1 address: ${address}`);
  const r0 = Number(m[2]) - 1;
  const c0 = colIndex(m[1]!);
  const r1 = m[4] ? Number(m[4]) - 1 : r0;
  const c1 = m[3] ? colIndex(m[3]) : c0;
  return { sheet, row: Math.min(r0, r1), col: Math.min(c0, c1), rows: Math.abs(r1 - r0) + 1, cols: Math.abs(c1 - c0) + 1 };
}

/**
 * Whether a sheet name must be quoted in an address: anything but letters, digits, `_` and `.`, a digit
 * first, or a name that reads as a cell reference — `TW1` (triwulan 1) is column TW, row 1; `R1C1`, `C2`.
 */
export function needsQuotes(sheet: string): boolean {
  return !/^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) || /^([A-Za-z]{1,3}\d+|[Rr]\d*([Cc]\d*)?|[Cc]\d*)$/.test(sheet);
}

/** The address of a box, sheet-qualified (quoted where Excel needs quotes). */
export function a1(b: CellBox): string {
  const q = needsQuotes(b.sheet) ? `'${b.sheet.replace(/'/g, "''")}'` : b.sheet;
  const tl = `${columnLetter(b.col)}${b.row + 1}`;
  const br = `${columnLetter(b.col + b.cols - 1)}${b.row + b.rows}`;
  return `${q}!${tl === br ? tl : `${tl}:${br}`}`;
}

/** The address part without the sheet (what `Worksheet.getRange` takes). */
export function localA1(b: CellBox): string {
  return a1(b).slice(a1(b).lastIndexOf("!") + 1);
}
