/**
 * Rekonsiliasi benchmark (figures, never pass/fail), on the full profile pulled through the Store from a
 * simulator in its own process. OMSPAN's side is the pulled table; the ledger is made from it and changed
 * (2 % of dates moved within the tolerance, 0.5 % rows dropped, 0.5 % amounts changed, 0.5 % extra rows,
 * one split payment per 1,000 rows), so the matcher does every kind of work. For each size:
 *  - reconcile(): the median of 5 runs after a warm-up;
 *  - the time to sort both sides once, as rows, by (satker, akun, amount, date) — the comparison the goal
 *    names: matching ÷ that sort ≤ 3 (matching costs about what a sort does);
 *  - the heap: what a run allocates before any collection, and what its result holds after one.
 * Sizes: a year of the largest satker (the full profile's largest has ~1,100 rows: a satker-sized
 * reconciliation); the largest satkers together until 50,000 rows a side (the issue's size: a Kanwil-sized
 * one, satker by satker in one run); the whole profile (~410,000 a side). Also: reading a 50,000-row CSV
 * ledger (Indonesian text dates and amounts), and the report of the largest satker built and computed
 * as `omspan reconcile --xlsx` does.
 */
import { dataSource } from "../src/omspan/formulas";
import { omspanRows, parseCsv, readLedger, reconcile, type LedgerRow, type OmspanRow } from "../src/omspan/reconcile";
import { gridBook, recalculateWithOmspan } from "../src/omspan/sheet-calc";
import { Store } from "../src/omspan/store";
import { REKONSILIASI } from "../src/omspan/templates";
import { formatDay } from "../src/omspan/convert";
import { Rng } from "../src/simulator/rng";
import { mb, median, startSimulatorChild } from "./support";

const YEAR = 2026;
const RUNS = 5;
const TOLERANCE = 3;
const gcFn = (globalThis as { gc?: () => void }).gc;
const used = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

/** A ledger made from OMSPAN's rows, changed as the header says (deterministic). */
function ledgerOf(omspan: readonly OmspanRow[]): LedgerRow[] {
  const rng = new Rng(24);
  const out: LedgerRow[] = [];
  omspan.forEach((o, i) => {
    const x = rng.next();
    if (x < 0.005) return;
    const base = { row: i + 2, satker: o.satker, akun: o.akun, day: o.day, amount: o.amount, reference: `SP2D-${o.rownum}` };
    if (x < 0.01) out.push({ ...base, amount: o.amount + 1000 });
    else if (x < 0.03) out.push({ ...base, day: o.day + 1 + Math.floor(rng.next() * TOLERANCE) });
    else if (x < 0.031 && o.amount > 2000) out.push({ ...base, amount: 1000 }, { ...base, amount: o.amount - 1000 });
    else out.push(base);
    if (rng.next() < 0.005) out.push({ ...base, amount: 777_000 + i, reference: `EXTRA-${i}` });
  });
  return out;
}

const cmp = (a: { satker?: string; akun: string; amount: number; day: number }, b: typeof a) =>
  (a.satker! < b.satker! ? -1 : a.satker! > b.satker! ? 1 : a.akun < b.akun ? -1 : a.akun > b.akun ? 1 : a.amount - b.amount || a.day - b.day);

function measure(log: (l: string) => void, what: string, ledger: readonly LedgerRow[], omspan: readonly OmspanRow[], satker: readonly string[]): void {
  const input = { ledger, omspan, satker, from: Date.UTC(YEAR, 0, 1) / 864e5, to: Date.UTC(YEAR, 11, 31) / 864e5, toleranceDays: TOLERANCE };
  // Warm both up; small inputs get more runs (a few milliseconds each are mostly the JIT's first passes).
  const w0 = performance.now();
  reconcile(input);
  const runs = Math.max(RUNS, Math.min(200, Math.ceil(300 / Math.max(1e-3, performance.now() - w0))));
  for (let i = 0; i < Math.min(runs, 20); i++) {
    reconcile(input);
    ledger.slice().sort(cmp);
    omspan.slice().sort(cmp);
  }
  const times: number[] = [];
  const sorts: number[] = [];
  let allocated = 0;
  for (let i = 0; i < runs; i++) {
    if (i < RUNS) gcFn?.();
    const before = used();
    const t0 = performance.now();
    reconcile(input);
    times.push(performance.now() - t0);
    if (i < RUNS) allocated = Math.max(allocated, used() - before);
    const s0 = performance.now();
    ledger.slice().sort(cmp);
    omspan.slice().sort(cmp);
    sorts.push(performance.now() - s0);
  }
  gcFn?.();
  const before = used();
  const result = reconcile(input);
  gcFn?.();
  const held = used() - before;
  const [t, s] = [median(times), median(sorts)];
  const matched = Object.values(result.matched).reduce((a, b) => a + b, 0);
  log(`${what}: ${ledger.length.toLocaleString("en")} ledger × ${omspan.length.toLocaleString("en")} OMSPAN rows, ${satker.length} satker`);
  log(`  reconcile ${ms(t)} (median of ${runs}); sort both sides once ${ms(s)}; ratio ${(t / s).toFixed(2)} (goal ≤ 3)`);
  log(`  heap: ${mb(allocated)} allocated by a run, ${mb(held)} held by its result; ${matched.toLocaleString("en")} matches (${result.matched.split} split, ${result.matched.correction} corrections, ${result.matched.reversal} reversals), ${result.unmatched.ledger.length} ledger-only, ${result.unmatched.omspan.length} OMSPAN-only, ${result.summary.length.toLocaleString("en")} akun × month lines`);
}

