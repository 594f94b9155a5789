/**
 * Structured references (`Tabel1[Realisasi]`, `Tabel1[[#Totals],[Realisasi]]`, `Tabel1[#Data]`,
 * `Tabel1[@Realisasi]`) read as the areas they name, given the workbook's tables — so a totals row's
 * `SUBTOTAL(109,OMSPAN_realisasi[Realisation])` or a user's `=SUM(OMSPAN_realisasi[Realisation])` is
 * recomputed when a refresh rewrites the table. A form it does not read (no table name, an unknown
 * column) is an UnsupportedFormulaError: listed, never guessed.
 */
import { unsupported } from "./errors";
import type { Area, CellAt } from "./refs";

/** A table as the evaluator needs it. */
export interface CalcTable {
  readonly name: string;
  readonly sheet: string;
  /** The whole table: header, body and totals row. */
  readonly area: Area;
  readonly headerRows: number;
  readonly totalsRows: number;
  readonly columns: readonly string[];
}

/** The items of a specifier: `Col`, `#Data`, `@Col`, or `[#Totals],[Col]` / `[Col1]:[Col2]`. */
function items(spec: string): { specials: string[]; columns: string[]; thisRow: boolean } {
  const specials: string[] = [];
  const columns: string[] = [];
  let thisRow = false;
  const unescape = (s: string) => s.replace(/'(.)/g, "$1");
  let s = spec.trim();
  if (s.startsWith("@")) {
    thisRow = true;
    s = s.slice(1).trim();
  }
  if (!s.startsWith("[")) {
    if (s.startsWith("#")) specials.push(s.toLowerCase());
    else if (s) columns.push(unescape(s));
    return { specials, columns, thisRow };
  }
  for (let i = 0; i < s.length; ) {
    if (s[i] !== "[") {
      i++;
      continue;
    }
    let j = i + 1;
    let item = "";
    while (j < s.length && s[j] !== "]") {
      if (s[j] === "'") j++;
      item += s[j++] ?? "";
    }
    if (item.startsWith("#")) specials.push(item.toLowerCase());
    else columns.push(item);
    i = j + 1;
  }
  return { specials, columns, thisRow };
}

/** The area a structured reference names, for a formula at `at`. */
export function structuredArea(tables: readonly CalcTable[], table: string, spec: string, at: CellAt): { sheet: string; area: Area } {
  const t = tables.find((x) => x.name.toLowerCase() === table.toLowerCase());
  const fail = (en: string, id: string) => unsupported(`${table}[${spec}]: ${en}`, `${table}[${spec}]: ${id}`);
  if (!t) throw fail("no table of that name", "tidak ada tabel bernama itu");
  const { specials, columns, thisRow } = items(spec);
  const header = { top: t.area.top, bottom: t.area.top + t.headerRows - 1 };
  const data = { top: t.area.top + t.headerRows, bottom: t.area.bottom - t.totalsRows };
  const totals = { top: t.area.bottom - t.totalsRows + 1, bottom: t.area.bottom };
  let rows: { top: number; bottom: number };
  if (thisRow || specials.includes("#this row")) {
    if (at.sheet.toLowerCase() !== t.sheet.toLowerCase() || at.row < data.top || at.row > data.bottom) throw fail("this row is outside the table's body", "baris ini di luar badan tabel");
    rows = { top: at.row, bottom: at.row };
  } else if (specials.includes("#all")) rows = { top: t.area.top, bottom: t.area.bottom };
  else if (specials.includes("#headers") && specials.includes("#data")) rows = { top: header.top, bottom: data.bottom };
  else if (specials.includes("#data") && specials.includes("#totals")) rows = { top: data.top, bottom: totals.bottom };
  else if (specials.includes("#headers")) rows = header;
  else if (specials.includes("#totals")) rows = totals;
  else if (specials.length === 0 || specials.includes("#data")) rows = data;
  else throw fail("a specifier the evaluator does not read", "penentu yang tidak dapat dibaca");
  if (rows.bottom < rows.top) throw fail("that part of the table is not shown", "bagian tabel itu tidak ditampilkan");
  const index = (name: string) => {
    const k = t.columns.findIndex((c) => c.toLowerCase() === name.toLowerCase());
    if (k < 0) throw fail(`no column ${name}`, `tidak ada kolom ${name}`);
    return t.area.left + k;
  };
  const left = columns.length ? index(columns[0]!) : t.area.left;
  const right = columns.length ? index(columns[columns.length - 1]!) : t.area.right;
  return { sheet: t.sheet, area: { top: rows.top, bottom: rows.bottom, left: Math.min(left, right), right: Math.max(left, right) } };
}
