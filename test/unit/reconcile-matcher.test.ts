/**
 * The matcher on hand-made rows, one rule per test: pairs by satker, akun, amount and a date within the
 * tolerance, nearest date first, each row once; split payments, netted corrections and reversals; rows
 * just outside the period; and the summary's identity (difference = ledger only − OMSPAN only + matched
 * in another month) on every line. Deterministic whatever the input order.
 */
import { reconcile, type ReconcileResult } from "../../src/omspan/reconcile";
import type { LedgerRow, OmspanRow } from "../../src/omspan/reconcile";

const day = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;
const S = "600001";
let n = 0;
const L = (akun: string, date: string, amount: number, reference = `B-${++n}`): LedgerRow => ({ row: ++n, akun, day: day(date), amount, reference });
const O = (akun: string, date: string, amount: number): OmspanRow => ({ rownum: ++n, satker: S, akun, day: day(date), amount, register: "00000001" });
const run = (ledger: LedgerRow[], omspan: OmspanRow[], toleranceDays = 3, from = "2026-01-01", to = "2026-12-31") =>
  reconcile({ ledger, omspan, satker: S, from: day(from), to: day(to), toleranceDays });

function identityHolds(r: ReconcileResult): void {
  for (const l of r.summary) {
    expect(Math.round((l.ledger - l.omspan) * 100)).toBe(Math.round(l.difference * 100));
    expect(Math.round(l.difference * 100)).toBe(Math.round((l.unmatchedLedger.amount - l.unmatchedOmspan.amount + l.elsewhere) * 100));
  }
}

test("the same rows on both sides balance: every row matched one to one, no difference", () => {
  const o = [O("521211", "2026-03-02", 4_350_000), O("521211", "2026-03-05", 1_000_000), O("524111", "2026-03-05", 2_500_000)];
  const r = run(o.map((x) => L(x.akun, new Date(x.day * 864e5).toISOString().slice(0, 10), x.amount)), o);
  expect(r.balanced).toBe(true);
  expect(r.matched.exact).toBe(3);
  expect(r.summary.map((l) => [l.akun, l.month, l.ledger, l.omspan, l.difference])).toEqual([
    ["521211", 3, 5_350_000, 5_350_000, 0],
    ["524111", 3, 2_500_000, 2_500_000, 0],
  ]);
});

test("a date moved within the tolerance still matches; beyond it both rows are unmatched; amounts and akun must be equal", () => {
  const o = [O("521211", "2026-03-02", 100), O("521211", "2026-03-10", 200), O("521211", "2026-03-16", 300), O("521213", "2026-03-20", 400)];
  const ledger = [L("521211", "2026-03-05", 100), L("521211", "2026-03-14", 200), L("521211", "2026-03-16", 301), L("521212", "2026-03-20", 400)];
  const r = run(ledger, o);
  expect(r.matched.exact).toBe(1);
  expect(r.unmatched.ledger.map((x) => x.amount)).toEqual([200, 301, 400]);
  expect(r.unmatched.omspan.map((x) => x.amount)).toEqual([200, 300, 400]);
  identityHolds(r);
  // Tolerance 4 lets the 4-day move match.
  expect(run(ledger, o, 4).matched.exact).toBe(2);
});

test("nearest date first, each row used once; at an equal distance the OMSPAN row dated after the ledger's goes first", () => {
  const o = [O("521211", "2026-03-03", 500), O("521211", "2026-03-06", 500), O("521211", "2026-03-09", 500)];
  const ledger = [L("521211", "2026-03-05", 500), L("521211", "2026-03-06", 500)];
  const r = run(ledger, o);
  expect(r.matched.exact).toBe(2);
  // 06 ↔ 06 (distance 0) first; then 05 has 03 (2 before) and 09 (4 after: beyond): 03.
  expect(r.unmatched.omspan.map((x) => x.day)).toEqual([day("2026-03-09")]);
  const tie = run([L("521211", "2026-03-05", 700)], [O("521211", "2026-03-04", 700), O("521211", "2026-03-06", 700)]);
  expect(tie.unmatched.omspan.map((x) => x.day)).toEqual([day("2026-03-04")]);
});

test("a split payment: one ledger row against two OMSPAN rows of one date that sum to it, and the reverse", () => {
  const r = run([L("521211", "2026-04-07", 4_350_000)], [O("521211", "2026-04-08", 4_000_000), O("521211", "2026-04-08", 350_000), O("521211", "2026-04-08", 99)]);
  expect(r.matched.split).toBe(1);
  expect(r.unmatched.ledger).toEqual([]);
  expect(r.unmatched.omspan.map((x) => x.amount)).toEqual([99]);
  const back = run([L("524111", "2026-04-07", 1_500_000), L("524111", "2026-04-07", 500_000)], [O("524111", "2026-04-06", 2_000_000)]);
  expect(back.matched.split).toBe(1);
  expect(back.balanced).toBe(true);
  // Three parts: all of that date's rows, when no two of them sum to it.
  const three = run([L("521211", "2026-04-07", 600)], [O("521211", "2026-04-07", 100), O("521211", "2026-04-07", 200), O("521211", "2026-04-07", 300)]);
  expect(three.matched.split).toBe(1);
  expect(three.balanced).toBe(true);
  // Parts of different dates are not a split.
  expect(run([L("521211", "2026-04-07", 600)], [O("521211", "2026-04-07", 100), O("521211", "2026-04-08", 500)]).matched.split).toBe(0);
});

