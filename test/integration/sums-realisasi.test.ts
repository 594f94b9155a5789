/**
 * Realisasi: the core's sums against an independent BigInt computation from the raw rows, for many random
 * satker / akun / date / pair filters, through `sumDataset` and through the REALISASI formula.
 *
 * The stack (one simulator, years 2026 and 2025) is `test/support/sums-stack.ts`; the reference and the
 * random filters are `test/support/sums-reference.ts`, `sums-draw.ts` and `sums-period.ts`. Seeded PRNG:
 * set SUMS_SEED to replay another sequence; a failure lists the arguments.
 */
import { FORMULAS, evaluateFormula } from "../../src/omspan/formulas";
import { sumDataset, type SumArgs } from "../../src/omspan/query/sums";
import { anchorRow, drawAkun, drawPairs, drawSatker } from "../support/sums-draw";
import { drawPeriod } from "../support/sums-period";
import { SEED, chance, int, seedRandom } from "../support/sums-prng";
import { EXCEL_EPOCH, check, dayOfUtc, distinct, fmt, refSum, type Intent } from "../support/sums-reference";
import { CASES, YEARS, useSumsStack } from "../support/sums-stack";

const stackOf = useSumsStack();

describe.each(YEARS)("fiscal year %i", (year) => {
  const y = () => stackOf().years.find((d) => d.year === year)!;

  test(`REALISASI: ${CASES.realisasi} random filters, through sumDataset and the formula`, async () => {
    seedRandom(SEED ^ year ^ 0x5eed);
    const data = await stackOf().store.get(y().conn, "realisasi");
    const { raw, ref } = y();
    const satkers = distinct(raw.realisasi, "KDSATKER");
    const akuns = distinct(raw.realisasi, "AKUN");
    const dataDays = [...new Set(ref.realisasi.days)];
    const values = new Map<string, string[]>();
    const failures: string[] = [];
    const kinds = new Map<string, number>();
    let nonZero = 0;
    for (let i = 0; i < CASES.realisasi; i++) {
      const s = drawSatker(satkers);
      const a = drawAkun(akuns);
      const at = anchorRow(ref.realisasi, s.sel, a.sel);
      const f = drawPairs("realisasi", raw.realisasi, values, at === undefined ? undefined : raw.realisasi[at]);
      const months = chance(0.12);
      const p = months ? undefined : drawPeriod(year, dataDays, at === undefined ? undefined : ref.realisasi.days![at]);
      const fromMonth = months ? (chance(0.8) ? int(1, 12) : undefined) : undefined;
      const toMonth = months && fromMonth !== undefined ? int(fromMonth, 12) : months ? int(1, 12) : undefined;
      const intent: Intent = { satker: s.sel, akun: a.sel, pairs: f.pairs, fromDay: p?.fromDay, toDay: p?.toDay, fromMonth, toMonth };
      const expected = refSum(ref.realisasi, "AMOUNT", intent);
      if (expected !== 0n) nonZero++;
      for (const k of [`satker ${s.what}`, `akun ${a.what}`, months ? "months" : `period ${p!.what}`, f.pairs.length ? "pairs" : "no pairs"]) {
        kinds.set(k, (kinds.get(k) ?? 0) + 1);
      }
      const args: SumArgs = { satker: s.arg, akun: a.arg, fromDay: p?.fromDay, toDay: p?.toDay, fromMonth, toMonth, filter: f.text };
      const label = `#${i} sumDataset(${fmt(args)})`;
      check(failures, label, () => sumDataset(data, args), expected);
      if (!months) {
        const fargs = [s.arg, a.arg, p!.dari, p!.sampai, f.text];
        check(failures, `#${i} REALISASI(${fargs.map(fmt).join("; ")})`, () => evaluateFormula(FORMULAS.REALISASI!, fargs, data) as number, expected);
        // Asked a second time (the result cache): the same answer.
        check(failures, `#${i} again REALISASI(${fargs.map(fmt).join("; ")})`, () => evaluateFormula(FORMULAS.REALISASI!, fargs, data) as number, expected);
      }
    }
    expect(failures.slice(0, 15)).toEqual([]);
    // The draw reaches every shape, and many answers are not trivially zero.
    for (const k of ["satker all", "satker single", "satker number", "satker list", "satker prefix*", "satker exclusion",
      "akun all", "akun prefix", "akun number", "akun list", "akun exclusion", "akun mix",
      "period single day", "period month-crossing", "period none", "period previous year", "months", "pairs"]) {
      if (!kinds.get(k)) failures.push(`no case drew "${k}"`);
    }
    expect(failures).toEqual([]);
    expect(nonZero).toBeGreaterThan(CASES.realisasi * 0.4);
  });
});

test("a start date after the end date is a wrong argument, not 0", async () => {
  const data = await stackOf().store.get(stackOf().years[0]!.conn, "realisasi");
  const d = dayOfUtc(2026, 3, 10);
  expect(() => evaluateFormula(FORMULAS.REALISASI!, ["", "52", d + EXCEL_EPOCH, d - 1 + EXCEL_EPOCH], data)).toThrow(/after the end date/);
});
