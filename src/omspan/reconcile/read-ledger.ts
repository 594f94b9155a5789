/**
 * A ledger as rows of cells (a sheet range read in blocks, an .xlsx sheet, a CSV) → its transactions.
 * The header row is found among the first rows (a title above it is common) and the columns by their
 * header (ledger-columns.ts), unless the caller gives the mapping the user corrected. Every row is
 * accounted for: a transaction, a bad row named with its row number and why, or a blank row counted.
 */
import { InvalidArgumentError } from "../errors";
import { AKUN_RULE, SATKER_RULE } from "../query/code-filter";
import { findHeader, FIELD_LABELS, LEDGER_FIELDS, REQUIRED_FIELDS, resolveNames, type ColumnMapping, type LedgerField } from "./ledger-columns";
import { isEmptyCell, readAmount, readCode, readDate, readReference, shown } from "./ledger-cells";
import type { BadRow, LedgerRow } from "./types";

export interface LedgerReadOptions {
  /** The sheet row number (1-based) of the first row given; CSV: its line number. Default 1. */
  readonly firstRow?: number;
  /** The columns, as the user corrected them (0-based within the rows); default: found by header. */
  readonly mapping?: ColumnMapping;
  /** The header row's index among the rows, with `mapping`; default: found. */
  readonly headerRow?: number;
  /** The columns named as the sheet keeps them (header texts or `#C`), instead of `mapping`. */
  readonly names?: Partial<Record<LedgerField, string>>;
  /** Excel serials count from 1904 (old Mac workbooks). */
  readonly date1904?: boolean;
}

export interface LedgerRead {
  /** Index of the header row among the rows given. */
  readonly headerRow: number;
  /** Rows given, the header and any rows above it included. */
  readonly rowCount: number;
  readonly header: readonly string[];
  readonly mapping: ColumnMapping;
  readonly rows: readonly LedgerRow[];
  readonly bad: readonly BadRow[];
  /** Rows with nothing in any mapped column. */
  readonly blank: number;
  /**
   * Whether some transaction's date or amount was text (a CSV, a pasted export): Excel's SUMIFS reads
   * neither, so the report then sums a copy of the ledger as read instead of the user's range.
   */
  readonly textCells: boolean;
  /** The satker codes the ledger names (empty without a satker column). */
  readonly satkers: readonly string[];
}

const noHeader = (found: string) =>
  new InvalidArgumentError("ledger", {
    en: `no header row naming the account, date and amount columns in the first 10 rows (${found}); choose the columns by hand`,
    id: `tidak ada baris judul yang menamai kolom akun, tanggal dan jumlah dalam 10 baris pertama (${found}); pilih kolomnya sendiri`,
  });

function headerOf(rows: readonly (readonly unknown[])[], opts: LedgerReadOptions): { row: number; mapping: ColumnMapping } {
  if (opts.mapping) return { row: opts.headerRow ?? 0, mapping: opts.mapping };
  if (opts.names) {
    // The header is the first of the first rows holding every name the sheet kept.
    let missing: LedgerField[] = [];
    for (let r = 0; r < Math.min(10, rows.length); r++) {
      const got = resolveNames(opts.names, rows[r]!);
      if (got.mapping) return { row: r, mapping: got.mapping };
      if (r === 0 || got.missing.length < missing.length) missing = got.missing;
    }
    const names = missing.map((f) => `${FIELD_LABELS[f].en} "${opts.names![f] ?? ""}"`).join(", ");
    const nama = missing.map((f) => `${FIELD_LABELS[f].id} "${opts.names![f] ?? ""}"`).join(", ");
    throw new InvalidArgumentError("ledger", { en: `the ledger has no column ${names} any more`, id: `buku tidak lagi memiliki kolom ${nama}` });
  }
  const found = findHeader(rows);
  if (!found || REQUIRED_FIELDS.some((f) => found.mapping[f] === undefined)) {
    const named = found ? LEDGER_FIELDS.filter((f) => found.mapping[f] !== undefined).map((f) => FIELD_LABELS[f].en).join(", ") : "";
    throw noHeader(named ? `found: ${named}` : "none found");
  }
  return { row: found.row, mapping: found.mapping as ColumnMapping };
}

/** Reads the transactions of a ledger. Throws InvalidArgumentError when no header names its columns. */
export function readLedger(rows: readonly (readonly unknown[])[], opts: LedgerReadOptions = {}): LedgerRead {
  const first = opts.firstRow ?? 1;
  const { row: headerRow, mapping } = headerOf(rows, opts);
  const header = (rows[headerRow] ?? []).map((h) => readReference(h));
  const out: LedgerRow[] = [];
  const bad: BadRow[] = [];
  const satkers = new Set<string>();
  let blank = 0;
  let textCells = false;
  const cols = LEDGER_FIELDS.map((f) => mapping[f]);
  for (let r = headerRow + 1; r < rows.length; r++) {
    const cells = rows[r]!;
    const at = (f: LedgerField) => (mapping[f] === undefined ? undefined : cells[mapping[f]!]);
    if (cols.every((c) => c === undefined || isEmptyCell(cells[c]))) {
      blank++;
      continue;
    }
    const akun = readCode(at("akun"), AKUN_RULE, { en: "the account", id: "akun" });
    const day = readDate(at("date"), opts.date1904);
    const amount = readAmount(at("amount"));
    const satker = mapping.satker === undefined ? undefined : readCode(at("satker"), SATKER_RULE, { en: "the work unit", id: "satker" });
    const failed = [satker, akun, day, amount].flatMap((x) => (x && !x.ok ? [x.why] : []));
    const row = first + r;
    if (failed.length) {
      const why = { en: failed.map((w) => w.en).join("; "), id: failed.map((w) => w.id).join("; ") };
      bad.push({ row, why, cells: cols.filter((c): c is number => c !== undefined).map((c) => shown(readReference(cells[c]))) });
      continue;
    }
    if (!akun.ok || !day.ok || !amount.ok) continue; // unreachable: failures were taken above
    if (typeof at("date") === "string" || typeof at("amount") === "string") textCells = true;
    const code = satker?.ok ? satker.value : undefined;
    if (code) satkers.add(code);
    out.push({ row, ...(code ? { satker: code } : {}), akun: akun.value, day: day.value, amount: amount.value, reference: readReference(at("reference")) });
  }
  return { headerRow, rowCount: rows.length, header, mapping, rows: out, bad, blank, textCells, satkers: [...satkers].sort() };
}
