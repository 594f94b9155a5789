/**
 * The store under the random sums suites: what it pulls is exactly the raw rows (amounts whole rupiah,
 * exact in a double), and 10,000 repeated lookups over random (satker, akun prefix) pairs are answered
 * from what it holds — right, and with no further upstream request.
 *
 * The stack (one simulator, years 2026 and 2025) is `test/support/sums-stack.ts`; the reference is
 * `test/support/sums-reference.ts`. Seeded PRNG: set SUMS_SEED to replay another sequence.
 */
import { FORMULAS, evaluateFormula } from "../../src/omspan/formulas";
import type { DatasetData } from "../../src/omspan/store/store";
import { sumDataset } from "../../src/omspan/query/sums";
import type { DatasetId } from "../../src/omspan/routes";
import { SEED, chance, int, pick, seedRandom } from "../support/sums-prng";
import { ALL, distinct, refSum } from "../support/sums-reference";
import { YEARS, useSumsStack } from "../support/sums-stack";

const stackOf = useSumsStack();

describe.each(YEARS)("fiscal year %i", (year) => {
  const y = () => stackOf().years.find((d) => d.year === year)!;
  const get = (ds: DatasetId) => stackOf().store.get(y().conn, ds);

  test("the pulled tables hold exactly the raw rows; amounts are whole rupiah within 2^53", async () => {
    const { raw } = y();
    const [realisasi, dipa, dana] = await Promise.all([get("realisasi"), get("dipa"), get("dana")]);
    expect(realisasi.table.rowCount).toBe(raw.realisasi.length);
    expect(new Set(raw.realisasi.map((r) => r.ROWNUM)).size).toBe(raw.realisasi.length);
    expect(dipa.table.rowCount).toBe(raw.dipa.length);
    expect(dana.table.rowCount).toBe(raw.dana.length);
    expect(raw.realisasi.length).toBeGreaterThan(10_000);
    // Every payment falls in the key's year, and the sum of absolute amounts stays exact in a double.
    expect(raw.realisasi.every((r) => r.TANGGAL!.endsWith(`-${String(year).slice(2)}`))).toBe(true);
    for (const [t, m] of [
      [y().ref.realisasi, "AMOUNT"],
      [y().ref.dipa, "AMOUNT"],
      [y().ref.dana, "BALANCING_AMT"],
      [y().ref.dana, "DIPA"],
    ] as const) {
      const abs = t.amounts[m]!.reduce((s, a) => s + (a < 0n ? -a : a), 0n);
      expect(abs < 2n ** 53n).toBe(true);
    }
    // Whole-dataset totals with nothing filtered.
    expect(sumDataset(realisasi, {})).toBe(Number(refSum(y().ref.realisasi, "AMOUNT", { satker: ALL, akun: ALL, pairs: [] })));
  });
});

test("10,000 repeated lookups over random (satker, akun prefix) pairs send no further upstream request", async () => {
  seedRandom(SEED ^ 0x10000);
  const { store, years, clients, upstream } = stackOf();
  // Every (dataset, year) has been pulled once by the tests above; pull them now if this test runs alone.
  for (const yd of years) for (const ds of ["realisasi", "dipa", "dana"] as const) await store.get(yd.conn, ds);
  const pullsBefore = store.pulls;
  const requestsBefore = clients.reduce((s, c) => s + c.requests, 0);
  const logBefore = upstream.length;
  expect(store.pulls).toBe(YEARS.length * 3);

  // Totals per (satker, akun) straight from the raw rows, to check every answer cheaply.
  const grouped = years.map((yd) =>
    (["realisasi", "dipa", "dana"] as const).map((ds) => {
      const t = yd.ref[ds];
      const measure = ds === "dana" ? "BALANCING_AMT" : "AMOUNT";
      const m = new Map<string, Map<string, bigint>>();
      t.rows.forEach((r, i) => {
        const bySatker = m.get(r[t.satkerColumn]!) ?? m.set(r[t.satkerColumn]!, new Map()).get(r[t.satkerColumn]!)!;
        bySatker.set(r.AKUN!, (bySatker.get(r.AKUN!) ?? 0n) + t.amounts[measure]![i]!);
      });
      return { satkers: [...m.keys()], akuns: distinct(t.rows, "AKUN"), m };
    }),
  );
  let wrong = 0;
  for (let i = 0; i < 10_000; i++) {
    const yi = int(0, years.length - 1);
    const di = int(0, 2);
    const ds = (["realisasi", "dipa", "dana"] as const)[di]!;
    const g = grouped[yi]![di]!;
    const satker = pick(g.satkers);
    const prefix = pick(g.akuns).slice(0, int(1, 6));
    const data: DatasetData = await store.get(years[yi]!.conn, ds);
    const got =
      ds === "realisasi" && chance(0.5)
        ? (evaluateFormula(FORMULAS.REALISASI!, [chance(0.5) ? Number(satker) : satker, prefix], data) as number)
        : sumDataset(data, { satker, akun: prefix });
    let expected = 0n;
    for (const [akun, v] of g.m.get(satker)!) if (akun.startsWith(prefix)) expected += v;
    if (BigInt(got) !== expected) wrong++;
  }
  expect(wrong).toBe(0);
  expect(store.pulls).toBe(pullsBefore);
  expect(clients.reduce((s, c) => s + c.requests, 0)).toBe(requestsBefore);
  expect(upstream.length).toBe(logBefore);
});
