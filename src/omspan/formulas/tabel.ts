/**
 * TABEL(dataset; [filter]; [kolom]): a dataset's rows, filtered, as a spilled array with a header row of
 * wire column names. Codes stay text (leading zeros kept), amounts and scores are numbers, dates are
 * Excel date serials (give the column a date format). A custom function's text result is a value, never
 * parsed: OMSPAN text that looks like a formula ("=…", "+…") stays text.
 */
import { datasetSpec } from "../datasets/catalog";
import { InvalidArgumentError } from "../errors";
import { dayToExcelSerial } from "../convert";
import { isBlank, textArg } from "../formula-args";
import { maskDictionary } from "../query/code-filter";
import { parseFilterPairs } from "../query/filter-pairs";
import { DATASET_IDS, type DatasetId } from "../routes";
import type { Table } from "../columnar/table";
import type { CellValue, FormulaSpec, Grid } from "./types";

/** Excel's sheet has 1,048,576 rows; one is the header. */
const MAX_ROWS = 1_048_575;

/**
 * The largest answer a cell can take. Excel on the web never delivers a custom function's result over 5 MB:
 * the cell stays #BUSY! for ever (office-js #2786, #2222, #4654). A margin stays for the envelope.
 */
export const MAX_RESULT_BYTES = 4_500_000;

/** A cell value's share of the result as JSON (a comma, quotes and escapes for text, UTF-8 bytes). */
function jsonBytes(v: CellValue): number {
  if (typeof v === "number") return String(v).length + 1;
  if (typeof v !== "string") return 6;
  let n = 3;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    n += c < 0x20 || c === 34 || c === 92 ? 6 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
  }
  return n;
}

/** Dataset words: the ids, and the short names users say. */
const DATASET_WORDS: Readonly<Record<string, DatasetId>> = {
  ...Object.fromEntries(DATASET_IDS.map((id) => [id, id])),
  pagu: "dipa",
  ikpa: "ikpa-satker",
  fa: "dana",
};

/** The dataset an argument names (for TABEL and ASOF). */
export function datasetArg(v: unknown, argument: string, fallback?: DatasetId): DatasetId {
  if ((isBlank(v) || (typeof v === "string" && v.trim() === "")) && fallback) return fallback;
  const id = typeof v === "string" ? DATASET_WORDS[v.trim().toLowerCase()] : undefined;
  if (!id) {
    throw new InvalidArgumentError(argument, { en: `use one of: ${DATASET_IDS.join(", ")}`, id: `gunakan salah satu: ${DATASET_IDS.join(", ")}` }, String(v));
  }
  return id;
}

function columnsArg(text: string | undefined, table: Table): readonly string[] | undefined {
  if (!text) return undefined;
  const wanted = text.split(/[,;]/).map((c) => c.trim().toUpperCase()).filter((c) => c !== "");
  const have = table.columnNames;
  for (const c of wanted) {
    if (!have.includes(c)) {
      throw new InvalidArgumentError("kolom", { en: `no column ${c} (columns: ${have.join(", ")})`, id: `tidak ada kolom ${c} (kolom: ${have.join(", ")})` }, c);
    }
  }
  return wanted;
}

function cellOf(table: Table, column: string, row: number): CellValue {
  const col = table.columns[column]!;
  if (col.kind === "text") return col.dict[col.ids[row]!]!;
  const v = col.values[row]!;
  if (Number.isNaN(v)) return "";
  return table.kinds[column] === "date" ? dayToExcelSerial(v) : v;
}

export const TABEL: FormulaSpec = {
  name: "TABEL",
  params: [
    { name: "dataset", help: { id: `Dataset: ${DATASET_IDS.join(", ")}`, en: `Dataset: ${DATASET_IDS.join(", ")}` } },
    { name: "filter", help: { id: 'Filter, mis. "satker=600001;akun=52;sumber=A"', en: 'Filters, e.g. "satker=600001;akun=52;sumber=A"' } },
    { name: "kolom", help: { id: 'Kolom yang ditampilkan, mis. "KDSATKER,AKUN,AMOUNT"; kosong = semua', en: 'Columns to show, e.g. "KDSATKER,AKUN,AMOUNT"; empty = all' } },
  ],
  required: 1,
  help: { id: "Baris dataset yang tersaring, sebagai larik dengan baris judul", en: "The dataset's filtered rows, spilled with a header row" },
  example: '=OMSPAN.TABEL("dipa"; "satker=600001;akun=52")',
  spills: "table",
  prepare([dataset, filter, kolom]) {
    const id = datasetArg(dataset, "dataset");
    const spec = datasetSpec(id);
    const f = textArg(filter, "filter");
    const filters = f ? parseFilterPairs(f, spec.columns) : [];
    const kolomText = textArg(kolom, "kolom");
    // Columns are checked against the pulled table, not the model: OMSPAN may send extra fields.
    return {
      datasets: [id],
      run(get): Grid {
        const table = get(id).table;
        const columns = columnsArg(kolomText, table) ?? table.columnNames;
        const masks = filters.map((cf) => {
          const col = table.columns[cf.column];
          return col?.kind === "text" ? { ids: col.ids, mask: maskDictionary(cf.filter, col.dict) } : undefined;
        });
        const out: Grid = [[...columns]];
        let bytes = 0;
        rows: for (let r = 0; r < table.rowCount; r++) {
          for (const m of masks) if (!m || !m.mask[m.ids[r]!]) continue rows;
          if (out.length > MAX_ROWS) {
            throw new InvalidArgumentError("filter", { en: "more rows than a sheet holds: narrow the filter", id: "baris lebih banyak dari kapasitas lembar: persempit filter" });
          }
          const row = columns.map((c) => cellOf(table, c, r));
          bytes += row.reduce((n: number, v) => n + jsonBytes(v), 2);
          if (bytes > MAX_RESULT_BYTES) {
            throw new InvalidArgumentError("filter", {
              en: `the rows come to more than Excel takes as one function's answer (5 MB): narrow the filter or the columns, or insert the dataset as a table (OMSPAN pane › Data)`,
              id: `barisnya melebihi yang diterima Excel sebagai jawaban satu fungsi (5 MB): persempit filter atau kolom, atau sisipkan dataset sebagai tabel (panel OMSPAN › Data)`,
            });
          }
          out.push(row);
        }
        return out;
      },
    };
  },
};
