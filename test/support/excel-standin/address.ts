/** A1 addresses for the Excel stand-in: `Sheet!A1:C10`, quoted sheet names, column letters ↔ indexes. */

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

/** Splits `Sheet 1!A1:B2` or `'Sheet 1'!A1` into sheet (or undefined) and the box. */
export function parseAddress(address: string): { sheet?: string; box: Box } {
  let sheet: string | undefined;
  let ref = address;
  const bang = address.lastIndexOf("!");
  if (bang >= 0) {
    sheet = address.slice(0, bang).replace(/^'(.*)'$/, "$1").replace(/''/g, "'");
    ref = address.slice(bang + 1);
  }
  const [a, b = a] = ref.split(":");
  const m1 = CELL.exec(a!);
  const m2 = CELL.exec(b!);
  if (!m1 || !m2) throw Object.assign(new Error(`The address ${address} is not valid`), { code: "InvalidArgument" });
  const r0 = Number(m1[2]) - 1;
  const c0 = colIndex(m1[1]!);
  const r1 = Number(m2[2]) - 1;
  const c1 = colIndex(m2[1]!);
  return { sheet, box: { r0: Math.min(r0, r1), c0: Math.min(c0, c1), rows: Math.abs(r1 - r0) + 1, cols: Math.abs(c1 - c0) + 1 } };
}

export function boxAddress(sheet: string, b: Box): string {
  const q = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  const a = `${colName(b.c0)}${b.r0 + 1}`;
  const z = `${colName(b.c0 + b.cols - 1)}${b.r0 + b.rows}`;
  return `${q}!${a === z ? a : `${a}:${z}`}`;
}

export function intersects(a: Box, b: Box): boolean {
  return a.r0 < b.r0 + b.rows && b.r0 < a.r0 + a.rows && a.c0 < b.c0 + b.cols && b.c0 < a.c0 + a.cols;
}
