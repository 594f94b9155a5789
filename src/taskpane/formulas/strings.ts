/** The Rumus view's text, Indonesian and English (the shell passes the pane's language). */
import type { Lang } from "../../omspan/i18n";

const id = {
  heading: "Rumus",
  catalogueHeading: "Daftar fungsi",
  arguments: "Argumen",
  optional: "opsional",
  example: "Contoh",
  useFunction: "Susun rumus ini",
  builderHeading: "Penyusun rumus",
  functionLabel: "Fungsi",
  pickFunction: "Pilih fungsi…",
  emptyBuilder: "Pilih fungsi untuk menyusun rumus.",
  fromSelection: "Dari sel terpilih",
  fromSelectionOf: (arg: string) => `Isi ${arg} dari sel terpilih`,
  selectionError: "Sel terpilih tidak terbaca",
  formulaLabel: "Rumus",
  showValue: "Tampilkan nilai",
  calculating: "Menghitung…",
  valueLabel: "Nilai yang akan dihasilkan",
  gridValue: (rows: number, cols: number) => `Hasil tumpah ${rows} baris × ${cols} kolom`,
  moreRows: (n: number) => `… dan ${n} baris lagi`,
  valueError: "Nilai tidak dapat dihitung",
  cellError: "Sel akan menampilkan galat",
  insert: "Sisipkan di sel aktif",
  inserting: "Menyisipkan…",
  inserted: (address: string) => `Rumus disisipkan di ${address}.`,
  insertError: "Rumus tidak tersisip",
  excelNeeded: "Menyisipkan rumus dan membaca sel terpilih memerlukan Excel. Nilai tetap dapat dihitung di sini.",
  separatorNote: (sep: string) => `Pemisah argumen Excel Anda: ${sep}`,
};

export type FormulaStrings = typeof id;

const en: FormulaStrings = {
  heading: "Formulas",
  catalogueHeading: "Functions",
  arguments: "Arguments",
  optional: "optional",
  example: "Example",
  useFunction: "Build this formula",
  builderHeading: "Formula builder",
  functionLabel: "Function",
  pickFunction: "Choose a function…",
  emptyBuilder: "Choose a function to build a formula.",
  fromSelection: "From selection",
  fromSelectionOf: (arg) => `Fill ${arg} from the selected cell`,
  selectionError: "The selection could not be read",
  formulaLabel: "Formula",
  showValue: "Show value",
  calculating: "Calculating…",
  valueLabel: "The value it will return",
  gridValue: (rows, cols) => `Spills ${rows} rows × ${cols} columns`,
  moreRows: (n) => `… and ${n} more rows`,
  valueError: "The value could not be calculated",
  cellError: "The cell will show an error",
  insert: "Insert into active cell",
  inserting: "Inserting…",
  inserted: (address) => `Formula inserted into ${address}.`,
  insertError: "The formula was not inserted",
  excelNeeded: "Inserting the formula and reading the selected cell need Excel. The value can still be calculated here.",
  separatorNote: (sep) => `Your Excel's argument separator: ${sep}`,
};

export function formulaStrings(lang: Lang): FormulaStrings {
  return lang === "id" ? id : en;
}
