/**
 * DIPA (pagu) and DataFA: the core's sums against an independent BigInt computation from the raw rows,
 * for many random satker / akun / pair filters; DataFA over both its measures, BALANCING_AMT and DIPA.
 *
 * The stack (one simulator, years 2026 and 2025) is `test/support/sums-stack.ts`; the reference and the
 * random filters are `test/support/sums-reference.ts` and `sums-draw.ts`. Seeded PRNG: set SUMS_SEED to
 * replay another sequence; a failure lists the arguments.
 */
import { sumDataset, type SumArgs } from "../../src/omspan/query/sums";
import type { DatasetId } from "../../src/omspan/routes";
import { anchorRow, drawAkun, drawPairs, drawSatker } from "../support/sums-draw";
import { SEED, chance, seedRandom } from "../support/sums-prng";
import { check, distinct, fmt, refSum, type Intent } from "../support/sums-reference";
import { CASES, YEARS, useSumsStack } from "../support/sums-stack";

const stackOf = useSumsStack();

describe.each(YEARS)("fiscal year %i", (year) => {
  const y = () => stackOf().years.find((d) => d.year === year)!;
  const get = (ds: DatasetId) => stackOf().store.get(y().conn, ds);

  test(`DIPA (pagu): ${CASES.dipa} random satker / akun / pair filters`, async () => {
    seedRandom(SEED ^ year ^ 0xd1ba);
    const data = await get("dipa");
    const { raw, ref } = y();
    const satkers = distinct(raw.dipa, "KDSATKER");
    const akuns = distinct(raw.dipa, "AKUN");
    const values = new Map<string, string[]>();
    const failures: string[] = [];
    let nonZero = 0;
    for (let i = 0; i < CASES.dipa; i++) {
      const s = drawSatker(satkers);
      const a = drawAkun(akuns);
      const at = anchorRow(ref.dipa, s.sel, a.sel);
      const f = drawPairs("dipa", raw.dipa, values, at === undefined ? undefined : raw.dipa[at]);
      const expected = refSum(ref.dipa, "AMOUNT", { satker: s.sel, akun: a.sel, pairs: f.pairs });
      if (expected !== 0n) nonZero++;
      const args: SumArgs = { satker: s.arg, akun: a.arg, filter: f.text };
      check(failures, `#${i} dipa sumDataset(${fmt(args)})`, () => sumDataset(data, args), expected);
    }
    expect(failures.slice(0, 15)).toEqual([]);
    expect(nonZero).toBeGreaterThan(CASES.dipa * 0.4);
  });

  test(`DataFA: ${CASES.dana} random filters, measures BALANCING_AMT and DIPA`, async () => {
    seedRandom(SEED ^ year ^ 0xda7a);
    const data = await get("dana");
    const { raw, ref } = y();
    const satkers = distinct(raw.dana, "SATKER");
    const akuns = distinct(raw.dana, "AKUN");
    const values = new Map<string, string[]>();
    const failures: string[] = [];
    for (let i = 0; i < CASES.dana; i++) {
      const s = drawSatker(satkers);
      const a = drawAkun(akuns);
      const at = anchorRow(ref.dana, s.sel, a.sel);
      const f = drawPairs("dana", raw.dana, values, at === undefined ? undefined : raw.dana[at]);
      const intent: Intent = { satker: s.sel, akun: a.sel, pairs: f.pairs };
      for (const measure of ["BALANCING_AMT", "DIPA"]) {
        const args: SumArgs = { satker: s.arg, akun: a.arg, filter: f.text, measure: measure === "BALANCING_AMT" && chance(0.5) ? undefined : measure };
        check(failures, `#${i} dana sumDataset(${fmt(args)})`, () => sumDataset(data, args), refSum(ref.dana, measure, intent));
      }
    }
    expect(failures.slice(0, 15)).toEqual([]);
    // DataFA's DIPA column is the DIPA dataset's pagu, line for line: the same totals per satker.
    const dipa = await get("dipa");
    for (const s of satkers.slice(0, 10)) {
      expect(sumDataset(data, { satker: s, measure: "DIPA" })).toBe(sumDataset(dipa, { satker: s }));
    }
    // DataFA has no dates and no sumber column.
    expect(() => sumDataset(data, { satker: satkers[0], fromDay: 1 })).toThrow(/no dates|tidak memiliki tanggal/);
    expect(() => sumDataset(data, { filter: "sumber=A" })).toThrow(/unknown filter "sumber"/);
  });
});
