/**
 * Every function of the catalogue, called as Excel calls it (test/support/custom-functions-fake.ts),
 * through the add-in's shared session against the real simulator, for both fiscal years, compared with
 * references computed from the raw pages (test/support/catalogue-stack.ts): grids from ranges, months and
 * cumulative months, PAGU/SISA/PENYERAPAN, DANA columns, IKPA at three levels, PNBP with dates, TABEL with
 * filters, ASOF.
 */
import { session } from "../../src/shared-runtime";
import { CustomFunctionsRuntime, OMITTED, across, down, type Arg } from "../support/custom-functions-fake";
import { YEARS, loadYear, oracleSerial, refIkpaRecord, refIkpaScore, startCatalogueSim, type YearRaw } from "../support/catalogue-stack";
import { ALL, distinct, refSum, type Intent, type RefTable, type Sel } from "../support/sums-reference";
import type { RunningSimulator } from "../../src/simulator";

let excel: CustomFunctionsRuntime;
let sim: RunningSimulator;
const years = new Map<number, YearRaw>();

beforeAll(async () => {
  excel = await CustomFunctionsRuntime.load();
  ({ sim } = await startCatalogueSim());
  for (const y of YEARS) years.set(y, await loadYear(sim, y));
}, 120_000);
afterAll(async () => {
  await session.disconnect();
  await sim?.close();
});

const exact = (code: string): Sel => ({ include: [{ code, prefix: false }], exclude: [] });
const prefix = (code: string): Sel => (code === "" ? ALL : { include: [{ code, prefix: true }], exclude: [] });
const intent = (satker: string, akun: string, more: Partial<Intent> = {}): Intent => ({ satker: exact(satker), akun: prefix(akun), pairs: [], ...more });
const sum = (t: RefTable, measure: string, q: Intent) => Number(refSum(t, measure, q));
const call = (id: string, ...args: Arg[]) => excel.call(id, ...args) as Promise<unknown[][]>;

