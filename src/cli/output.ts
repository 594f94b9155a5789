/**
 * Writing a pulled table to stdout as JSON or CSV, typed as on a sheet: codes as text, amounts as
 * numbers, dates as yyyy-mm-dd. Written in chunks so 400,000 rows never become one giant string.
 * In CSV, text that starts with = + - @ gets a leading apostrophe: a spreadsheet opening the file must
 * never run OMSPAN's text as a formula.
 */
import type { Writable } from "node:stream";
import { formatDay } from "../omspan/convert";
import type { Table } from "../omspan/columnar/table";
import { isOmspanError } from "../omspan/errors";
import { cellErrorKind, type CellValue, type Grid } from "../omspan/formulas";

function cell(table: Table, name: string, row: number): string | number | null {
  const col = table.columns[name]!;
  if (col.kind === "text") return col.dict[col.ids[row]!]!;
  const v = col.values[row]!;
  if (Number.isNaN(v)) return null;
  return table.kinds[name] === "date" ? formatDay(v) : v;
}

const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(v: string | number | null, isText: boolean): string {
  if (v === null) return "";
  let s = String(v);
  if (isText && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

async function writeChunked(out: Writable, rows: number, line: (r: number) => string, head: string, tail: string) {
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once("drain", () => r())));
  await write(head);
  let buf = "";
  for (let r = 0; r < rows; r++) {
    buf += line(r);
    if (buf.length > 1 << 16) {
      await write(buf);
      buf = "";
    }
  }
  await write(buf + tail);
}

export async function writeTable(table: Table, format: "json" | "csv", out: Writable): Promise<void> {
  const names = table.columnNames;
  if (format === "json") {
    const line = (r: number) => {
      const o: Record<string, unknown> = {};
      for (const n of names) o[n] = cell(table, n, r);
      return (r === 0 ? "\n" : ",\n") + JSON.stringify(o);
    };
    return writeChunked(out, table.rowCount, line, "[", table.rowCount ? "\n]\n" : "]\n");
  }
  const text = names.map((n) => table.columns[n]!.kind === "text");
  const line = (r: number) => names.map((n, i) => csvField(cell(table, n, r), text[i]!)).join(",") + "\n";
  return writeChunked(out, table.rowCount, line, names.join(",") + "\n", "");
}

/**
 * A formula's answer for stdout: a single value on its line; a grid (ranges, TABEL) as tab-separated
 * rows, a cell that failed shown as the Excel error it would be in a sheet (#N/A, #DIV/0!, #VALUE!).
 */
export function formatAnswer(answer: CellValue | Grid): string {
  const one = (v: CellValue) => (isOmspanError(v) ? cellErrorKind(v) : String(v).replace(/[\t\n\r]/g, " "));
  if (!Array.isArray(answer)) return `${one(answer)}\n`;
  return answer.map((row) => row.map(one).join("\t")).join("\n") + "\n";
}
