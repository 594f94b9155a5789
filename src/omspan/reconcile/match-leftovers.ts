/**
 * What the one-to-one pass leaves, matched on purpose by three rules (same satker and akun always; amounts
 * in whole cents, exactly):
 *
 * 1. **Split payments.** One row on one side against rows of ONE date on the other side that sum to it: two
 *    of them, or else all of that date's leftover rows (a ledger booking one invoice that OMSPAN paid in two
 *    SP2D lines the same day, or the reverse). The date within the tolerance, nearest first.
 * 2. **Corrections netted.** One row against a payment P and a later negative correction C on the other side
 *    with P + C equal to it (the satker booked the refund into the payment): P within the tolerance of the
 *    row, nearest first; C on or after P, any date.
 * 3. **Reversals.** On one side alone, a row and a later negative row of the same amount (a payment and its
 *    full reversal, retur SP2D): together they are nothing, so neither is a difference.
 *
 * Rows still left are the unmatched ones. Every rule walks leftovers in (group, date, given order) order,
 * so the result is deterministic.
 */
import { UNMATCHED, type MatchGroup, type SideColumns } from "./match";

interface Side {
  readonly cols: SideColumns;
  readonly owner: Int32Array;
}

/** Rows of a list by amount (cents), each in the list's order. */
function byCents(list: readonly number[], cents: Float64Array): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const r of list) {
    const c = cents[r]!;
    const l = out.get(c);
    if (l) l.push(r);
    else out.set(c, [r]);
  }
  return out;
}

/** Leftover row indexes of a side by group, each list in date order. */
function leftoversByGroup(cols: SideColumns, owner: Int32Array): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (let i = 0; i < cols.n; i++) {
    if (owner[i] !== UNMATCHED) continue;
    const g = cols.group[i]!;
    const list = out.get(g);
    if (list) list.push(i);
    else out.set(g, [i]);
  }
  for (const list of out.values()) list.sort((a, b) => cols.day[a]! - cols.day[b]! || a - b);
  return out;
}

/** Distances in the order they are tried: 0, +1, −1, +2, −2 … */
function* offsets(tolerance: number): Iterable<number> {
  yield 0;
  for (let d = 1; d <= tolerance; d++) {
    yield d;
    yield -d;
  }
}

function record(groups: MatchGroup[], kind: MatchGroup["kind"], ledger: number[], omspan: number[], L: Side, O: Side): void {
  const at = groups.length;
  for (const l of ledger) L.owner[l] = at;
  for (const o of omspan) O.owner[o] = at;
  groups.push({ kind, ledger, omspan });
}

/** Rule 1 with `one` as the single row's side. */
function splits(one: Side, many: Side, oneList: number[], manyList: number[], tolerance: number, emit: (single: number, parts: number[]) => void): void {
  const byDay = new Map<number, number[]>();
  for (const m of manyList) {
    const d = many.cols.day[m]!;
    const list = byDay.get(d);
    if (list) list.push(m);
    else byDay.set(d, [m]);
  }
  for (const a of oneList) {
    if (one.owner[a] !== UNMATCHED) continue;
    const want = one.cols.cents[a]!;
    for (const off of offsets(tolerance)) {
      const bucket = (byDay.get(one.cols.day[a]! + off) ?? []).filter((m) => many.owner[m] === UNMATCHED);
      if (bucket.length < 2) continue;
      const parts = twoSumming(bucket, many.cols.cents, want) ?? (bucket.length > 2 && sum(bucket, many.cols.cents) === want ? bucket : undefined);
      if (parts) {
        emit(a, parts);
        break;
      }
    }
  }
}

const sum = (rows: readonly number[], cents: Float64Array) => rows.reduce((s, r) => s + cents[r]!, 0);

function twoSumming(rows: readonly number[], cents: Float64Array, want: number): number[] | undefined {
  for (let x = 0; x < rows.length; x++) {
    for (let y = x + 1; y < rows.length; y++) if (cents[rows[x]!]! + cents[rows[y]!]! === want) return [rows[x]!, rows[y]!];
  }
  return undefined;
}

/** Rule 2 with `one` as the netted row's side. */
function corrections(one: Side, other: Side, oneList: number[], otherList: number[], tolerance: number, emit: (single: number, parts: number[]) => void): void {
  const negatives = otherList.filter((o) => other.cols.cents[o]! < 0);
  if (!negatives.length) return;
  const amounts = byCents(otherList, other.cols.cents);
  for (const a of oneList) {
    if (one.owner[a] !== UNMATCHED) continue;
    let best: { p: number; c: number; rank: number } | undefined;
    for (const c of negatives) {
      if (other.owner[c] !== UNMATCHED) continue;
      for (const p of amounts.get(one.cols.cents[a]! - other.cols.cents[c]!) ?? []) {
        if (p === c || other.owner[p] !== UNMATCHED || other.cols.day[c]! < other.cols.day[p]!) continue;
        const off = other.cols.day[p]! - one.cols.day[a]!;
        if (Math.abs(off) > tolerance) continue;
        // The order offsets() tries: 0, +1, −1, +2 …
        const rank = off > 0 ? 2 * off - 1 : -2 * off;
        if (!best || rank < best.rank) best = { p, c, rank };
      }
    }
    if (best) emit(a, [best.p, best.c]);
  }
}

/** Rule 3 on one side's leftovers of one group. */
function reversals(side: Side, list: number[], emit: (rows: number[]) => void): void {
  const amounts = byCents(list, side.cols.cents);
  for (const n of list) {
    if (side.owner[n] !== UNMATCHED || side.cols.cents[n]! >= 0) continue;
    // The latest payment of the same amount on or before the reversal (the list is in date order).
    let hit = -1;
    for (const p of amounts.get(-side.cols.cents[n]!) ?? []) {
      if (side.owner[p] === UNMATCHED && side.cols.day[p]! <= side.cols.day[n]!) hit = p;
    }
    if (hit >= 0) emit([hit, n]);
  }
}

/** Runs the three rules over what the one-to-one pass left. */
export function matchLeftovers(L: SideColumns, O: SideColumns, tolerance: number, groups: MatchGroup[], ledgerOwner: Int32Array, omspanOwner: Int32Array): void {
  const ls: Side = { cols: L, owner: ledgerOwner };
  const os: Side = { cols: O, owner: omspanOwner };
  const lBy = leftoversByGroup(L, ledgerOwner);
  const oBy = leftoversByGroup(O, omspanOwner);
  const keys = [...new Set([...lBy.keys(), ...oBy.keys()])].sort((a, b) => a - b);
  for (const g of keys) {
    const lList = lBy.get(g) ?? [];
    const oList = oBy.get(g) ?? [];
    if (lList.length && oList.length) {
      splits(ls, os, lList, oList, tolerance, (l, parts) => record(groups, "split", [l], parts, ls, os));
      splits(os, ls, oList, lList, tolerance, (o, parts) => record(groups, "split", parts, [o], ls, os));
      corrections(ls, os, lList, oList, tolerance, (l, parts) => record(groups, "correction", [l], parts, ls, os));
      corrections(os, ls, oList, lList, tolerance, (o, parts) => record(groups, "correction", parts, [o], ls, os));
    }
    reversals(ls, lList, (rows) => record(groups, "reversal", rows, [], ls, os));
    reversals(os, oList, (rows) => record(groups, "reversal", [], rows, ls, os));
  }
}
