/**
 * Which column of a ledger holds what, found by its header in Indonesian or English — the words a SAKTI
 * export, a bank book or a hand-kept Excel ledger put there — and corrected by the user where the guess is
 * wrong. A mapping names columns by their header text (so a refresh finds them again after a column was
 * inserted) or, where a header is blank, by letter relative to the ledger's first column.
 */
import { z } from "zod";
import { columnIndex, columnName } from "../sheet-calc/refs";
import type { Label } from "../datasets/columns";

export const LEDGER_FIELDS = ["satker", "akun", "date", "amount", "reference"] as const;
export type LedgerField = (typeof LEDGER_FIELDS)[number];
/** What a ledger must have; satker (one satker's own books) and the reference are optional. */
export const REQUIRED_FIELDS: readonly LedgerField[] = ["akun", "date", "amount"];

export const FIELD_LABELS: Readonly<Record<LedgerField, Label>> = {
  satker: { en: "work unit", id: "satker" },
  akun: { en: "account", id: "akun" },
  date: { en: "date", id: "tanggal" },
  amount: { en: "amount", id: "jumlah" },
  reference: { en: "reference", id: "referensi" },
};

/** A header as compared: lower case, letters and digits only ("No. Bukti" → "nobukti"). */
export const headerKey = (v: unknown) => String(v ?? "").toLowerCase().replace(/[^a-z0-9]/g, "");

/** Exact header words per field, most telling first; both languages. */
const EXACT: Readonly<Record<LedgerField, readonly string[]>> = {
  satker: ["kdsatker", "kodesatker", "satker", "kodesatuankerja", "satuankerja", "workunit", "workunitcode", "unitcode"],
  akun: ["akun", "kodeakun", "kdakun", "mak", "kodemak", "akunbelanja", "account", "accountcode", "accountno", "coa", "glaccount"],
  date: ["tanggal", "tgl", "tanggalsp2d", "tglsp2d", "tanggalbayar", "tglbayar", "tanggaltransaksi", "tgltransaksi", "tanggalbukti", "tglbukti", "date", "paymentdate", "transactiondate", "postingdate", "valuedate"],
  amount: ["jumlah", "nilai", "nominal", "realisasi", "jumlahrp", "nilairp", "jumlahrupiah", "rupiah", "amount", "value", "amountrp", "total"],
  reference: ["nobukti", "nomorbukti", "bukti", "nodokumen", "nomordokumen", "nospm", "nomorspm", "nosp2d", "nomorsp2d", "referensi", "ref", "noref", "reference", "documentno", "documentnumber", "docno", "voucher", "voucherno"],
};

/** Words a header may contain instead (a weaker guess, used when no header is exact). */
const PARTIAL: Readonly<Record<LedgerField, readonly string[]>> = {
  satker: ["satker", "workunit"],
  akun: ["akun", "account"],
  date: ["tanggal", "tgl", "date"],
  amount: ["jumlah", "nilai", "amount", "rupiah"],
  reference: ["bukti", "dokumen", "spm", "sp2d", "referensi", "reference", "document", "voucher"],
};

/** Headers of names and descriptions ("Nama Satker", "Uraian Akun"): never a partial guess for a field. */
const NOT_A_CODE = /nama|name|uraian|keterangan|descr|ket$/;

/** Column of each field (0-based, relative to the ledger's first column). */
export const ColumnMapping = z.object({
  satker: z.number().int().min(0).optional(),
  akun: z.number().int().min(0),
  date: z.number().int().min(0),
  amount: z.number().int().min(0),
  reference: z.number().int().min(0).optional(),
});
export type ColumnMapping = z.infer<typeof ColumnMapping>;
export type PartialMapping = Partial<Record<LedgerField, number>>;

/** A mapping guessed from one header row: exact words first, then partial ones; a column serves one field. */
export function guessMapping(header: readonly unknown[]): PartialMapping {
  const keys = header.map(headerKey);
  const out: PartialMapping = {};
  const used = new Set<number>();
  for (const words of [EXACT, PARTIAL]) {
    for (const field of LEDGER_FIELDS) {
      if (out[field] !== undefined) continue;
      const list = words[field];
      const test = words === EXACT ? (k: string, w: string) => k === w : (k: string, w: string) => k.includes(w) && !NOT_A_CODE.test(k);
      // The earliest word of the list wins over a later one, whichever column it is in.
      for (const w of list) {
        const at = keys.findIndex((k, i) => !used.has(i) && k !== "" && test(k, w));
        if (at >= 0) {
          out[field] = at;
          used.add(at);
          break;
        }
      }
    }
  }
  return out;
}

const complete = (m: PartialMapping): m is ColumnMapping => REQUIRED_FIELDS.every((f) => m[f] !== undefined);

/** The header row among the first rows of a range: the first one naming every required field. */
export function findHeader(rows: readonly (readonly unknown[])[], searchRows = 10): { row: number; mapping: PartialMapping } | undefined {
  let best: { row: number; mapping: PartialMapping; found: number } | undefined;
  for (let r = 0; r < Math.min(searchRows, rows.length); r++) {
    const mapping = guessMapping(rows[r]!);
    if (complete(mapping)) return { row: r, mapping };
    const found = Object.keys(mapping).length;
    if (found >= 2 && (!best || found > best.found)) best = { row: r, mapping, found };
  }
  return best && { row: best.row, mapping: best.mapping };
}

/** Names of a mapping as the sheet keeps them: header texts, or `#C` (a column letter) where blank. */
export function mappingNames(mapping: ColumnMapping, header: readonly unknown[]): Partial<Record<LedgerField, string>> {
  const out: Partial<Record<LedgerField, string>> = {};
  for (const f of LEDGER_FIELDS) {
    const col = mapping[f];
    if (col === undefined) continue;
    const text = String(header[col] ?? "").trim();
    out[f] = text && header.filter((h) => headerKey(h) === headerKey(text)).length === 1 ? text : `#${columnName(col)}`;
  }
  return out;
}

/** Columns of mapping names in a header row; a name not found is named in the error. */
export function resolveNames(names: Partial<Record<LedgerField, string>>, header: readonly unknown[]): { mapping?: ColumnMapping; missing: LedgerField[] } {
  const out: PartialMapping = {};
  const missing: LedgerField[] = [];
  for (const f of LEDGER_FIELDS) {
    const name = names[f]?.trim();
    if (!name) continue;
    const letter = /^#([A-Z]{1,3})$/i.exec(name);
    const col = letter ? columnIndex(letter[1]!.toUpperCase()) : header.findIndex((h) => headerKey(h) === headerKey(name) && headerKey(h) !== "");
    if (col < 0) missing.push(f);
    else out[f] = col;
  }
  for (const f of REQUIRED_FIELDS) if (names[f] === undefined && !missing.includes(f)) missing.push(f);
  return complete(out) && missing.length === 0 ? { mapping: out, missing } : { missing };
}

