/** Random day ranges for the Realisasi sums suite, as intent and as the arguments an Excel user gives. */
import { chance, int, pick, rnd } from "./sums-prng";
import { DAY_MS, EXCEL_EPOCH, dayOfUtc } from "./sums-reference";

export interface Period {
  readonly fromDay?: number;
  readonly toDay?: number;
  /** Excel arguments for dari / sampai (serials, ISO text or blank). */
  readonly dari: unknown;
  readonly sampai: unknown;
  readonly what: string;
}

const iso = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** A day range as an Excel user gives it: date cells (serials, sometimes with a time), or ISO text. */
export function drawPeriod(year: number, dataDays: readonly number[], anchorDay?: number): Period {
  const arg = (day: number | undefined): unknown => {
    if (day === undefined) return pick([undefined, null, ""]);
    if (chance(0.1)) return iso(day);
    return day + EXCEL_EPOCH + (chance(0.2) ? pick([0.25, 0.5, 0.999]) : 0); // a time of day does not move the date
  };
  const make = (from: number | undefined, to: number | undefined, what: string): Period => ({
    fromDay: from,
    toDay: to,
    dari: arg(from),
    sampai: arg(to),
    what,
  });
  const r = rnd();
  const first = dayOfUtc(year, 1, 1);
  const last = dayOfUtc(year, 12, 31);
  if (r < 0.3) return make(undefined, undefined, "none");
  if (r < 0.42) {
    const d = anchorDay !== undefined && chance(0.7) ? anchorDay : pick(dataDays);
    return make(d, d, "single day");
  }
  if (r < 0.47) {
    // A Saturday or Sunday: payments are made on working days only.
    let d = int(first, last);
    while (new Date(d * DAY_MS).getUTCDay() !== 0 && new Date(d * DAY_MS).getUTCDay() !== 6) d++;
    return make(d, d, "weekend day");
  }
  if (r < 0.62) {
    const m = int(1, 11);
    return make(dayOfUtc(year, m, int(15, 28)), dayOfUtc(year, m + 1, int(1, 15)), "month-crossing");
  }
  if (r < 0.72) {
    const m = int(1, 12);
    return make(dayOfUtc(year, m, 1), dayOfUtc(year, m + 1, 1) - 1, "whole month");
  }
  if (r < 0.82) {
    const a = int(first, last);
    const b = int(first, last);
    return make(Math.min(a, b), Math.max(a, b), "random range");
  }
  if (r < 0.87) return make(int(first, last), undefined, "from only");
  if (r < 0.92) return make(undefined, int(first, last), "to only");
  // Ranges that hold no payments: the year before, or after the data's cut-off.
  return chance(0.5)
    ? make(dayOfUtc(year - 1, int(1, 12), 1), dayOfUtc(year - 1, 12, 31), "previous year")
    : make(Math.max(...dataDays) + 1, last + 40, "after cut-off");
}
