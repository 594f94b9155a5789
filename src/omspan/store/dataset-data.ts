/**
 * One answer of the store: a dataset's table with its as-of, and the memo where queries keep the indexes
 * they build over it once. Deliberately outside the pull: a closure made there would share V8's context
 * with the page sink, keeping the TableBuilder (and its growth buffers, twice the table's size) alive as
 * long as the data.
 */
import type { AsOf } from "./as-of";
import { datasetSpec } from "../datasets/catalog";
import type { DatasetId, RouteParams } from "../routes";
import type { Table } from "../columnar/table";

export interface DatasetData {
  readonly dataset: DatasetId;
  readonly params: RouteParams;
  readonly table: Table;
  readonly asOf: AsOf;
  /** Pages that held rows, and requests sent for this pull (retries included); 0 for a snapshot. */
  readonly pages: number;
  readonly requests: number;
  /** Builds a derived structure (an index) once per pulled dataset. */
  memo<T>(name: string, build: () => T): T;
}

/** The latest OMSPAN cut-off (MAXDATE) in the table, where the dataset carries one. */
export function maxDateOf(dataset: DatasetId, table: Table): number | undefined {
  const spec = datasetSpec(dataset);
  const mc = spec.maxDateColumn ? table.columns[spec.maxDateColumn] : undefined;
  let maxDate: number | undefined;
  if (mc?.kind === "number") {
    for (const v of mc.values) if (!Number.isNaN(v) && (maxDate === undefined || v > maxDate)) maxDate = v;
  }
  return maxDate;
}

export function datasetData(
  dataset: DatasetId,
  params: RouteParams,
  table: Table,
  asOf: AsOf,
  counts: { pages: number; requests: number } = { pages: 0, requests: 0 },
  memos: Map<string, unknown> = new Map(),
): DatasetData {
  return {
    dataset,
    params,
    table,
    asOf,
    pages: counts.pages,
    requests: counts.requests,
    memo<T>(name: string, build: () => T): T {
      const known = memos.get(name);
      if (known !== undefined) return known as T;
      const built = build();
      memos.set(name, built);
      return built;
    },
  };
}

/** The same data and indexes under another as-of (frozen, unfrozen): `memo` is a closure, so it is shared. */
export function withAsOf(d: DatasetData, asOf: AsOf): DatasetData {
  return { ...d, asOf };
}
