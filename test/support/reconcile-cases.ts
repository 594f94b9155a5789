/**
 * Ledgers made from a satker's raw OMSPAN Realisasi rows (the pages as the simulator sends them), then
 * changed on purpose — rows dropped, amounts changed, dates moved within and beyond the tolerance, extra
 * rows, a split payment, a correction netted into its payment — with what a correct reconciliation must
 * find, worked out here from the raw rows alone (no code of src/omspan): which OMSPAN rows and which
 * ledger rows stay unmatched, and each akun × month's ledger sum, OMSPAN sum and difference (BigInt).
 */
import type { Raw } from "./sums-reference";

const MON: Record<string, number> = { JAN: 0, FEB: 1, MAR: 2, APR: 3, MAY: 4, JUN: 5, JUL: 6, AUG: 7, SEP: 8, OCT: 9, NOV: 10, DEC: 11 };

/** `04-FEB-26` → a UTC date. */
export function rawDate(s: string): Date {
  const [d, m, y] = s.split("-");
  return new Date(Date.UTC(2000 + Number(y), MON[m!]!, Number(d)));
}
const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

/** A ledger line as the satker's books hold it. */
export interface CaseLedgerRow {
  readonly akun: string;
  readonly date: string; // yyyy-mm-dd
  readonly amount: number;
  readonly reference: string;
}

export interface ReconcileCase {
  readonly satker: string;
  readonly from: string;
  readonly to: string;
  readonly tolerance: number;
  /** The OMSPAN rows of the satker inside the period. */
  readonly omspan: readonly Raw[];
  readonly ledger: readonly CaseLedgerRow[];
  /** ROWNUMs of the OMSPAN rows nothing in the ledger matches. */
  readonly unmatchedOmspan: readonly string[];
  /** References of the ledger rows nothing in OMSPAN matches. */
  readonly unmatchedLedger: readonly string[];
  /** Per "akun|month": ledger sum, OMSPAN sum, difference (rupiah, exact). */
  readonly cells: ReadonlyMap<string, { ledger: bigint; omspan: bigint; difference: bigint }>;
  /** What each change did, for messages. */
  readonly changes: Readonly<Record<string, readonly string[]>>;
}

/**
 * The case for a satker and period. Rows are picked deterministically (by ROWNUM order) and never twice;
 * moved rows stay inside their month so the only month-crossings are the ones a case names.
 */
