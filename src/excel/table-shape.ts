/**
 * What a table is now, read before it is touched: where it is (header, body, totals row), and which of its
 * columns the user filtered. The body is the data body range, never "the range minus the header": a
 * totals row is part of the table's range. Filters are read column by column (Filter.criteria, ExcelApi
 * 1.2), so a refresh can clear them for the write — a filtered table refuses shifted and written cells
 * (office-js #994, #224) — and put them back.
 */
import { parseA1, type CellBox } from "../omspan/workbook/a1";

export interface ColumnFilter {
  readonly index: number;
  readonly criteria: Excel.FilterCriteria;
}

export interface TableShape {
  /** The whole table: header, body and totals row. */
  readonly box: CellBox;
  /** The data body. */
  readonly body: CellBox;
  readonly showHeaders: boolean;
  readonly showTotals: boolean;
  readonly filters: readonly ColumnFilter[];
}

/** A criteria object that filters something (an unfiltered column answers none, or a custom rule without a criterion). */
function filters(c: Excel.FilterCriteria | null | undefined): c is Excel.FilterCriteria {
  if (!c?.filterOn) return false;
  return c.filterOn !== "Custom" || c.criterion1 !== undefined;
}

export async function readTableShape(context: Excel.RequestContext, table: Excel.Table): Promise<TableShape> {
  table.load("showHeaders,showTotals");
  const whole = table.getRange();
  whole.load("address");
  const body = table.getDataBodyRange();
  body.load("address");
  const auto = table.autoFilter;
  auto.load("isDataFiltered");
  await context.sync();
  const box = parseA1(whole.address);
  const shape = { box, body: parseA1(body.address), showHeaders: table.showHeaders, showTotals: table.showTotals };
  if (!auto.isDataFiltered) return { ...shape, filters: [] };
  const columns = Array.from({ length: box.cols }, (_, i) => {
    const f = table.columns.getItemAt(i).filter;
    f.load("criteria");
    return f;
  });
  await context.sync();
  const found: ColumnFilter[] = [];
  columns.forEach((f, index) => filters(f.criteria) && found.push({ index, criteria: f.criteria }));
  return { ...shape, filters: found };
}

/** Puts filters back (queued; the caller syncs). */
export function reapplyFilters(table: Excel.Table, list: readonly ColumnFilter[]): void {
  for (const f of list) table.columns.getItemAt(f.index).filter.apply(f.criteria);
}
