/**
 * The lower part of the Rekonsiliasi report: the transactions behind the differences — OMSPAN's without a
 * ledger row (with KDREGISTER and OMSPAN's row number), the ledger's without an OMSPAN row (with its
 * reference and row), the matches that straddle a month or the period, the ledger rows that could not be
 * read (row and why) — and, when the summary cannot sum the user's range, the ledger as read.
 * These are values, computed by the matcher when the report is built and again on every refresh.
 */
import type { Lang } from "../i18n";
import type { ReconcileResult } from "../reconcile/reconcile";
import type { BadRow, LedgerRow } from "../reconcile/types";
import { GridBuilder, type GridCell } from "./grid";
import { headerRow } from "./layout";
import type { RekonWords } from "./rekonsiliasi-words";

/** Day number → Excel serial of the workbook's date system. */
export type Serial = (day: number) => number;

/** Rows a list of n items takes: its title, its header, its rows (or "none"), a blank row. */
export const listHeight = (n: number) => 3 + Math.max(1, n);

function list(g: GridBuilder, row: number, title: string, header: readonly string[], items: readonly (readonly (GridCell | undefined)[])[], t: RekonWords): number {
  g.set(row, 0, { value: `${title} (${items.length.toLocaleString("id-ID")})`, style: "group" });
  headerRow(g, row + 1, header);
  if (!items.length) g.set(row + 2, 0, { value: t.none, style: "note" });
  items.forEach((cells, i) => g.line(row + 2 + i, 0, cells));
  return row + listHeight(items.length);
}

const text = (value: string): GridCell => ({ value, format: "text" });
const date = (day: number | undefined, serial: Serial): GridCell | undefined => (day === undefined ? undefined : { value: serial(day), format: "date" });
const rupiah = (value: number): GridCell => ({ value, format: "rupiah" });

/** The four lists from `row` on; answers the row after them. */
export function unmatchedLists(g: GridBuilder, row: number, result: ReconcileResult, bad: readonly BadRow[], lang: Lang, t: RekonWords, serial: Serial): number {
  let at = list(g, row, t.omspanList, [t.akun, t.date, t.amount, t.register, t.rownum], result.unmatched.omspan.map((o) => [
    text(o.akun), date(o.day, serial), rupiah(o.amount), text(o.register), { value: o.rownum, format: "integer" },
  ]), t);
  at = list(g, at, t.ledgerList, [t.akun, t.date, t.amount, t.reference, t.row], result.unmatched.ledger.map((l) => [
    text(l.akun), date(l.day, serial), rupiah(l.amount), text(l.reference), { value: l.row, format: "integer" },
  ]), t);
  at = list(g, at, t.elsewhereList, [t.kind, t.akun, t.ledgerDate, t.ledgerAmount, t.omspanDate, t.omspanAmount, t.register, t.reference], result.elsewhere.map((m) => {
    const first = (days: number[]) => (days.length ? Math.min(...days) : undefined);
    const akun = m.ledger[0]?.akun ?? m.omspan[0]!.akun;
    return [
      { value: t.kinds[m.kind] }, text(akun),
      date(first(m.ledger.map((l) => l.day)), serial), m.ledger.length ? rupiah(m.ledger.reduce((s, l) => s + l.amount, 0)) : undefined,
      date(first(m.omspan.map((o) => o.day)), serial), m.omspan.length ? rupiah(m.omspan.reduce((s, o) => s + o.amount, 0)) : undefined,
      text(m.omspan.map((o) => o.register).join(", ")), text(m.ledger.map((l) => l.reference).filter(Boolean).join(", ")),
    ];
  }), t);
  return list(g, at, t.badList, [t.row, t.why, t.cells], bad.map((b) => [
    { value: b.row, format: "integer" }, { value: b.why[lang] }, text(b.cells.join(" | ")),
  ]), t);
}

/** The columns of the ledger copy: what SUMIFS reads there. */
export const COPY_COLUMNS = { satker: 0, akun: 1, date: 2, amount: 3, reference: 4, row: 5 } as const;

/** The ledger as read, from `row` (its title) on; the data start two rows below. */
export function ledgerCopy(g: GridBuilder, row: number, title: string, rows: readonly LedgerRow[], satker: string, t: RekonWords, serial: Serial): number {
  g.set(row, 0, { value: title, style: "group" });
  headerRow(g, row + 1, [t.fields.satker, t.fields.akun, t.fields.date, t.fields.amount, t.fields.reference, t.row]);
  rows.forEach((l, i) =>
    g.line(row + 2 + i, 0, [text(l.satker ?? satker), text(l.akun), date(l.day, serial), { value: l.amount, format: "rupiah" }, text(l.reference), { value: l.row, format: "integer" }]),
  );
  return row + 2 + Math.max(1, rows.length);
}
