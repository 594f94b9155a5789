/**
 * How each kind of OMSPAN column looks in a sheet: codes and names as text (leading zeros kept, Excel's
 * "@" format), amounts as numbers in rupiah, dates as date serials, percents and weights as numbers.
 * Number formats are Excel's en-US codes (what `Range.numberFormat` takes in every locale).
 */
import type { ColumnKind } from "../datasets/columns";
import { datasetSpec } from "../datasets/catalog";
import type { Lang } from "../i18n";
import type { DatasetId } from "../routes";

/** Excel number format (en-US codes) per column kind. */
export const NUMBER_FORMATS: Readonly<Record<ColumnKind, string>> = {
  code: "@",
  name: "@",
  amount: '"Rp"#,##0;-"Rp"#,##0;"Rp"0',
  date: "dd/mm/yyyy",
  percent: "0.00",
  weight: "0",
  number: "0",
};

/** Columns that describe the pull, not the data: left out of tables by default (the as-of shows MAXDATE). */
const META_COLUMNS = new Set(["ROWNUM", "MAXDATE"]);

/** One column of a sheet table: which wire field, its kind, header label and number format. */
export interface SheetColumn {
  /** Wire name. */
  readonly key: string;
  readonly kind: ColumnKind;
  readonly header: string;
  readonly numberFormat: string;
  /** Part of a row's identity in the change report (codes and dates); the rest are its values. */
  readonly identity: boolean;
}

/** The sheet columns of a dataset: the chosen ones, or every model column except the pull's metadata. */
export function sheetColumns(dataset: DatasetId, lang: Lang, chosen?: readonly string[]): SheetColumn[] {
  const spec = datasetSpec(dataset);
  const keys = chosen ?? Object.keys(spec.columns).filter((k) => !META_COLUMNS.has(k));
  return keys.map((key) => {
    const c = spec.columns[key]!;
    return {
      key,
      kind: c.kind,
      header: c.label[lang],
      numberFormat: NUMBER_FORMATS[c.kind],
      identity: c.kind === "code" || c.kind === "name" || c.kind === "date",
    };
  });
}
