/**
 * The one-to-one pass of the matcher, sort-based: both sides are sorted once by (satker, akun, amount,
 * date), walked together run by run — a run is the rows of one satker, akun and amount — and inside a run
 * rows are paired nearest date first: the pairs 0 days apart, then 1, 2… up to the tolerance, each distance
 * one two-pointer walk. At an equal distance, the OMSPAN row dated after the ledger's goes first (the SP2D
 * follows the booking), then the one before; within that, earlier rows first. Each row is used once; ties
 * fall to the rows' order as given, so the same input always gives the same pairs.
 *
 * Amounts are compared in whole cents (a ledger may carry cents; OMSPAN pays whole rupiah). The cost is one
 * sort of each side plus (2 × tolerance + 1) linear walks over the runs that hold more than one row.
 */

/** What the matcher reads of a row. */
export interface Matchable {
  readonly satker: string;
  readonly akun: string;
  readonly day: number;
  readonly amount: number;
}

export type MatchKind = "exact" | "split" | "correction" | "reversal";

/** A match of more than one row a side (the leftover rules); one-to-one pairs are kept in partner arrays. */
export interface MatchGroup {
  readonly kind: Exclude<MatchKind, "exact">;
  /** Indexes into the ledger rows given. */
  readonly ledger: readonly number[];
  /** Indexes into the OMSPAN rows given. */
  readonly omspan: readonly number[];
}

/** A side as parallel columns, codes as small integers shared by both sides. */
export interface SideColumns {
  readonly n: number;
  /** satker × akun as one small integer (0, 1, 2… in order of first appearance). */
  readonly group: Int32Array;
  readonly cents: Float64Array;
  readonly day: Int32Array;
}

/** Small integer ids for satker × akun, shared by both sides (equal codes, equal id). */
export class CodeIds {
  private readonly bySatker = new Map<string, Map<string, number>>();
  private count = 0;
  group(satker: string, akun: string): number {
    let m = this.bySatker.get(satker);
    if (!m) this.bySatker.set(satker, (m = new Map()));
    let id = m.get(akun);
    if (id === undefined) m.set(akun, (id = this.count++));
    return id;
  }
}

/** A row's owner: not matched, matched one to one (its partner in the partner array), or a group's index. */
export const UNMATCHED = -1;
export const PAIRED = -2;

export const toCents = (rupiah: number) => Math.round(rupiah * 100);

export function sideColumns(rows: readonly Matchable[], ids: CodeIds): SideColumns {
  const n = rows.length;
  const group = new Int32Array(n);
  const cents = new Float64Array(n);
  const day = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    group[i] = ids.group(r.satker, r.akun);
    cents[i] = toCents(r.amount);
    day[i] = r.day;
  }
  return { n, group, cents, day };
}

/** Row indexes in (satker, akun, amount, date, given order) order (a plain array: V8 sorts it faster than a typed one). */
export function sortedOrder(s: SideColumns): number[] {
  const order = new Array<number>(s.n);
  for (let i = 0; i < s.n; i++) order[i] = i;
  const { group: g, cents: c, day: d } = s;
  return order.sort((a, b) => g[a]! - g[b]! || c[a]! - c[b]! || d[a]! - d[b]! || a - b);
}

/**
 * The one-to-one pass: each pair marks both rows PAIRED in the owner arrays and names the other row in the
 * partner arrays (no object per pair: a year of a large satker is tens of thousands of them).
 */
export function matchExact(
  L: SideColumns,
  O: SideColumns,
  tolerance: number,
  owners: { readonly ledger: Int32Array; readonly omspan: Int32Array },
  partners: { readonly ledger: Int32Array; readonly omspan: Int32Array },
): void {
  const oL = sortedOrder(L);
  const oO = sortedOrder(O);
  const ledgerGroup = owners.ledger;
  const omspanGroup = owners.omspan;
  const pair = (l: number, o: number) => {
    ledgerGroup[l] = omspanGroup[o] = PAIRED;
    partners.ledger[l] = o;
    partners.omspan[o] = l;
  };
  let i = 0;
  let j = 0;
  while (i < L.n && j < O.n) {
    const a = oL[i]!;
    const b = oO[j]!;
    const c = L.group[a]! - O.group[b]! || L.cents[a]! - O.cents[b]!;
    if (c < 0) {
      i++;
      continue;
    }
    if (c > 0) {
      j++;
      continue;
    }
    let i1 = i + 1;
    while (i1 < L.n && L.group[oL[i1]!] === L.group[a] && L.cents[oL[i1]!] === L.cents[a]) i1++;
    let j1 = j + 1;
    while (j1 < O.n && O.group[oO[j1]!] === O.group[b] && O.cents[oO[j1]!] === O.cents[b]) j1++;
    if (i1 - i === 1 && j1 - j === 1) {
      if (Math.abs(L.day[a]! - O.day[b]!) <= tolerance) pair(a, b);
    } else {
      matchRun(oL, i, i1, oO, j, j1, L.day, O.day, tolerance, ledgerGroup, omspanGroup, pair);
    }
    i = i1;
    j = j1;
  }
}

/** One run (equal satker, akun, amount; both sorted by date): distance 0, then 1 after, 1 before, 2 after… */
function matchRun(
  oL: readonly number[], i0: number, i1: number,
  oO: readonly number[], j0: number, j1: number,
  dayL: Int32Array, dayO: Int32Array, tolerance: number,
  ledgerGroup: Int32Array, omspanGroup: Int32Array,
  pair: (l: number, o: number) => void,
): void {
  for (let d = 0; d <= tolerance; d++) {
    for (const s of d === 0 ? [1] : [1, -1]) {
      let q = j0;
      for (let p = i0; p < i1; p++) {
        const l = oL[p]!;
        if (ledgerGroup[l] !== UNMATCHED) continue;
        const target = dayL[l]! + s * d;
        while (q < j1 && (dayO[oO[q]!]! < target || omspanGroup[oO[q]!] !== UNMATCHED)) q++;
        if (q >= j1) break;
        if (dayO[oO[q]!] === target) {
          pair(l, oO[q]!);
          q++;
        }
      }
    }
  }
}
