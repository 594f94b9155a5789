/**
 * The period a ledger covers, as the default of a reconciliation (the pane's and the CLI's): whole months,
 * from the first day of its earliest month to the last day of its latest, within one fiscal year (the
 * latest date's: a ledger running over New Year starts in January).
 */
import { formatDay } from "../convert";
import type { LedgerRow } from "./types";
import { yearMonthOf } from "./summary";

export function ledgerPeriod(rows: readonly LedgerRow[]): { from: string; to: string } | undefined {
  if (!rows.length) return undefined;
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) [lo, hi] = [Math.min(lo, r.day), Math.max(hi, r.day)];
  const a = yearMonthOf(lo);
  const b = yearMonthOf(hi);
  const fromMonth = a.year === b.year ? a.month : 1;
  return { from: formatDay(Date.UTC(b.year, fromMonth - 1, 1) / 86_400_000), to: formatDay(Date.UTC(b.year, b.month, 0) / 86_400_000) };
}
