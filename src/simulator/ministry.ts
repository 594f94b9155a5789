/**
 * The synthetic ministry of one (profile, fiscal year): organisation, DIPA, realisation, IKPA, PNBP.
 * Generated once per process and cached, because the full profile takes a moment and every request of a
 * run needs the same data. Deterministic: the same profile, year and "today" always give the same bytes.
 */
import { cutoffDay, formatOracle, dateOf, monthOf, simulatorToday } from "./calendar";
import { dipaLinesOf, type DipaLine } from "./dipa";
import { averageScores, scoreSatker, type IkpaScore } from "./ikpa";
import { ESELON1, buildSatker, type Eselon1, type Profile, type Satker } from "./org";
import { buildPnbp, type PnbpRow } from "./pnbp";
import { actualPerLine, buildRealisasi, type RealisasiTable } from "./realisasi";

/** Everything the simulator serves for one profile and fiscal year. */
export interface Ministry {
  readonly profile: Profile;
  readonly year: number;
  /** The "today" (yyyy-mm-dd) the cut-off was derived from. */
  readonly today: string;
  /** Day index of the data cut-off (MAXDATE), or null when the year has no realisation yet. */
  readonly cutoff: number | null;
  /** MAXDATE as printed (`27-NOV-26`); empty when there is no cut-off. */
  readonly maxdate: string;
  readonly eselon1: readonly Eselon1[];
  readonly satker: readonly Satker[];
  readonly lines: readonly DipaLine[];
  readonly realisasi: RealisasiTable;
  /** Realisation per DIPA line up to the cut-off (DataFA ACTUAL_AMT). */
  readonly actual: Float64Array;
  readonly ikpa: { readonly satker: readonly IkpaScore[]; readonly eselon1: readonly IkpaScore[]; readonly kl: readonly IkpaScore[] };
  readonly pnbp: readonly PnbpRow[];
}

/** First fiscal year with data; a key for an earlier year (or past next year) sees the no-data body everywhere. */
export const FIRST_YEAR = 2019;

/** Options of {@link generateMinistry}. */
export interface GenerateOptions {
  /** Pins "today" (yyyy-mm-dd); defaults to {@link simulatorToday}. */
  today?: string;
}

const cache = new Map<string, Ministry>();
const CACHE_LIMIT = 6;

function build(profile: Profile, year: number, today: string): Ministry {
  const todayYear = Number(today.slice(0, 4));
  const inRange = year >= FIRST_YEAR && year <= todayYear + 1;
  const satker = inRange ? buildSatker(profile) : [];
  const lines = satker.flatMap((s) => dipaLinesOf(year, s));
  const cutoff = inRange ? cutoffDay(year, today) : null;
  const realisasi = buildRealisasi(year, lines, cutoff);
  const satkerScores = cutoff === null ? [] : scoreSatker(year, satker, lines, realisasi, cutoff);
  const eselonOf = new Map(satker.map((s) => [s.kode, s.eselon1]));
  return {
    profile, year, today, cutoff,
    maxdate: cutoff === null ? "" : formatOracle(dateOf(year, cutoff)),
    eselon1: ESELON1, satker, lines, realisasi,
    actual: actualPerLine(realisasi, lines.length),
    ikpa: {
      satker: satkerScores,
      eselon1: averageScores(year, satkerScores, (code) => eselonOf.get(code)!),
      kl: averageScores(year, satkerScores, () => "056"),
    },
    pnbp: buildPnbp(year, profile, cutoff, year < todayYear ? Infinity : cutoff ?? -1),
  };
}

/**
 * The synthetic ministry for a profile and fiscal year (cached per process). For the current year the
 * cut-off is the last working day before today; see {@link cutoffDay}.
 */
export function generateMinistry(profile: Profile, year: number, opts: GenerateOptions = {}): Ministry {
  const today = opts.today ?? simulatorToday();
  const key = `${profile}|${year}|${today}`;
  let m = cache.get(key);
  if (!m) {
    m = build(profile, year, today);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, m);
  }
  return m;
}

/** The last IKPA period (month) of a ministry, 0 when none. */
export function lastPeriod(m: Ministry): number {
  return m.cutoff === null ? 0 : monthOf(m.year, m.cutoff);
}

