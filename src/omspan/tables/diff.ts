/**
 * What changed in a table between two refreshes, from its old and new cell values. OMSPAN rows have no
 * key of their own (two payments can share every code and the date), so rows are compared as multisets:
 * identical rows cancel out; what remains is paired by identity (the row's codes and dates) as
 * "changed" — a payment whose amount was corrected — and the rest is added or removed.
 * Works on plain values (as read back from a sheet), so an old table read from Excel and a new pull
 * compare the same way in the add-in and in a command-line refresh.
 */
import type { SheetColumn } from "./columns";
import type { CellValue } from "./shape";

/** One amount column's total before and after. */
export interface TotalChange {
  readonly key: string;
  readonly header: string;
  readonly before: number;
  readonly after: number;
  readonly delta: number;
}

/** What changed in one table. */
export interface TableDiff {
  readonly rowsBefore: number;
  readonly rowsAfter: number;
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  /** Per amount column: the sum before and after. */
  readonly totals: readonly TotalChange[];
}

const SEP = "\u0001";

function keyOf(row: readonly CellValue[], cols: readonly number[]): string {
  let k = "";
  for (const j of cols) k += `${typeof row[j]}${row[j]}${SEP}`;
  return k;
}

/** Counts rows by identity → by full content. */
function index(rows: Iterable<readonly CellValue[]>, all: number[], id: number[]): Map<string, Map<string, number>> {
  const byId = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const ik = keyOf(row, id);
    let m = byId.get(ik);
    if (!m) byId.set(ik, (m = new Map()));
    const fk = keyOf(row, all);
    m.set(fk, (m.get(fk) ?? 0) + 1);
  }
  return byId;
}

const sum = (m: Map<string, number>) => {
  let n = 0;
  for (const v of m.values()) n += v;
  return n;
};

/**
 * Compares old and new rows of a table with the given columns. Rows may be handed over in blocks
 * (iterables), so neither side needs to be one array.
 */
export function diffRows(
  columns: readonly SheetColumn[],
  before: Iterable<readonly CellValue[]>,
  after: Iterable<readonly CellValue[]>,
): TableDiff {
  const all = columns.map((_, j) => j);
  const id = all.filter((j) => columns[j]!.identity);
  const amounts = all.filter((j) => columns[j]!.kind === "amount");
  const tb = amounts.map(() => 0);
  const ta = amounts.map(() => 0);
  const counted = function* (rows: Iterable<readonly CellValue[]>, totals: number[], count: { n: number }) {
    for (const row of rows) {
      count.n++;
      amounts.forEach((j, i) => {
        const v = row[j];
        if (typeof v === "number") totals[i] += v;
      });
      yield row;
    }
  };
  const nb = { n: 0 };
  const na = { n: 0 };
  const old = index(counted(before, tb, nb), all, id);
  const now = index(counted(after, ta, na), all, id);
  let added = 0;
  let removed = 0;
  let changed = 0;
  for (const [ik, o] of old) {
    const n = now.get(ik);
    if (!n) {
      removed += sum(o);
      continue;
    }
    let left = 0;
    for (const [fk, c] of o) left += Math.max(0, c - (n.get(fk) ?? 0));
    let right = 0;
    for (const [fk, c] of n) right += Math.max(0, c - (o.get(fk) ?? 0));
    const paired = Math.min(left, right);
    changed += paired;
    removed += left - paired;
    added += right - paired;
  }
  for (const [ik, n] of now) if (!old.has(ik)) added += sum(n);
  return {
    rowsBefore: nb.n,
    rowsAfter: na.n,
    added,
    removed,
    changed,
    totals: amounts.map((j, i) => ({
      key: columns[j]!.key,
      header: columns[j]!.header,
      before: tb[i]!,
      after: ta[i]!,
      delta: ta[i]! - tb[i]!,
    })),
  };
}
