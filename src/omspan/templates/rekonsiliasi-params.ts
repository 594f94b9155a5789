/**
 * The Rekonsiliasi report's parameter cells (column B of rows 4–9) and the request they stand for, both
 * ways: written by the template, read back by a refresh (in Excel or on a file) so the report is built
 * again from what the sheet says now — the user may have typed another period, tolerance or range.
 *
 *   row 4  satker        600001
 *   row 5  from          01/01/2026   (a date cell, or text yyyy-mm-dd / dd/mm/yyyy)
 *   row 6  to            31/03/2026
 *   row 7  tolerance     3
 *   row 8  ledger        Buku!A1:E801 | a table's name | A60:F900 (the report's own copy)
 *   row 9  columns       akun=Kode Akun; tanggal=Tanggal; jumlah=Nilai; referensi=No Bukti
 *   row 10 read from      buku-maret.csv   (only for a ledger read from a file: the report keeps a copy)
 */
import { InvalidArgumentError } from "../errors";
import type { Lang } from "../i18n";
import { formatDay } from "../convert";
import { readDate } from "../reconcile/ledger-cells";
import { parseReconcileRequest, type LedgerColumns, type ReconcileRequest } from "../reconcile/request";
import { FIELD_WORDS, rekonWords } from "./rekonsiliasi-words";

/** 0-based rows of the parameters (their values in column B); `file`: where a copied ledger came from. */
export const PARAM_ROW = { satker: 3, from: 4, to: 5, tolerance: 6, ledger: 7, columns: 8, file: 9 } as const;
/** The block a refresh reads: A1:B10. */
export const PARAM_BLOCK = { rows: PARAM_ROW.file + 1, cols: 2 } as const;

const ORDER = ["satker", "akun", "date", "amount", "reference"] as const;

/** The columns cell: `akun=Kode Akun; tanggal=Tanggal; …` in the label language. */
export function columnsText(columns: LedgerColumns, lang: Lang): string {
  const t = rekonWords(lang);
  return ORDER.filter((f) => columns[f]).map((f) => `${t.fields[f]}=${columns[f]}`).join("; ");
}

/** The columns cell read back; field words in either language. */
export function parseColumnsText(text: string): LedgerColumns {
  const out: Partial<Record<(typeof ORDER)[number], string>> = {};
  for (const part of text.split(";")) {
    if (!part.trim()) continue;
    const eq = part.indexOf("=");
    const field = eq > 0 ? FIELD_WORDS[part.slice(0, eq).trim().toLowerCase()] : undefined;
    if (!field || !part.slice(eq + 1).trim()) throw cellError("B9", `"${part.trim()}" is not field=column (e.g. akun=Kode Akun)`, `"${part.trim()}" bukan kolom=nama (mis. akun=Kode Akun)`);
    out[field] = part.slice(eq + 1).trim();
  }
  for (const f of ["akun", "date", "amount"] as const) {
    if (!out[f]) throw cellError("B9", `the ${rekonWords("en").fields[f]} column is not named`, `kolom ${rekonWords("id").fields[f]} tidak disebut`);
  }
  return out as LedgerColumns;
}

function cellError(cell: string, en: string, id: string): InvalidArgumentError {
  return new InvalidArgumentError(cell, { en, id });
}

function dayCell(v: unknown, cell: string, date1904: boolean): string {
  const d = readDate(v, date1904);
  if (!d.ok) throw cellError(cell, d.why.en, d.why.id);
  return formatDay(d.value);
}

/**
 * The request a report's parameter block (A1:B10 as values) stands for. `lang` is the report's: the title
 * cell tells which. Throws InvalidArgumentError naming the cell that is wrong.
 */
export function requestFromParams(block: readonly (readonly unknown[])[], opts: { date1904?: boolean } = {}): ReconcileRequest {
  const b = (row: number) => block[row]?.[1];
  const lang: Lang = block[0]?.[0] === rekonWords("en").title ? "en" : "id";
  const tolerance = b(PARAM_ROW.tolerance);
  const tol = typeof tolerance === "number" ? tolerance : Number(String(tolerance ?? "").trim());
  const satker = b(PARAM_ROW.satker);
  const fileLabel = block[PARAM_ROW.file]?.[0];
  const file = fileLabel === rekonWords("en").readFrom || fileLabel === rekonWords("id").readFrom ? String(b(PARAM_ROW.file) ?? "").trim() : "";
  return parseReconcileRequest({
    template: "rekonsiliasi",
    satker: typeof satker === "number" ? String(satker).padStart(6, "0") : String(satker ?? "").trim(),
    from: dayCell(b(PARAM_ROW.from), "B5", opts.date1904 ?? false),
    to: dayCell(b(PARAM_ROW.to), "B6", opts.date1904 ?? false),
    toleranceDays: Number.isInteger(tol) ? tol : -1,
    lang,
    ledger: { at: String(b(PARAM_ROW.ledger) ?? "").trim(), columns: parseColumnsText(String(b(PARAM_ROW.columns) ?? "")), ...(file ? { file } : {}) },
  });
}

/** Where a ledger cell (B8) points: a range on a sheet, a range of the report's own sheet, or a table. */
export type LedgerPlace = { readonly kind: "range"; readonly sheet?: string; readonly address: string } | { readonly kind: "table"; readonly name: string };

const RANGE = /^\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?$/i;

export function ledgerPlace(at: string): LedgerPlace {
  const bang = at.lastIndexOf("!");
  if (bang > 0) {
    let sheet = at.slice(0, bang).trim();
    if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    const address = at.slice(bang + 1).trim();
    if (sheet && RANGE.test(address)) return { kind: "range", sheet, address: address.replace(/\$/g, "").toUpperCase() };
  } else if (RANGE.test(at.trim())) return { kind: "range", address: at.trim().replace(/\$/g, "").toUpperCase() };
  else if (/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(at.trim())) return { kind: "table", name: at.trim() };
  throw cellError("B8", `"${at}" is not a range (Buku!A1:E800) or a table's name`, `"${at}" bukan rentang (Buku!A1:E800) atau nama tabel`);
}
