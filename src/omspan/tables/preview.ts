/**
 * What the pane shows before inserting: the first rows of a query's selection, how many rows it holds
 * and the sum of the dataset's amount column over all of them — computed here, from the same
 * `selectRows` the table writer uses, so the preview and the inserted table cannot disagree. And the
 * query's problems per field, as the core's own errors, for inline messages while the user types.
 */
import { datasetSpec } from "../datasets/catalog";
import { formatDay } from "../convert";
import { InvalidArgumentError, isOmspanError, type OmspanError } from "../errors";
import { AKUN_RULE, SATKER_RULE, parseCodeFilter } from "../query/code-filter";
import { parseFilterPairs } from "../query/filter-pairs";
import type { Table } from "../columnar/table";
import { sheetColumns, type SheetColumn } from "./columns";
import { parseTableQuery, type TableQuery, type TableQueryInput } from "./query";
import { selectRows } from "./select";

export interface TablePreview {
  readonly columns: readonly SheetColumn[];
  /** The first rows: text as is, dates as yyyy-mm-dd, numbers as numbers ("" where empty). */
  readonly rows: readonly (readonly (string | number)[])[];
  /** Rows the query selects (what an inserted table would hold). */
  readonly rowCount: number;
  /** Sum of the dataset's amount column over the selected rows; undefined where it has none. */
  readonly total?: number;
  readonly amountColumn?: string;
}

/** The first `limit` selected rows, the selected row count and the amount total. */
export function previewTable(table: Table, query: TableQuery, limit = 10): TablePreview {
  const spec = datasetSpec(query.dataset);
  const columns = sheetColumns(query.dataset, query.lang, query.columns);
  const rows = selectRows(table, query);
  const head: (string | number)[][] = [];
  for (let i = 0; i < Math.min(limit, rows.length); i++) {
    const r = rows[i]!;
    head.push(
      columns.map((col) => {
        const c = table.columns[col.key];
        if (!c) return "";
        if (c.kind === "text") return c.dict[c.ids[r]!]!;
        const v = c.values[r]!;
        if (Number.isNaN(v)) return "";
        return col.kind === "date" ? formatDay(v) : v;
      }),
    );
  }
  let total: number | undefined;
  const amount = spec.amountColumn ? table.columns[spec.amountColumn] : undefined;
  if (amount?.kind === "number") {
    total = 0;
    for (let i = 0; i < rows.length; i++) {
      const v = amount.values[rows[i]!]!;
      if (!Number.isNaN(v)) total += v;
    }
  }
  return { columns, rows: head, rowCount: rows.length, total, amountColumn: spec.amountColumn };
}

/** The fields of a query the pane edits, each of which may carry its own problem. */
export type QueryField = "satker" | "akun" | "filter" | "from" | "to" | "date" | "query";

function problem(run: () => unknown): OmspanError | undefined {
  try {
    run();
    return undefined;
  } catch (e) {
    if (isOmspanError(e)) return e;
    throw e;
  }
}

/**
 * Every problem of a query, per field, as the core's errors (the pane shows `localizeError` of each next
 * to its field). Empty when the query is valid; the checks are those `parseTableQuery`/`selectRows` make.
 */
export function queryProblems(input: TableQueryInput): Partial<Record<QueryField, OmspanError>> {
  const out: Partial<Record<QueryField, OmspanError>> = {};
  const spec = datasetSpec(input.dataset);
  const put = (field: QueryField, e: OmspanError | undefined) => e && !out[field] && (out[field] = e);
  put("satker", problem(() => parseCodeFilter(input.satker ?? "", SATKER_RULE)));
  put("akun", problem(() => parseCodeFilter(input.akun ?? "", AKUN_RULE)));
  put("filter", problem(() => input.filter && parseFilterPairs(input.filter, spec.columns)));
  const day = /^\d{4}-\d{2}-\d{2}$/;
  for (const f of ["from", "to"] as const) {
    const v = input[f];
    if (v !== undefined && (!day.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)))) {
      put(f, new InvalidArgumentError(f, { en: "a date is yyyy-mm-dd", id: "tanggal ditulis yyyy-mm-dd" }, v));
    }
  }
  if (input.date !== undefined && !/^\d{8}$/.test(input.date)) {
    put("date", new InvalidArgumentError("date", { en: "a date is yyyymmdd", id: "tanggal ditulis yyyymmdd" }, input.date));
  }
  if (Object.keys(out).length === 0) {
    // The rest (a reversed period, unknown columns) is parseTableQuery's: shown at the field it names.
    const e = problem(() => parseTableQuery(input));
    const named = e?.detail.argument;
    put(named === "to" ? "to" : "query", e);
  }
  return out;
}
