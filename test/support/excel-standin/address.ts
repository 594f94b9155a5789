/**
 * A1 addresses for the Excel stand-in: `Sheet!A1:C10`, quoted sheet names, column letters ↔ indexes.
 * As in Excel, a sheet name must be quoted where it could be read as something else: one that looks like a
 * cell reference (`TW1`, `R1C1`, `A1`), starts with a digit or holds anything but letters, digits, `_` and
 * `.`. An unquoted one of those is not a valid address.
 */
import { StandinError } from "./errors";

export interface Box {
  readonly r0: number;
  readonly c0: number;
  readonly rows: number;
  readonly cols: number;
}

export function colName(c: number): string {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;
/** A name Excel would read as a reference: A1-style within the grid, or R1C1-style. */
const LOOKS_LIKE_REF = /^([A-Za-z]{1,3}\d+|[Rr]\d*([Cc]\d*)?|[Cc]\d*)$/;

/** Whether a sheet name needs quotes in an address. */
export function needsQuotes(sheet: string): boolean {
  return !PLAIN_NAME.test(sheet) || LOOKS_LIKE_REF.test(sheet);
}

const invalid = (address: string, why = "") => new StandinError("InvalidArgument", `The argument is invalid or missing or has an incorrect format (address ${address}${why}).`);

/** Splits `Sheet 1!A1:B2` or `'Sheet 1'!A1` into sheet (or undefined) and the box. */
export function parseAddress(address: string): { sheet?: string; box: Box } {
  let sheet: string | undefined;
  let ref = address;
  const bang = address.lastIndexOf("!");
  if (bang >= 0) {
    const raw = address.slice(0, bang);
    const quoted = /^'(.*)'$/.exec(raw);
    if (!quoted && needsQuotes(raw)) throw invalid(address, `: the sheet name ${raw} must be quoted`);
    sheet = quoted ? quoted[1]!.replace(/''/g, "'") : raw;
    ref = address.slice(bang + 1);
  }
  const [a, b = a, extra] = ref.split(":");
  const m1 = CELL.exec(a!);
  const m2 = CELL.exec(b!);
  if (!m1 || !m2 || extra !== undefined) throw invalid(address);
  const r0 = Number(m1[2]) - 1;
  const c0 = colIndex(m1[1]!);
  const r1 = Number(m2[2]) - 1;
  const c1 = colIndex(m2[1]!);
  if (Math.max(r0, r1) >= 1_048_576 || Math.max(c0, c1) >= 16_384 || Math.min(r0, r1) < 0) throw invalid(address);
  return { sheet, box: { r0: Math.min(r0, r1), c0: Math.min(c0, c1), rows: Math.abs(r1 - r0) + 1, cols: Math.abs(c1 - c0) + 1 } };
}

export function boxAddress(sheet: string, b: Box): string {
  const q = needsQuotes(sheet) ? `'${sheet.replace(/'/g, "''")}'` : sheet;
  const a = `${colName(b.c0)}${b.r0 + 1}`;
  const z = `${colName(b.c0 + b.cols - 1)}${b.r0 + b.rows}`;
  return `${q}!${a === z ? a : `${a}:${z}`}`;
}

export function intersects(a: Box, b: Box): boolean {
  return a.r0 < b.r0 + b.rows && b.r0 < a.r0 + a.rows && a.c0 < b.c0 + b.cols && b.c0 < a.c0 + a.cols;
}
