/**
 * The parts every report shares: the title block (title, scope and period, the data's as-of, the satker and
 * filter the formulas read from cells the user can see — and change), header rows, and total formulas.
 * Subtotals use SUBTOTAL(9, …) so a grand total over the same rows skips them, as finance staff expect.
 */
import type { Lang } from "../i18n";
import { GridBuilder, omspan, quote, ref, type GridCell } from "./grid";
import { monthName, words, type Words } from "./labels";
import type { ResolvedScope } from "./scope";
import type { ReportRequest } from "./types";

export interface HeaderBlock {
  readonly t: Words;
  /** `$B$4`: the cell holding the scope's satker argument. */
  readonly satkerRef: string;
  /** The cell holding the filter argument, where the scope has one. */
  readonly filterRef?: string;
  /** The first free row below the block. */
  readonly next: number;
}

/** Rows 1–6: title, scope and period, as-of, satker, filter, unit. */
export function headerBlock(g: GridBuilder, title: string, request: ReportRequest, scope: ResolvedScope): HeaderBlock {
  const t = words(request.lang);
  g.set(0, 0, { value: title, style: "title" });
  g.set(1, 0, {
    value: `${scope.label} — ${t.fiscalYear} ${request.year}, ${t.throughMonth} ${monthName(request.month, request.lang)}`,
    style: "subtitle",
  });
  g.line(2, 0, [{ value: t.asOf, style: "label" }, { formula: omspan("ASOF", quote("realisasi")), format: "datetime" }]);
  g.line(3, 0, [{ value: t.satker, style: "label" }, { value: scope.satkerArg, format: "text", style: "input" }]);
  let row = 4;
  let filterRef: string | undefined;
  if (scope.filterArg) {
    g.line(row, 0, [{ value: t.filter, style: "label" }, { value: scope.filterArg, format: "text", style: "input" }]);
    filterRef = ref(row, 1, "both");
    row++;
  }
  g.set(row, 0, { value: t.unitRupiah, style: "note" });
  return { t, satkerRef: ref(3, 1, "both"), filterRef, next: row + 2 };
}

/** A header row of labels. */
export function headerRow(g: GridBuilder, row: number, labels: readonly string[]): void {
  g.line(row, 0, labels.map((value) => ({ value, style: "header" }) as GridCell));
}

/** `=SUBTOTAL(9,C8:C20)` for a column over rows `from`–`to` (0-based, inclusive). */
export function subtotal(col: number, from: number, to: number): string {
  return `=SUBTOTAL(9,${ref(from, col)}:${ref(to, col)})`;
}

/** `=IF(B9=0,"",O9/B9)`: realisation over pagu, blank where there is no pagu. */
export function share(row: number, numeratorCol: number, denominatorCol: number): string {
  const d = ref(row, denominatorCol);
  return `=IF(${d}=0,"",${ref(row, numeratorCol)}/${d})`;
}

/** Sheet names, at most 31 characters. */
export function sheetName(label: string, lang: Lang, month: number): string {
  return `${label} ${monthName(month, lang)}`.slice(0, 31);
}
