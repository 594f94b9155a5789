/**
 * What `omspan reconcile` prints and writes: the summary and the unmatched rows as text for a terminal
 * (the terminal's language), as JSON (`{ summary, unmatched: { omspan, ledger }, … }`, dates yyyy-mm-dd,
 * amounts as numbers), or as CSV files. In CSV, text starting with = + - @ gets a leading apostrophe, as
 * `omspan pull` writes it: a spreadsheet opening the file must never run a ledger's text as a formula.
 */
import { formatDay } from "../omspan/convert";
import type { Lang } from "../omspan/i18n";
import type { BadRow, LedgerRow, OmspanRow, ReconcileResult } from "../omspan/reconcile";

const ledgerJson = (l: LedgerRow) => ({ akun: l.akun, date: formatDay(l.day), amount: l.amount, reference: l.reference, row: l.row, ...(l.satker ? { satker: l.satker } : {}) });
const omspanJson = (o: OmspanRow) => ({ akun: o.akun, date: formatDay(o.day), amount: o.amount, register: o.register, rownum: o.rownum, satker: o.satker });

/** The JSON answer. */
export function reconcileJson(r: ReconcileResult, bad: readonly BadRow[]) {
  return {
    satker: r.satker.length === 1 ? r.satker[0] : r.satker,
    from: formatDay(r.from),
    to: formatDay(r.to),
    toleranceDays: r.toleranceDays,
    balanced: r.balanced && bad.length === 0,
    summary: r.summary.map((l) => ({
      akun: l.akun, year: l.year, month: l.month, ledger: l.ledger, omspan: l.omspan, difference: l.difference,
      ledgerOnly: l.unmatchedLedger.amount, omspanOnly: l.unmatchedOmspan.amount, elsewhere: l.elsewhere,
    })),
    unmatched: { omspan: r.unmatched.omspan.map(omspanJson), ledger: r.unmatched.ledger.map(ledgerJson) },
    elsewhere: r.elsewhere.map((m) => ({ kind: m.kind, ledger: m.ledger.map(ledgerJson), omspan: m.omspan.map(omspanJson) })),
    badRows: bad.map((b) => ({ row: b.row, reason: b.why, cells: b.cells })),
    counts: { ledger: r.considered.ledger, omspan: r.considered.omspan, matched: r.matched, otherSatker: r.otherSatker },
  };
}

const FORMULA_START = /^[=+\-@\t\r]/;
function csvField(v: string | number): string {
  let s = String(v);
  if (typeof v === "string" && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const csv = (header: readonly string[], rows: readonly (readonly (string | number)[])[]) => [header, ...rows].map((r) => r.map(csvField).join(",")).join("\n") + "\n";

/** The CSV files of `--out DIR`, by file name. */
export function reconcileCsv(r: ReconcileResult, bad: readonly BadRow[]): Record<string, string> {
  const j = reconcileJson(r, bad);
  return {
    "summary.csv": csv(["akun", "year", "month", "ledger", "omspan", "difference", "ledger_only", "omspan_only", "elsewhere"], j.summary.map((l) => [l.akun, l.year, l.month, l.ledger, l.omspan, l.difference, l.ledgerOnly, l.omspanOnly, l.elsewhere])),
    "unmatched-omspan.csv": csv(["akun", "date", "amount", "register", "rownum"], j.unmatched.omspan.map((o) => [o.akun, o.date, o.amount, o.register, o.rownum])),
    "unmatched-ledger.csv": csv(["akun", "date", "amount", "reference", "row"], j.unmatched.ledger.map((l) => [l.akun, l.date, l.amount, l.reference, l.row])),
    "elsewhere.csv": csv(["kind", "akun", "ledger_dates", "ledger_amount", "omspan_dates", "omspan_amount"], j.elsewhere.map((m) => [
      m.kind, (m.ledger[0] ?? m.omspan[0])!.akun, m.ledger.map((l) => l.date).join(" "), m.ledger.reduce((s, l) => s + l.amount, 0), m.omspan.map((o) => o.date).join(" "), m.omspan.reduce((s, o) => s + o.amount, 0),
    ])),
    "bad-rows.csv": csv(["row", "reason_en", "reason_id", "cells"], j.badRows.map((b) => [b.row, b.reason.en, b.reason.id, b.cells.join(" | ")])),
  };
}

const WORDS = {
  en: { head: ["akun", "month", "ledger", "OMSPAN", "difference"], omspan: "OMSPAN rows not in the ledger", ledger: "Ledger rows not in OMSPAN", elsewhere: "Matched in another month or outside the period", bad: "Ledger rows that could not be read", none: "none", row: "row", balanced: "The ledger and OMSPAN agree." },
  id: { head: ["akun", "bulan", "buku", "OMSPAN", "selisih"], omspan: "Baris OMSPAN yang tidak ada di buku", ledger: "Baris buku yang tidak ada di OMSPAN", elsewhere: "Cocok di bulan lain atau di luar periode", bad: "Baris buku yang tidak terbaca", none: "tidak ada", row: "baris", balanced: "Buku dan OMSPAN sama." },
} as const;

/** The terminal's text: the summary, then each list. */
export function reconcileText(r: ReconcileResult, bad: readonly BadRow[], lang: Lang): string {
  const w = WORDS[lang];
  const n = (x: number) => x.toLocaleString(lang === "id" ? "id-ID" : "en", { maximumFractionDigits: 2 });
  const table = (rows: readonly (readonly string[])[]) => {
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
    // Numbers to the right, words to the left.
    return rows.map((row) => row.map((v, c) => (/^-?[\d.,]+$/.test(v) && c > 0 ? v.padStart(widths[c]!) : v.padEnd(widths[c]!))).join("  ").trimEnd()).join("\n");
  };
  const out: string[] = [table([[...w.head], ...r.summary.map((l) => [l.akun, String(l.month), n(l.ledger), n(l.omspan), n(l.difference)])])];
  const list = (title: string, rows: string[][]) => out.push("", `${title} (${rows.length})`, rows.length ? table(rows) : `  ${w.none}`);
  list(w.omspan, r.unmatched.omspan.map((o) => [o.akun, formatDay(o.day), n(o.amount), o.register, `#${o.rownum}`]));
  list(w.ledger, r.unmatched.ledger.map((l) => [l.akun, formatDay(l.day), n(l.amount), l.reference || "-", `${w.row} ${l.row}`]));
  if (r.elsewhere.length) list(w.elsewhere, r.elsewhere.map((m) => [m.kind, (m.ledger[0] ?? m.omspan[0])!.akun, m.ledger.map((l) => formatDay(l.day)).join(" ") || "-", m.omspan.map((o) => formatDay(o.day)).join(" ") || "-"]));
  if (bad.length) list(w.bad, bad.map((b) => [`${w.row} ${b.row}`, b.why[lang]]));
  if (r.balanced && !bad.length) out.push("", w.balanced);
  return out.join("\n") + "\n";
}
