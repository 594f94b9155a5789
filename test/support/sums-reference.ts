/**
 * The independent reference for the random sums suites: raw rows, a selection intent, plain string
 * comparisons, BigInt sums.
 *
 * Shares no code with `src/omspan/query`: a filter is held as an *intent* (include / exclude lists of
 * exact codes or prefixes, day range, column pairs) and the raw rows matching it are summed with BigInt,
 * so the core's Float64 sums are compared exactly (every partial sum is a whole number far below 2^53).
 */

export const EXCEL_EPOCH = 25569; // Excel serial of 1970-01-01
export const DAY_MS = 86_400_000;

/** A row as the simulator sends it. */
export type Raw = Record<string, string>;

/** One wanted code: exactly this code, or every code starting with it. Codes are upper case, full width. */
export interface Item {
  readonly code: string;
  readonly prefix: boolean;
}
/** Include nothing = everything (before exclusions). */
export interface Sel {
  readonly include: readonly Item[];
  readonly exclude: readonly Item[];
}
export const ALL: Sel = { include: [], exclude: [] };

function itemMatches(it: Item, value: string): boolean {
  return it.prefix ? value.startsWith(it.code) : value === it.code;
}
export function selMatches(sel: Sel, value: string): boolean {
  const v = value.toUpperCase();
  if (sel.include.length > 0 && !sel.include.some((it) => itemMatches(it, v))) return false;
  return !sel.exclude.some((it) => itemMatches(it, v));
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
/** `27-NOV-26` → days since 1970-01-01 (UTC). */
function oracleDay(text: string): number {
  const [dd, mon, yy] = text.split("-");
  const m = MONTHS.indexOf(mon!);
  if (m < 0 || !dd || !yy) throw new Error(`unexpected date ${text}`);
  return Date.UTC(2000 + Number(yy), m, Number(dd)) / DAY_MS;
}
const monthOf = (day: number) => new Date(day * DAY_MS).getUTCMonth() + 1;
/** Days since 1970-01-01 of a calendar date (month 1..12; overflowing days and months roll over). */
export const dayOfUtc = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / DAY_MS;

export interface Pair {
  readonly column: string;
  readonly sel: Sel;
}
export interface Intent {
  readonly satker: Sel;
  readonly akun: Sel;
  readonly pairs: readonly Pair[];
  readonly fromDay?: number;
  readonly toDay?: number;
  readonly fromMonth?: number;
  readonly toMonth?: number;
}

export interface RefTable {
  readonly rows: readonly Raw[];
  readonly satkerColumn: string;
  /** Day number per row (Realisasi only). */
  readonly days?: readonly number[];
  /** Exact amounts per measure column. */
  readonly amounts: Readonly<Record<string, readonly bigint[]>>;
}

export function refTable(rows: readonly Raw[], satkerColumn: string, measures: readonly string[], dateColumn?: string): RefTable {
  const amounts: Record<string, bigint[]> = {};
  for (const m of measures) {
    amounts[m] = rows.map((r) => {
      const t = r[m]!;
      if (!/^-?\d+$/.test(t)) throw new Error(`${m} is not whole rupiah: ${t}`);
      return BigInt(t);
    });
  }
  return { rows, satkerColumn, amounts, days: dateColumn ? rows.map((r) => oracleDay(r[dateColumn]!)) : undefined };
}

export function refSum(t: RefTable, measure: string, q: Intent): bigint {
  const amounts = t.amounts[measure]!;
  let total = 0n;
  for (let i = 0; i < t.rows.length; i++) {
    const r = t.rows[i]!;
    if (!selMatches(q.satker, r[t.satkerColumn]!)) continue;
    if (!selMatches(q.akun, r.AKUN!)) continue;
    if (!q.pairs.every((p) => selMatches(p.sel, r[p.column]!))) continue;
    if (t.days) {
      const d = t.days[i]!;
      if (q.fromDay !== undefined && d < q.fromDay) continue;
      if (q.toDay !== undefined && d > q.toDay) continue;
      if (q.fromMonth !== undefined && monthOf(d) < q.fromMonth) continue;
      if (q.toMonth !== undefined && monthOf(d) > q.toMonth) continue;
    }
    total += amounts[i]!;
  }
  return total;
}

/** The distinct values of a column, sorted. */
export const distinct = (rows: readonly Raw[], column: string) => [...new Set(rows.map((r) => r[column]!))].sort();

export const fmt = (v: unknown) => (v === undefined ? "undefined" : JSON.stringify(v));

/** Runs the core, compares with the reference, and records a readable line on any difference. */
export function check(failures: string[], label: string, core: () => number, expected: bigint): void {
  let got: number | string;
  try {
    got = core();
  } catch (e) {
    got = `threw ${(e as Error).message}`;
  }
  if (typeof got !== "number" || !Number.isSafeInteger(got) || BigInt(got) !== expected) {
    failures.push(`${label}\n    core ${String(got)} ≠ reference ${expected}`);
  }
}
