/**
 * The reconciliation: the satker's ledger rows against OMSPAN's Realisasi rows for the same satker and
 * period. Rows up to the tolerance outside the period take part in matching (a booking on 31 March may be
 * paid on 2 April) but are neither summed nor listed; only rows inside the period are. See match.ts (one
 * to one, nearest date first), match-leftovers.ts (split payments, netted corrections, reversals) and
 * summary.ts (per akun × month, and the identity its numbers keep).
 */
import { InvalidArgumentError } from "../errors";
import { CodeIds, matchExact, PAIRED, sideColumns, UNMATCHED, type MatchGroup, type MatchKind } from "./match";
import { matchLeftovers } from "./match-leftovers";
import { monthIndex, SummaryBuilder, type SummaryLine } from "./summary";
import type { LedgerRow, OmspanRow } from "./types";

export const DEFAULT_TOLERANCE_DAYS = 3;

export interface ReconcileInput {
  readonly ledger: readonly LedgerRow[];
  readonly omspan: readonly OmspanRow[];
  /** The satker reconciled (or several); a ledger row without a satker belongs to the first. */
  readonly satker: string | readonly string[];
  /** Day numbers, inclusive. */
  readonly from: number;
  readonly to: number;
  readonly toleranceDays?: number;
}

/** A match with a row inside the period whose other rows are in another month or outside the period. */
export interface ElsewhereMatch {
  readonly kind: MatchKind;
  readonly ledger: readonly LedgerRow[];
  readonly omspan: readonly OmspanRow[];
}

export interface ReconcileResult {
  readonly satker: readonly string[];
  readonly from: number;
  readonly to: number;
  readonly toleranceDays: number;
  readonly summary: readonly SummaryLine[];
  /** Rows inside the period that nothing matched, in (akun, date) order. */
  readonly unmatched: { readonly ledger: readonly LedgerRow[]; readonly omspan: readonly OmspanRow[] };
  readonly elsewhere: readonly ElsewhereMatch[];
  /** Matches with a row inside the period, by kind. */
  readonly matched: Readonly<Record<MatchKind, number>>;
  /** Rows inside the period. */
  readonly considered: { readonly ledger: number; readonly omspan: number };
  /** Ledger rows of another satker (left out, counted). */
  readonly otherSatker: number;
  /** Nothing unmatched and no line with a difference. */
  readonly balanced: boolean;
}

const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
const byAkunDate = <T extends { satker?: string; akun: string; day: number }>(a: T, b: T) => order(a.satker ?? "", b.satker ?? "") || order(a.akun, b.akun) || a.day - b.day;



export function reconcile(input: ReconcileInput): ReconcileResult {
  const satker = typeof input.satker === "string" ? [input.satker] : [...input.satker];
  if (!satker.length) throw new InvalidArgumentError("satker", { en: "name the satker reconciled", id: "sebutkan satker yang direkonsiliasi" });
  const tolerance = input.toleranceDays ?? DEFAULT_TOLERANCE_DAYS;
  if (!Number.isInteger(tolerance) || tolerance < 0 || tolerance > 31) {
    throw new InvalidArgumentError("tolerance", { en: "the tolerance is 0 to 31 days", id: "toleransi 0 sampai 31 hari" }, String(tolerance));
  }
  if (!(input.from <= input.to)) throw new InvalidArgumentError("period", { en: "the period ends before it starts", id: "periode berakhir sebelum dimulai" });
  const scope = new Set(satker);
  const [lo, hi] = [input.from - tolerance, input.to + tolerance];
  const inPeriod = (day: number) => day >= input.from && day <= input.to;

  let otherSatker = 0;
  const ledger: (LedgerRow & { satker: string })[] = [];
  for (const r of input.ledger) {
    const s = r.satker ?? satker[0]!;
    if (!scope.has(s)) otherSatker++;
    else if (r.day >= lo && r.day <= hi) ledger.push(r.satker ? (r as LedgerRow & { satker: string }) : { ...r, satker: s });
  }
  const omspan = input.omspan.filter((r) => scope.has(r.satker) && r.day >= lo && r.day <= hi);

  const ids = new CodeIds();
  const L = sideColumns(ledger, ids);
  const O = sideColumns(omspan, ids);
  const groups: MatchGroup[] = [];
  const lOwner = new Int32Array(L.n).fill(UNMATCHED);
  const oOwner = new Int32Array(O.n).fill(UNMATCHED);
  const lPartner = new Int32Array(L.n).fill(-1);
  matchExact(L, O, tolerance, { ledger: lOwner, omspan: oOwner }, { ledger: lPartner, omspan: new Int32Array(O.n) });
  matchLeftovers(L, O, tolerance, groups, lOwner, oOwner);

  const summary = new SummaryBuilder();
  const unmatchedL: LedgerRow[] = [];
  const unmatchedO: OmspanRow[] = [];
  let inL = 0;
  let inO = 0;
  for (let i = 0; i < L.n; i++) {
    const r = ledger[i]!;
    if (!inPeriod(r.day)) continue;
    inL++;
    summary.add("ledger", L.group[i]!, r.satker, r.akun, r.day, L.cents[i]!, lOwner[i] !== UNMATCHED);
    if (lOwner[i] === UNMATCHED) unmatchedL.push(r);
  }
  for (let i = 0; i < O.n; i++) {
    const r = omspan[i]!;
    if (!inPeriod(r.day)) continue;
    inO++;
    summary.add("omspan", O.group[i]!, r.satker, r.akun, r.day, O.cents[i]!, oOwner[i] !== UNMATCHED);
    if (oOwner[i] === UNMATCHED) unmatchedO.push(r);
  }

  const matched: Record<MatchKind, number> = { exact: 0, split: 0, correction: 0, reversal: 0 };
  const elsewhere: ElsewhereMatch[] = [];
  for (let l = 0; l < L.n; l++) {
    if (lOwner[l] !== PAIRED) continue;
    // One row a side, most often of the same day: no arrays, no months to work out.
    const a = L.day[l]!;
    const o = lPartner[l]!;
    const b = O.day[o]!;
    const [ia, ib] = [inPeriod(a), inPeriod(b)];
    if (!ia && !ib) continue;
    matched.exact++;
    if (ia && ib && (a === b || monthIndex(a) === monthIndex(b))) continue;
    elsewhere.push({ kind: "exact", ledger: [ledger[l]!], omspan: [omspan[o]!] });
  }
  for (const g of groups) {
    const days = [...g.ledger.map((l) => L.day[l]!), ...g.omspan.map((o) => O.day[o]!)];
    const inside = days.filter(inPeriod).length;
    if (!inside) continue;
    matched[g.kind]++;
    if (inside === days.length && new Set(days.map(monthIndex)).size === 1) continue;
    elsewhere.push({ kind: g.kind, ledger: g.ledger.map((l) => ledger[l]!), omspan: g.omspan.map((o) => omspan[o]!) });
  }

  const lines = summary.lines();
  return {
    satker,
    from: input.from,
    to: input.to,
    toleranceDays: tolerance,
    summary: lines,
    unmatched: { ledger: unmatchedL.sort(byAkunDate), omspan: unmatchedO.sort(byAkunDate) },
    elsewhere,
    matched,
    considered: { ledger: inL, omspan: inO },
    otherSatker,
    balanced: unmatchedL.length === 0 && unmatchedO.length === 0 && lines.every((l) => l.difference === 0),
  };
}