test("a correction: OMSPAN's payment and later refund netted into one ledger row; a negative row matches a negative row", () => {
  const r = run([L("521211", "2026-05-04", 4_500_000)], [O("521211", "2026-05-05", 5_000_000), O("521211", "2026-05-20", -500_000)]);
  expect(r.matched.correction).toBe(1);
  expect(r.balanced).toBe(true);
  const neg = run([L("521211", "2026-05-21", -500_000)], [O("521211", "2026-05-20", -500_000)]);
  expect(neg.matched.exact).toBe(1);
  // A refund the ledger never booked is a difference of its own.
  const missing = run([L("521211", "2026-05-04", 5_000_000)], [O("521211", "2026-05-05", 5_000_000), O("521211", "2026-05-20", -500_000)]);
  expect(missing.unmatched.omspan.map((x) => x.amount)).toEqual([-500_000]);
  expect(missing.summary[0]!.difference).toBe(500_000);
  identityHolds(missing);
});

test("a payment and its reversal on one side are no difference; a match across months or the period's end is 'elsewhere'", () => {
  const rev = run([L("521211", "2026-06-01", 800), L("521211", "2026-06-03", -800)], []);
  expect(rev.matched.reversal).toBe(1);
  expect(rev.balanced).toBe(true);
  const across = run([L("521211", "2026-03-31", 900)], [O("521211", "2026-04-02", 900)], 3, "2026-03-01", "2026-04-30");
  expect(across.matched.exact).toBe(1);
  expect(across.elsewhere).toHaveLength(1);
  expect(across.summary.map((l) => [l.month, l.difference, l.elsewhere])).toEqual([[3, 900, 900], [4, -900, -900]]);
  identityHolds(across);
  // Outside the period: the OMSPAN row just after it takes part in matching but is neither summed nor listed.
  const edge = run([L("521211", "2026-03-31", 900)], [O("521211", "2026-04-02", 900)], 3, "2026-03-01", "2026-03-31");
  expect(edge.unmatched).toEqual({ ledger: [], omspan: [] });
  expect(edge.summary.map((l) => [l.month, l.ledger, l.omspan, l.elsewhere])).toEqual([[3, 900, 0, 900]]);
  expect(edge.balanced).toBe(false);
});

test("other satker's ledger rows are counted, not matched; amounts compare in cents", () => {
  const r = reconcile({
    ledger: [{ ...L("521211", "2026-03-02", 100.004), satker: "600001" }, { ...L("521211", "2026-03-02", 100), satker: "600002" }],
    omspan: [O("521211", "2026-03-02", 100)],
    satker: S, from: day("2026-01-01"), to: day("2026-12-31"),
  });
  expect(r.otherSatker).toBe(1);
  expect(r.matched.exact).toBe(1);
});

test("deterministic: the same rows in another order give the same matches", () => {
  const o: OmspanRow[] = [];
  const ledger: LedgerRow[] = [];
  for (let i = 0; i < 300; i++) {
    const d = `2026-0${1 + (i % 9)}-${String(1 + (i % 27)).padStart(2, "0")}`;
    o.push(O(i % 2 ? "521211" : "524111", d, 1000 * (i % 13)));
    if (i % 11) ledger.push(L(i % 2 ? "521211" : "524111", d, 1000 * (i % 13) + (i % 17 === 0 ? 5 : 0)));
  }
  const key = (r: ReconcileResult) => JSON.stringify([r.summary, r.unmatched.ledger.map((x) => x.row).sort(), r.unmatched.omspan.map((x) => x.rownum).sort(), r.matched]);
  const a = run(ledger, o);
  const b = run([...ledger].reverse(), [...o].reverse());
  identityHolds(a);
  expect(a.unmatched.ledger.length + a.unmatched.omspan.length).toBeGreaterThan(0);
  // Equal-amount rows may pair differently, but which rows stay unmatched, and every sum, do not.
  expect(key(b)).toBe(key(a));
});

test("a bad tolerance or period is refused in both languages", () => {
  expect(() => run([], [], 40)).toThrow(/tolerance is 0 to 31 days/);
  expect(() => run([], [], 3, "2026-04-01", "2026-03-01")).toThrow(/ends before it starts/);
});
