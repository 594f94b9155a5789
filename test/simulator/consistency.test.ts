/**
 * Consistency of the generated ministry, computed from the exported record generators (no HTTP): DataFA
 * balances, realisation within pagu except the designed overspent lines, IKPA totals and averages, the
 * realisation curve, and the profiles' sizes.
 */
import {
  BBT_ORDER, IK_KEY, INDICATOR_IDS, danaRecords, dipaRecords, generateMinistry, ikpaEselon1Records, ikpaKlRecords,
  ikpaSatkerRecords, pnbpRecords, realisasiRecord, realisasiRecords, type IkpaRecord, type Ministry,
} from "../../src/simulator";
import { realisasiEncoder } from "../../src/simulator/realisasi-wire";
import { encodeRecord } from "../../src/simulator/wire";
import { TODAY, hundredths } from "./helpers";

const demo = generateMinistry("demo", 2025, { today: TODAY });
const current = generateMinistry("demo", 2026, { today: TODAY });

const lineKey = (r: { KDSATKER?: string; SATKER?: string; KPPN: string; AKUN: string; PROGRAM: string; OUTPUT: string; KEGIATAN?: string }, extra = "") =>
  `${r.KDSATKER ?? r.SATKER}|${r.KPPN}|${r.AKUN}|${r.PROGRAM}|${r.KEGIATAN ?? ""}${r.OUTPUT}|${extra}`;

describe.each([["complete year 2025", demo], ["current year 2026 (cut-off 27-NOV-26)", current]])("%s", (_, m: Ministry) => {
  const fa = danaRecords(m);
  test("DataFA: BALANCING_AMT = DIPA − KONTRAK − BLOKIR − ACTUAL_AMT on every line", () => {
    const bad = fa.filter((r) => Number(r.BALANCING_AMT) !== Number(r.DIPA) - Number(r.KONTRAK) - Number(r.BLOKIR) - Number(r.ACTUAL_AMT));
    expect(bad).toEqual([]);
  });
  test("DataFA ACTUAL_AMT = the line's Realisasi rows; DIPA = the line's pagu", () => {
    const sums = new Map<string, number>();
    for (const r of realisasiRecords(m)) sums.set(lineKey(r, r.SUMBER_DANA + r.KDREGISTER), (sums.get(lineKey(r, r.SUMBER_DANA + r.KDREGISTER)) ?? 0) + Number(r.AMOUNT));
    const dipa = dipaRecords(m);
    const bad = fa.filter((r, i) => Number(r.ACTUAL_AMT) !== (sums.get(lineKey(r, r.DANA)) ?? 0) || r.DIPA !== dipa[i]!.AMOUNT);
    expect(bad).toEqual([]);
  });
  test("realisation ≤ pagu per line and per satker, except the designed overspent 511 lines", () => {
    const overspent = m.lines.map((l) => l.overspent);
    fa.forEach((r, i) => {
      if (Number(r.BALANCING_AMT) < 0) expect([overspent[i], r.AKUN.slice(0, 3)]).toEqual([true, "511"]);
      if (!overspent[i]) expect(Number(r.ACTUAL_AMT)).toBeLessThanOrEqual(Number(r.DIPA) - Number(r.BLOKIR));
    });
    const bySatker = new Map<string, [number, number]>();
    for (const r of fa) {
      const [p, a] = bySatker.get(r.SATKER) ?? [0, 0];
      bySatker.set(r.SATKER, [p + Number(r.DIPA), a + Number(r.ACTUAL_AMT)]);
    }
    for (const [p, a] of bySatker.values()) expect(a).toBeLessThanOrEqual(p);
  });
  test("KONTRAK only on 53 and 522191 lines; ~3% of lines blocked", () => {
    expect(fa.filter((r) => r.KONTRAK !== "0" && !(r.AKUN.startsWith("53") || r.AKUN === "522191"))).toEqual([]);
    const blocked = fa.filter((r) => r.BLOKIR !== "0").length / fa.length;
    expect(blocked).toBeGreaterThan(0.015);
    expect(blocked).toBeLessThan(0.045);
  });
  test("IKPA totals are the weighted mean over the record's own weights above zero", () => {
    const wrong: string[] = [];
    for (const r of [...ikpaSatkerRecords(m), ...ikpaEselon1Records(m), ...ikpaKlRecords(m)]) {
      let num = 0;
      let den = 0;
      for (const [id, bbt] of BBT_ORDER) {
        const w = Number(r[bbt]);
        if (w > 0) {
          num += hundredths(r[IK_KEY[id]]) * w;
          den += w;
        }
      }
      if (hundredths(r.NILAI_IKPA) !== (den > 0 ? Math.round(num / den) : 0)) wrong.push(`${r.KDSATKER ?? r.BA}/${r.PERIODE}`);
    }
    expect(wrong).toEqual([]);
  });
  test("eselon I and ministry IKPA: per indicator, the mean of their satker that scored it", () => {
    const satker = ikpaSatkerRecords(m);
    const home = new Map(m.satker.map((s) => [s.kode, s.eselon1]));
    const wrong: string[] = [];
    const expectAverage = (unit: IkpaRecord, members: IkpaRecord[]) => {
      expect(members.length).toBeGreaterThan(0);
      for (const [id, bbt] of BBT_ORDER) {
        const ik = IK_KEY[id];
        const scored = members.filter((s) => Number(s[bbt]) > 0);
        const mean = scored.length ? Math.round(scored.reduce((a, s) => a + hundredths(s[ik]), 0) / scored.length) : 0;
        if (hundredths(unit[ik]) !== mean) wrong.push(`${unit.BA}/${unit.PERIODE} ${ik}: ${unit[ik]} ≠ ${mean}`);
        if (scored.length === 0 && unit[bbt] !== "0") wrong.push(`${unit.BA}/${unit.PERIODE} ${bbt} should be 0`);
      }
    };
    for (const e of ikpaEselon1Records(m)) expectAverage(e, satker.filter((s) => s.PERIODE === e.PERIODE && home.get(s.KDSATKER!) === e.BA));
    for (const k of ikpaKlRecords(m)) expectAverage(k, satker.filter((s) => s.PERIODE === k.PERIODE));
    expect(wrong).toEqual([]);
  });
  test("Realisasi: working days up to one shared MAXDATE, ~1% corrections, fast encoder = record encoder", () => {
    const rows = realisasiRecords(m);
    expect(new Set(rows.map((r) => r.MAXDATE))).toEqual(new Set([m.maxdate]));
    const cutoff = Date.parse(`${m.today}T00:00:00Z`);
    const bad = new Set<string>();
    for (const date of new Set(rows.map((r) => r.TANGGAL))) {
      const d = new Date(Date.parse(`${date.slice(0, 2)} ${date.slice(3, 6)} 20${date.slice(7)} UTC`));
      if (d.getUTCDay() === 0 || d.getUTCDay() === 6 || d.getTime() >= cutoff || d.getUTCFullYear() !== m.year) bad.add(date);
    }
    expect([...bad]).toEqual([]);
    const negative = rows.filter((r) => r.AMOUNT.startsWith("-")).length / rows.length;
    expect(negative).toBeGreaterThan(0.005);
    expect(negative).toBeLessThan(0.02);
    const enc = realisasiEncoder(m);
    const differ: number[] = [];
    for (let n = 1; n <= rows.length; n += 7) if (enc(n) !== encodeRecord(realisasiRecord(m, n))) differ.push(n);
    expect(differ).toEqual([]);
  });
  test("PNBP: 42 accounts, rows inserted on or after the asked day", () => {
    const all = pnbpRecords(m)!;
    expect(all.every((r) => r.AKUN.startsWith("42"))).toBe(true);
    const since = pnbpRecords(m, `${m.year}0601`)!;
    expect(since.length).toBeGreaterThan(0);
    expect(since.length).toBeLessThan(all.length);
    const juneFirst = Date.UTC(m.year, 5, 1);
    const parse = (s: string) => Date.parse(`${s.slice(0, 2)} ${s.slice(3, 6)} 20${s.slice(7)} UTC`);
    expect(all.filter((r) => parse(r.TANGGAL_INSERT) >= juneFirst)).toEqual(since);
    expect(pnbpRecords(m, `${m.year}0631`)).toBeNull();
  });
});

