/**
 * PNBP detail: daily land-service fee collections posted to the central satker (Sekretariat Jenderal),
 * each with the day it was inserted into OMSPAN's database — 0 to 3 working days after the deposit, the
 * lag that makes incremental sync (`DetailPNBPAllRev/GL/<yyyymmdd>`) worth having.
 *
 * In the current year a row is visible once its insert day is on or before the cut-off; a past year shows
 * every row, including December deposits inserted in early January.
 */
import { isWorkingDay } from "./calendar";
import type { Profile } from "./org";
import { Rng, hash32 } from "./rng";

/** One collection. Days are indexes in the fiscal year (an insert day may run past 31 December). */
export interface PnbpRow {
  readonly day: number;
  readonly insertDay: number;
  readonly akun: string;
  readonly amount: number;
  readonly ntpn: string;
  readonly kodeBilling: string;
}

/** The satker PNBP is posted to. */
export const PNBP_SATKER = "600001";

const AKUN: ReadonlyArray<readonly [string, number]> = [
  ["423219", 0.7],
  ["423211", 0.12],
  ["423214", 0.1],
  ["425129", 0.08],
];

function pickAkun(r: number): string {
  let acc = 0;
  for (const [akun, share] of AKUN) {
    acc += share;
    if (r < acc) return akun;
  }
  return AKUN[0]![0];
}

function hex(n: number, width: number): string {
  return n.toString(16).toUpperCase().padStart(width, "0").slice(-width);
}

/**
 * The visible PNBP rows of a year, ordered by insert day, then deposit day, then sequence.
 * `lastDeposit` is the last deposit day (the cut-off); `insertLimit` the last visible insert day.
 */
export function buildPnbp(year: number, profile: Profile, lastDeposit: number | null, insertLimit: number): PnbpRow[] {
  if (lastDeposit === null) return [];
  const perDay = profile === "demo" ? [6, 12] : [30, 50];
  const rows: PnbpRow[] = [];
  for (let day = 0; day <= lastDeposit; day++) {
    if (!isWorkingDay(year, day)) continue;
    const rng = Rng.of(year, profile, day, "pnbp");
    const n = rng.int(perDay[0]!, perDay[1]!);
    for (let i = 0; i < n; i++) {
      let insertDay = day;
      for (let lag = rng.int(0, 3); lag > 0; lag--) do insertDay++; while (!isWorkingDay(year, insertDay));
      const amount = Math.round(rng.logNormalIn(5e6, 2e9) / 1000) * 1000;
      const akun = pickAkun(rng.next());
      if (insertDay > insertLimit) continue;
      const h1 = hash32(year, day, i, "ntpn");
      const h2 = hash32(year, day, i, "ntpn", 2);
      const billing = `8${String(hash32(year, day, i, "billing") % 1e7).padStart(7, "0")}${String(h2 % 1e7).padStart(7, "0")}`;
      rows.push({ day, insertDay, akun, amount, ntpn: `${hex(h1, 8)}${hex(h2, 8)}`, kodeBilling: billing });
    }
  }
  return rows.sort((a, b) => a.insertDay - b.insertDay || a.day - b.day);
}