export function reconcileCase(raw: readonly Raw[], satker: string, from: string, to: string, tolerance = 3): ReconcileCase {
  const inPeriod = (r: Raw) => {
    const d = iso(rawDate(r.TANGGAL!));
    return d >= from && d <= to;
  };
  const omspan = raw.filter((r) => r.KDSATKER === satker && inPeriod(r)).sort((a, b) => Number(a.ROWNUM) - Number(b.ROWNUM));
  const used = new Set<string>();
  const amountTaken = new Set(omspan.map((r) => `${r.AKUN}|${r.AMOUNT}`));
  const pick = (test: (r: Raw) => boolean, skip = 0): Raw => {
    const hits = omspan.filter((r) => !used.has(r.ROWNUM!) && test(r));
    const r = hits[Math.min(skip, hits.length - 1)];
    if (!r) throw new Error("the simulator's rows have no row for this case");
    used.add(r.ROWNUM!);
    return r;
  };
  const dom = (r: Raw) => rawDate(r.TANGGAL!).getUTCDate();
  const positive = (r: Raw) => Number(r.AMOUNT) > 0;

  // Split: two positive rows of one akun and date; correction: a payment and a later refund of the same akun.
  const sameDay = new Map<string, Raw[]>();
  for (const r of omspan) if (positive(r)) (sameDay.get(`${r.AKUN}|${r.TANGGAL}`) ?? sameDay.set(`${r.AKUN}|${r.TANGGAL}`, []).get(`${r.AKUN}|${r.TANGGAL}`)!).push(r);
  const free = (akun: string, amount: number) => !amountTaken.has(`${akun}|${amount}`);
  const pair = [...sameDay.values()].find((g) => g.length === 2 && dom(g[0]!) <= 25 && free(g[0]!.AKUN!, Number(g[0]!.AMOUNT) + Number(g[1]!.AMOUNT)));
  if (!pair) throw new Error(`satker ${satker} has no two payments of one akun and date in ${from}–${to} to make a split of`);
  pair.forEach((r) => used.add(r.ROWNUM!));
  const refund = omspan.find((c) => Number(c.AMOUNT) < 0 && omspan.some((p) => p.AKUN === c.AKUN && positive(p) && rawDate(p.TANGGAL!) <= rawDate(c.TANGGAL!) && !used.has(p.ROWNUM!) && !amountTaken.has(`${p.AKUN}|${Number(p.AMOUNT) + Number(c.AMOUNT)}`)))!;
  const payment = omspan.filter((p) => p.AKUN === refund.AKUN && positive(p) && rawDate(p.TANGGAL!) <= rawDate(refund.TANGGAL!) && !used.has(p.ROWNUM!) && !amountTaken.has(`${p.AKUN}|${Number(p.AMOUNT) + Number(refund.AMOUNT)}`)).at(-1)!;
  used.add(refund.ROWNUM!);
  used.add(payment.ROWNUM!);

  const dropped = [pick(positive, 5), pick(positive, 40), pick((r) => !positive(r))];
  const changeable = (r: Raw) => positive(r) && Number(r.AMOUNT) > 100_000 && free(r.AKUN!, Number(r.AMOUNT) + 1_000);
  const changed = [pick(changeable, 10), pick(changeable, 60)];
  const within = [pick((r) => dom(r) >= 5 && dom(r) <= 20, 3), pick((r) => dom(r) >= 5 && dom(r) <= 20, 30)];
  const beyond = [pick((r) => dom(r) <= 12, 7)];

  const ledger: CaseLedgerRow[] = [];
  const ref = (r: Raw) => `SP2D-${r.ROWNUM}`;
  const line = (r: Raw, over: Partial<CaseLedgerRow> = {}): CaseLedgerRow => ({ akun: r.AKUN!, date: iso(rawDate(r.TANGGAL!)), amount: Number(r.AMOUNT), reference: ref(r), ...over });
  const special = new Set([...pair, refund, payment, ...dropped, ...changed, ...within, ...beyond].map((r) => r.ROWNUM!));
  for (const r of omspan) if (!special.has(r.ROWNUM!)) ledger.push(line(r));
  for (const r of changed) ledger.push(line(r, { amount: Number(r.AMOUNT) + 1_000, reference: `${ref(r)}-UBAH` }));
  within.forEach((r, i) => ledger.push(line(r, { date: iso(addDays(rawDate(r.TANGGAL!), i === 0 ? tolerance : -2)), reference: `${ref(r)}-GESER` })));
  for (const r of beyond) ledger.push(line(r, { date: iso(addDays(rawDate(r.TANGGAL!), tolerance + 6)), reference: `${ref(r)}-JAUH` }));
  const base = omspan[0]!;
  const extras: CaseLedgerRow[] = [
    { akun: base.AKUN!, date: iso(rawDate(base.TANGGAL!)), amount: 777_000, reference: "EXTRA-1" },
    { akun: "521211", date: from.slice(0, 8) + "15", amount: 123_456, reference: "EXTRA-2" },
  ];
  if (extras.some((e) => !free(e.akun, e.amount))) throw new Error("an extra row's amount is OMSPAN's too");
  ledger.push(...extras);
  ledger.push(line(pair[0]!, { amount: Number(pair[0]!.AMOUNT) + Number(pair[1]!.AMOUNT), reference: "SPLIT" }));
  ledger.push(line(payment, { amount: Number(payment.AMOUNT) + Number(refund.AMOUNT), reference: "NETTO" }));

  const cells = new Map<string, { ledger: bigint; omspan: bigint; difference: bigint }>();
  const cell = (akun: string, date: string) => {
    const k = `${akun}|${Number(date.slice(5, 7))}`;
    return cells.get(k) ?? cells.set(k, { ledger: 0n, omspan: 0n, difference: 0n }).get(k)!;
  };
  for (const l of ledger) if (l.date >= from && l.date <= to) cell(l.akun, l.date).ledger += BigInt(l.amount);
  for (const r of omspan) cell(r.AKUN!, iso(rawDate(r.TANGGAL!))).omspan += BigInt(r.AMOUNT!);
  for (const c of cells.values()) c.difference = c.ledger - c.omspan;

  return {
    satker, from, to, tolerance, omspan, ledger,
    unmatchedOmspan: [...dropped, ...changed, ...beyond].map((r) => r.ROWNUM!).sort(),
    unmatchedLedger: [...changed.map((r) => `${ref(r)}-UBAH`), ...beyond.map((r) => `${ref(r)}-JAUH`), ...extras.map((e) => e.reference)].sort(),
    cells,
    changes: {
      dropped: dropped.map(ref), changed: changed.map(ref), within: within.map(ref), beyond: beyond.map(ref),
      extra: extras.map((e) => e.reference), split: pair.map(ref), correction: [ref(payment), ref(refund)],
    },
  };
}

/** The ledger as rows of cells, as a user's sheet or export holds it: a title, a header, then the lines. */
export function ledgerMatrix(c: ReconcileCase, opts: { lang: "id" | "en"; dates: "serial" | "text"; amounts: "number" | "text"; satkerColumn?: boolean }): unknown[][] {
  const header = opts.lang === "id" ? ["Kode Satker", "Akun", "Tanggal", "Uraian", "Jumlah", "No. Bukti"] : ["Work unit", "Account", "Date", "Description", "Amount", "Document no."];
  const rows: unknown[][] = [[opts.lang === "id" ? `Buku kas satker ${c.satker}` : `Cash book of ${c.satker}`], opts.satkerColumn === false ? header.slice(1) : header];
  for (const l of c.ledger) {
    const d = new Date(`${l.date}T00:00:00Z`);
    const date = opts.dates === "serial" ? d.getTime() / 86_400_000 + 25569 : `${l.date.slice(8, 10)}/${l.date.slice(5, 7)}/${l.date.slice(0, 4)}`;
    // Negatives in brackets, as accounting exports write them (a leading "-" typed into a cell is a formula).
    const text = `${Math.abs(l.amount).toLocaleString("de-DE")},00`;
    const amount = opts.amounts === "number" ? l.amount : l.amount < 0 ? `(${text})` : text;
    const cells = [c.satker, l.akun, date, "belanja", amount, l.reference];
    rows.push(opts.satkerColumn === false ? cells.slice(1) : cells);
  }
  return rows;
}
