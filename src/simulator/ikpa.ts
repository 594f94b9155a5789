/**
 * IKPA scores: per satker per month, then eselon I and ministry as averages of their satker.
 *
 * Averages (the exact rule, tested): for each indicator, the arithmetic mean of the values of the unit's
 * satker that scored it that period (weight > 0), in hundredths rounded half up; its weight is the period's
 * base weight, or 0 when no satker scored it. The unit's total is then the weighted mean of its own record,
 * like every record's. IK_REALISASI and IK_PAGU_MINUS come from the generated realisation; the rest from
 * seeded per-satker quality.
 */
import { dateOf, monthOf } from "./calendar";
import type { DipaLine } from "./dipa";
import { INDICATOR_IDS, baseWeights, weightedTotal, type IndicatorId, type Scores } from "./ikpa-indicators";
import type { Satker } from "./org";
import { CURVE_52, CURVE_53 } from "./realisasi-plan";
import type { RealisasiTable } from "./realisasi";
import { Rng, hash32 } from "./rng";

/** One IKPA record before it is laid out on the wire. */
export interface IkpaScore {
  readonly code: string;
  readonly period: number;
  readonly values: Scores;
  readonly weights: Scores;
  readonly total: number;
}

const cumulative = (curve: readonly number[]) => curve.map((_, i) => curve.slice(0, i + 1).reduce((a, b) => a + b, 0) / 100);
const CUM = { "51": Array.from({ length: 12 }, (_, i) => (i + 1) / 12), "52": cumulative(CURVE_52), "53": cumulative(CURVE_53) };

/** Seeded values of the indicators not derived from the ledger, in hundredths. */
function seededValue(id: IndicatorId, q: number, rng: Rng): number {
  const pct = (lo: number, hi: number) => Math.round(100 * Math.min(hi, Math.max(lo, lo + (hi - lo) * (q + 0.25 * (rng.next() - 0.5)))));
  switch (id) {
    case "dis_spm": case "spm": case "revisi": return rng.chance(0.85) ? 10000 : pct(50, 99.99);
    case "retur": return rng.chance(0.7) ? 10000 : pct(95, 99.99);
    case "kontrak": return pct(18, 100);
    case "tagihan": return pct(0, 100);
    case "output": return pct(40, 100);
    case "up": return pct(70, 100);
    default: return pct(50, 100);
  }
}

/** Per-satker, per-month sums of realisation and, for overspent lines, the months their total passed pagu. */
function ledgerByMonth(year: number, satker: readonly Satker[], lines: readonly DipaLine[], table: RealisasiTable) {
  const index = new Map(satker.map((s, i) => [s.kode, i]));
  const monthly = satker.map(() => new Float64Array(12));
  const lineSatker = lines.map((l) => index.get(l.satker.kode)!);
  const running = new Map<number, number>();
  const minusSince = new Map<number, number>();
  for (let i = 0; i < table.length; i++) {
    const li = table.line[i]!;
    const m = monthOf(year, table.day[i]!) - 1;
    monthly[lineSatker[li]!]![m]! += table.amount[i]!;
    if (!lines[li]!.overspent) continue;
    const total = (running.get(li) ?? 0) + table.amount[i]!;
    running.set(li, total);
    if (total > lines[li]!.pagu && !minusSince.has(li)) minusSince.set(li, m + 1);
  }
  return { monthly, lineSatker, minusSince };
}

/** IKPA per satker, months 1..lastPeriod; the last month is scored on the days up to the cut-off. */
export function scoreSatker(year: number, satker: readonly Satker[], lines: readonly DipaLine[], table: RealisasiTable,
  cutoff: number): IkpaScore[] {
  const lastPeriod = monthOf(year, cutoff);
  const ledger = ledgerByMonth(year, satker, lines, table);
  const perSatker = satker.map(() => ({ lines: [] as number[], contracts: false }));
  lines.forEach((l, li) => {
    const s = perSatker[ledger.lineSatker[li]!]!;
    s.lines.push(li);
    s.contracts ||= l.contract !== null;
  });
  const lastMonthDays = new Date(Date.UTC(year, lastPeriod, 0)).getUTCDate();
  const partial = Math.min(1, dateOf(year, cutoff).getUTCDate() / lastMonthDays);
  const out: IkpaScore[] = [];
  for (let period = 1; period <= lastPeriod; period++) {
    satker.forEach((s, si) => {
      const rng = Rng.of(year, s.kode, period, "ikpa");
      const q = Rng.of(year, s.kode, "quality").between(0.55, 1);
      const weights = { ...baseWeights(year, period) };
      if (!perSatker[si]!.contracts) weights.kontrak = 0;
      if (hash32(year, s.kode, "no-up") % 20 === 0) weights.up = 0;
      const values = {} as Scores;
      for (const id of INDICATOR_IDS) values[id] = seededValue(id, q, rng);
      let actual = 0;
      let target = 0;
      for (let m = 0; m < period; m++) actual += ledger.monthly[si]![m]!;
      for (const li of perSatker[si]!.lines) {
        const l = lines[li]!;
        const cum = CUM[l.type];
        const prev = period > 1 ? cum[period - 2]! : 0;
        const share = period === lastPeriod ? prev + (cum[period - 1]! - prev) * partial : cum[period - 1]!;
        target += l.pagu * l.plannedShare * share;
      }
      values.realisasi = target > 0 ? Math.min(10000, Math.round((10000 * actual) / target)) : 10000;
      const minus = perSatker[si]!.lines.filter((li) => (ledger.minusSince.get(li) ?? 99) <= period).length;
      values.pagu_minus = 10000 - Math.round((10000 * minus) / Math.max(1, perSatker[si]!.lines.length));
      for (const id of INDICATOR_IDS) if (weights[id] === 0) values[id] = 0;
      out.push({ code: s.kode, period, values, weights, total: weightedTotal(values, weights) });
    });
  }
  return out;
}

/** Averages satker scores into one record per (group, period), by the rule in the file header. */
export function averageScores(year: number, scores: readonly IkpaScore[], groupOf: (code: string) => string): IkpaScore[] {
  const groups = new Map<string, IkpaScore[]>();
  for (const s of scores) {
    const key = `${String(s.period).padStart(2, "0")}|${groupOf(s.code)}`;
    const members = groups.get(key);
    if (members) members.push(s);
    else groups.set(key, [s]);
  }
  return [...groups.keys()].sort().map((key) => {
    const members = groups.get(key)!;
    const [p, code] = key.split("|") as [string, string];
    const period = Number(p);
    const base = baseWeights(year, period);
    const values = {} as Scores;
    const weights = {} as Scores;
    for (const id of INDICATOR_IDS) {
      const scored = members.filter((m) => m.weights[id] > 0);
      values[id] = scored.length > 0 ? Math.round(scored.reduce((a, m) => a + m.values[id], 0) / scored.length) : 0;
      weights[id] = scored.length > 0 ? base[id] : 0;
    }
    return { code, period, values, weights, total: weightedTotal(values, weights) };
  });
}