describe.each(YEARS)("fiscal year %i", (year) => {
  let y: YearRaw;
  let satkers: string[];
  const AKUN = ["51", "52", "53", "5", "521211"];

  beforeAll(async () => {
    y = years.get(year)!;
    await session.connect({ baseUrl: sim.baseUrl, key: y.key });
    // Satkers with realisation, a zero-led one first when there is one (codes are text).
    const all = distinct(y.realisasi.rows, "KDSATKER");
    satkers = [...all.filter((s) => s.startsWith("0")).slice(0, 1), ...all.filter((s) => !s.startsWith("0")).slice(0, 4)];
  });

  test("REALISASI: satker down × akun across spills the matrix; the reverse spills its transpose", async () => {
    const expected = satkers.map((s) => AKUN.map((a) => sum(y.realisasi, "AMOUNT", intent(s, a))));
    expect(expected.flat().some((v) => v !== 0)).toBe(true);
    expect(await call("REALISASI", down(...satkers), across(...AKUN))).toEqual(expected);
    const transposed = AKUN.map((_, j) => satkers.map((_, i) => expected[i]![j]));
    expect(await call("REALISASI", across(...satkers), down(...AKUN))).toEqual(transposed);
    // A single cell still answers a single value.
    expect(await excel.value1("REALISASI", satkers[1]!, "52")).toBe(expected[1]![1]);
  });

  test("REALISASI with dates (serials and yyyy-mm-dd text) and a filter pair", async () => {
    const from = Date.UTC(year, 2, 1) / 86_400_000;
    const to = Date.UTC(year, 5, 30) / 86_400_000;
    const s = satkers[1]!;
    const want = sum(y.realisasi, "AMOUNT", intent(s, "52", { fromDay: from, toDay: to }));
    expect(await excel.value1("REALISASI", s, "52", from + 25569, `${year}-06-30`)).toBe(want);
    const sumber = { column: "SUMBER_DANA", sel: exact("A") };
    expect(await excel.value1("REALISASI", s, "5", OMITTED, OMITTED, "sumber=A")).toBe(sum(y.realisasi, "AMOUNT", intent(s, "5", { pairs: [sumber] })));
  });

  test("REALISASI.BULAN: akun down × months across, single months and cumulative", async () => {
    const s = satkers[2]!;
    const months = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    const single = AKUN.map((a) => months.map((m) => sum(y.realisasi, "AMOUNT", intent(s, a, { fromMonth: m, toMonth: m }))));
    const cumulative = AKUN.map((a) => months.map((m) => sum(y.realisasi, "AMOUNT", intent(s, a, { fromMonth: 1, toMonth: m }))));
    expect(await call("REALISASI.BULAN", s, down(...AKUN), across(...months))).toEqual(single);
    expect(await call("REALISASI.BULAN", s, down(...AKUN), across(...months), true)).toEqual(cumulative);
    expect(await excel.value1("REALISASI.BULAN", s, "52", "3", false)).toBe(single[1]![2]);
    // The year's months add up to the year.
    expect(cumulative[3]![11]).toBe(sum(y.realisasi, "AMOUNT", intent(s, "5")));
  });

  test("PAGU, SISA and PENYERAPAN over a satker × akun grid", async () => {
    const pagu = satkers.map((s) => AKUN.map((a) => sum(y.dipa, "AMOUNT", intent(s, a))));
    const real = satkers.map((s) => AKUN.map((a) => sum(y.realisasi, "AMOUNT", intent(s, a))));
    expect(await call("PAGU", down(...satkers), across(...AKUN))).toEqual(pagu);
    expect(await call("SISA", down(...satkers), across(...AKUN))).toEqual(pagu.map((row, i) => row.map((p, j) => p - real[i]![j]!)));
    const pct = (await call("PENYERAPAN", down(...satkers), across(...AKUN))) as unknown[][];
    pct.forEach((row, i) =>
      row.forEach((v, j) => {
        if (pagu[i]![j] === 0) expect(v).toMatchObject({ code: "#DIV/0!" });
        else expect(v).toBe(real[i]![j]! / pagu[i]![j]!);
      }),
    );
    expect(pagu.flat().filter((p) => p > 0).length).toBeGreaterThan(10);
  });

  test("DANA: every DataFA column, by its word", async () => {
    const s = distinct(y.dana.rows, "SATKER")[0]!;
    const cols = { DIPA: "DIPA", KONTRAK: "KONTRAK", BLOKIR: "BLOKIR", REALISASI: "ACTUAL_AMT", TERSEDIA: "BALANCING_AMT" } as const;
    const words = Object.keys(cols);
    const expected = [["5", "52", "53"].map((a) => words.map((w) => sum(y.dana, cols[w as keyof typeof cols], intent(s, a))))].flat();
    expect(await call("DANA", s, down("5", "52", "53"), across(...words.map((w) => w.toLowerCase())))).toEqual(expected);
    expect(expected[0]![4]).toBe(expected[0]![0]! - expected[0]![1]! - expected[0]![2]! - expected[0]![3]!);
  });

  test("IKPA at all three levels: the weighted score and single indicators, latest and given periods", async () => {
    const sat = y.ikpa.satker;
    const codes = distinct(sat, "KDSATKER").slice(0, 4);
    const periods = distinct(sat, "PERIODE").slice(0, 3);
    const grid = codes.map((c) => periods.map((p) => refIkpaScore(refIkpaRecord(sat, ["KDSATKER"], c, p)!)));
    const got = (await call("IKPA", down(...codes), OMITTED, across(...periods.map(Number)))) as number[][];
    got.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(grid[i]![j]!, 9)));
    const latest = refIkpaRecord(sat, ["KDSATKER"], codes[0]!)!;
    expect(await excel.value1("IKPA", codes[0]!)).toBeCloseTo(refIkpaScore(latest), 9);
    expect(await excel.value1("IKPA", codes[0]!, "realisasi")).toBe(Number(latest.IK_REALISASI));
    expect(await excel.value1("IKPA", codes[0]!, "IK_RENKAS", Number(latest.PERIODE))).toBe(Number(latest.IK_RENKAS));
    // The simulator's own total agrees with the spec's weighting.
    expect(refIkpaScore(latest)).toBeCloseTo(Number(latest.NILAI_IKPA), 1);

    const es1 = y.ikpa.eselon1;
    const e = refIkpaRecord(es1, ["BAES1", "BA"], (es1[0]!.BAES1 ?? es1[0]!.BA)!, es1[0]!.PERIODE)!;
    const eCode = (e.BAES1 ?? e.BA)!;
    expect(await excel.value1("IKPA", eCode, OMITTED, Number(e.PERIODE))).toBeCloseTo(refIkpaScore(e), 9);
    expect(await excel.value1("IKPA", Number(eCode), OMITTED, Number(e.PERIODE), "eselon1")).toBeCloseTo(refIkpaScore(e), 9);
    const kl = refIkpaRecord(y.ikpa.kl, ["BA"], "056")!;
    expect(await excel.value1("IKPA", "056")).toBeCloseTo(refIkpaScore(kl), 9);
    expect(await excel.value1("IKPA", 56, "up", OMITTED, "kl")).toBe(Number(kl.IK_UP));
  });

  test("PNBP since the start of the year, and within deposit dates", async () => {
    const s = distinct(y.pnbp.rows, "KDSATKER")[0]!;
    const from = Date.UTC(year, 1, 1) / 86_400_000;
    const to = Date.UTC(year, 3, 15) / 86_400_000;
    const total = sum(y.pnbp, "AMOUNT", intent(s, ""));
    expect(total).toBeGreaterThan(0);
    expect(await excel.value1("PNBP", s)).toBe(total);
    expect(await excel.value1("PNBP", s, "423219", from + 25569, to + 25569)).toBe(sum(y.pnbp, "AMOUNT", intent(s, "423219", { fromDay: from, toDay: to })));
    expect(await excel.value1("PNBP", s, "42", `${year}-02-01`)).toBe(sum(y.pnbp, "AMOUNT", intent(s, "42", { fromDay: from })));
  });

  test("TABEL: filtered rows with a header, codes as text, amounts as numbers, dates as serials", async () => {
    const s = satkers[0]!;
    const rows = y.dipa.rows.filter((r) => r.KDSATKER === s && r.AKUN!.startsWith("52"));
    const got = await call("TABEL", "dipa", `satker=${Number(s)};akun=52`, "KDSATKER,AKUN,AMOUNT");
    expect(got[0]).toEqual(["KDSATKER", "AKUN", "AMOUNT"]);
    expect(got.slice(1)).toEqual(rows.map((r) => [r.KDSATKER, r.AKUN, Number(r.AMOUNT)]));
    expect(rows.length).toBeGreaterThan(0);
    const real = await call("TABEL", "realisasi", `satker=${s};akun=521211;sumber=A`);
    const header = real[0] as string[];
    const want = y.realisasi.rows.filter((r) => r.KDSATKER === s && r.AKUN === "521211" && r.SUMBER_DANA === "A");
    expect(real.length - 1).toBe(want.length);
    const t = header.indexOf("TANGGAL");
    const amount = header.indexOf("AMOUNT");
    const ks = header.indexOf("KDSATKER");
    real.slice(1).forEach((row, i) => {
      expect(row[t]).toBe(oracleSerial(want[i]!.TANGGAL!));
      expect(row[amount]).toBe(Number(want[i]!.AMOUNT));
      expect(row[ks]).toBe(s);
    });
    // IKPA names stay text as OMSPAN wrote them.
    const ik = await call("TABEL", "ikpa-satker", "periode=1", "KDSATKER,NMSATKER,PERIODE");
    expect(ik.slice(1)).toEqual(y.ikpa.satker.filter((r) => r.PERIODE === "01").map((r) => [r.KDSATKER, r.NMSATKER, r.PERIODE]));
  });

  test("ASOF: when the data was pulled, and OMSPAN's cut-off", async () => {
    session.store.invalidate("realisasi");
    const before = Date.now();
    const pulled = (await excel.value1("ASOF")) as number;
    const after = Date.now();
    const toMs = (serial: number) => (serial - 25569) * 86_400_000 + new Date().getTimezoneOffset() * 60_000;
    expect(toMs(pulled)).toBeGreaterThanOrEqual(before - 1);
    expect(toMs(pulled)).toBeLessThanOrEqual(after + 1);
    const maxdate = Math.max(...y.realisasi.rows.map((r) => oracleSerial(r.MAXDATE!)));
    expect(await excel.value1("ASOF", "realisasi", "data")).toBe(maxdate);
    await expect(excel.value1("ASOF", "dipa", "data")).rejects.toMatchObject({ code: "#N/A" });
  });
});