test("a complete year: December cumulative 93–97% of pagu, designed pagu-minus lines present", () => {
  const pagu = demo.lines.reduce((a, l) => a + l.pagu, 0);
  const spent = demo.actual.reduce((a, b) => a + b, 0);
  expect(spent / pagu).toBeGreaterThan(0.93);
  expect(spent / pagu).toBeLessThan(0.97);
  const minus = danaRecords(demo).filter((r) => Number(r.BALANCING_AMT) < 0);
  expect(minus.length).toBeGreaterThan(0);
  for (const r of minus) {
    const over = -Number(r.BALANCING_AMT) / Number(r.DIPA);
    expect(over).toBeGreaterThan(0.004);
    expect(over).toBeLessThan(0.021);
  }
});

test("current year: MAXDATE is the last working day before today; IKPA runs to the cut-off month", () => {
  expect(current.maxdate).toBe("27-NOV-26");
  expect(new Set(ikpaKlRecords(current).map((r) => r.PERIODE)).size).toBe(11);
});

test("the demo is central + 3 provinces (~60 satker); its satker are identical in the full profile", () => {
  expect(demo.satker.length).toBe(60);
  const full = generateMinistry("full", 2025, { today: TODAY });
  expect(full.satker.length).toBeGreaterThanOrEqual(500);
  expect(full.satker.length).toBeLessThanOrEqual(520);
  expect(full.realisasi.length).toBeGreaterThan(350_000);
  expect(full.realisasi.length).toBeLessThan(480_000);
  const demoCodes = new Set(demo.satker.map((s) => s.kode));
  const fromFull = dipaRecords(full).filter((r) => demoCodes.has(r.KDSATKER));
  expect(JSON.stringify(fromFull) === JSON.stringify(dipaRecords(demo))).toBe(true);
  expect(new Set(full.satker.map((s) => s.kode)).size).toBe(full.satker.length);
  expect(INDICATOR_IDS).toHaveLength(13);
});