export async function runReconcileBench(log: (line: string) => void): Promise<void> {
  const sim = await startSimulatorChild("full", YEAR);
  try {
    const conn = { baseUrl: sim.baseUrl, key: sim.key };
    const store = new Store();
    const t0 = performance.now();
    const pulled = await store.get(conn, "realisasi");
    const realisasi = pulled.table;
    log(`pulled Realisasi (full profile): ${realisasi.rowCount.toLocaleString("en")} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const sat = realisasi.columns.KDSATKER!;
    if (sat.kind !== "text") throw new Error("KDSATKER is not a text column");
    const counts = new Map<string, number>();
    for (let r = 0; r < realisasi.rowCount; r++) counts.set(sat.dict[sat.ids[r]!]!, (counts.get(sat.dict[sat.ids[r]!]!) ?? 0) + 1);
    const bySize = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const all = bySize.map(([s]) => s);
    const x0 = performance.now();
    const everything = omspanRows(realisasi, all, -Infinity, Infinity);
    log(`OMSPAN rows out of the table: ${ms(performance.now() - x0)} for ${everything.length.toLocaleString("en")}`);

    const largest = bySize[0]![0];
    const one = everything.filter((o) => o.satker === largest);
    measure(log, `a year of the largest satker (${largest})`, ledgerOf(one), one, [largest]);

    const group: string[] = [];
    let n = 0;
    for (const [s, c] of bySize) {
      if (n >= 50_000) break;
      group.push(s);
      n += c;
    }
    const wanted = new Set(group);
    const fifty = everything.filter((o) => wanted.has(o.satker));
    const fiftyLedger = ledgerOf(fifty);
    measure(log, "the largest satkers together, ≥ 50,000 rows a side", fiftyLedger, fifty, group);
    measure(log, "the whole full profile", ledgerOf(everything), everything, all);

    // Reading that 50,000-row ledger from an Indonesian CSV.
    const csv = ["Kode Satker;Akun;Tanggal;Jumlah;No. Bukti", ...fiftyLedger.map((l) => {
      const d = formatDay(l.day);
      const amount = `${Math.abs(l.amount).toLocaleString("de-DE")},00`;
      return `${l.satker};${l.akun};${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)};${l.amount < 0 ? `(${amount})` : amount};${l.reference}`;
    })].join("\r\n");
    const r0 = performance.now();
    const rows = parseCsv(csv);
    const r1 = performance.now();
    const read = readLedger(rows);
    const r2 = performance.now();
    log(`a ${(csv.length / 1e6).toFixed(1)} MB CSV ledger of ${read.rows.length.toLocaleString("en")} rows: parsed ${ms(r1 - r0)}, read (headers, codes, dates, amounts) ${ms(r2 - r1)}, ${read.bad.length} bad rows`);

    // The report of the largest satker, built and every formula computed (what `--xlsx` does).
    const ledger = ledgerOf(one);
    const b0 = performance.now();
    const { grid } = REKONSILIASI.build(
      { template: "rekonsiliasi", satker: largest, from: `${YEAR}-01-01`, to: `${YEAR}-12-31`, toleranceDays: TOLERANCE, lang: "id", ledger: { at: "buku.csv", file: "buku.csv", columns: { akun: "Akun", date: "Tanggal", amount: "Jumlah" } } },
      { realisasi, ledger: { headerRow: 0, rowCount: ledger.length + 1, header: [], mapping: { akun: 0, date: 1, amount: 2 }, rows: ledger, bad: [], blank: 0, textCells: true, satkers: [largest] } },
    );
    const b1 = performance.now();
    const calc = await recalculateWithOmspan(gridBook(grid), async () => dataSource(pulled));
    const b2 = performance.now();
    log(`the report of ${largest}: ${grid.cells.length.toLocaleString("en")} rows built in ${ms(b1 - b0)}; ${calc.results.length.toLocaleString("en")} formulas (SUMIFS over its ${ledger.length.toLocaleString("en")}-row copy, OMSPAN calls) computed in ${ms(b2 - b1)}`);
  } finally {
    await sim.close();
  }
}
