/**
 * Calendar of the synthetic fiscal year. Dates inside a year are day indexes (0 = 1 January) so the
 * generators can bucket rows by day without Date objects; formatting happens at the wire edge.
 *
 * Working days are Monday–Friday minus the fixed-date national holidays. Moving holidays (Idul Fitri,
 * Nyepi, …) are left out on purpose: they would need a per-year table and change nothing the add-in does.
 */

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"] as const;
const FIXED_HOLIDAYS = new Set(["01-01", "05-01", "06-01", "08-17", "12-25"]);
const DAY_MS = 86_400_000;

/** Number of days in a calendar year. */
export function daysInYear(year: number): number {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
}

/** The UTC date of a day index in a year. */
export function dateOf(year: number, day: number): Date {
  return new Date(Date.UTC(year, 0, 1) + day * DAY_MS);
}

/** Day index (0-based) of a UTC date within its own year. */
export function dayOfYear(d: Date): number {
  return Math.round((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS);
}

/** Oracle's default date format, as OMSPAN prints it: `04-FEB-19`. */
export function formatOracle(d: Date): string {
  const dd = String(d.getUTCDate()).padStart(2, "0");
  const yy = String(d.getUTCFullYear() % 100).padStart(2, "0");
  return `${dd}-${MONTHS[d.getUTCMonth()]}-${yy}`;
}

/** `yyyymmdd`, the PNBP insert-date parameter format. */
export function formatYmd(d: Date): string {
  return d.toISOString().slice(0, 10).replace(/-/g, "");
}

/** Parses `yyyymmdd` into a UTC date; null when it is not a real calendar date. */
export function parseYmd(s: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  const ok = date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
  return ok ? date : null;
}

function computeWorkingDay(year: number, day: number): boolean {
  const d = dateOf(year, day);
  const wd = d.getUTCDay();
  if (wd === 0 || wd === 6) return false;
  return !FIXED_HOLIDAYS.has(d.toISOString().slice(5, 10));
}

// The generators ask these millions of times: one small table per year (plus a spill-over week).
const workingTables = new Map<number, { days: Uint8Array; months: number[][] }>();

function tableOf(year: number) {
  let t = workingTables.get(year);
  if (!t) {
    const days = new Uint8Array(daysInYear(year) + 14);
    for (let d = 0; d < days.length; d++) days[d] = computeWorkingDay(year, d) ? 1 : 0;
    const months = Array.from({ length: 12 }, (_, i) => {
      const first = dayOfYear(new Date(Date.UTC(year, i, 1)));
      const last = dayOfYear(new Date(Date.UTC(year, i + 1, 0)));
      const out: number[] = [];
      for (let day = first; day <= last; day++) if (days[day] === 1) out.push(day);
      return out;
    });
    t = { days, months };
    workingTables.set(year, t);
  }
  return t;
}

/** Mon–Fri and not a fixed national holiday; day may run a little past 31 December. */
export function isWorkingDay(year: number, day: number): boolean {
  const t = tableOf(year);
  return day >= 0 && day < t.days.length ? t.days[day] === 1 : computeWorkingDay(year, day);
}

/** Day indexes of the working days of a month (1–12). Shared array: do not mutate. */
export function workingDaysOfMonth(year: number, month: number): readonly number[] {
  return tableOf(year).months[month - 1]!;
}

const monthTables = new Map<number, Uint8Array>();

/** Month (1–12) of a day index within the year. */
export function monthOf(year: number, day: number): number {
  let t = monthTables.get(year);
  if (!t) {
    t = new Uint8Array(daysInYear(year));
    for (let d = 0; d < t.length; d++) t[d] = dateOf(year, d).getUTCMonth() + 1;
    monthTables.set(year, t);
  }
  return day >= 0 && day < t.length ? t[day]! : dateOf(year, day).getUTCMonth() + 1;
}

/** Today's date in Jakarta (UTC+7) as `yyyy-mm-dd`. */
export function jakartaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

let processToday: string | undefined;

/**
 * The simulator's "today": `OMSPAN_SIM_TODAY` (yyyy-mm-dd) when set, else Jakarta's date when this process
 * first asked. Read once per process so a test or benchmark that crosses midnight still sees one dataset.
 */
export function simulatorToday(): string {
  if (processToday === undefined) {
    const pinned = process.env.OMSPAN_SIM_TODAY;
    if (pinned && !/^\d{4}-\d{2}-\d{2}$/.test(pinned)) throw new RangeError(`OMSPAN_SIM_TODAY must be yyyy-mm-dd, got "${pinned}"`);
    processToday = pinned || jakartaToday();
  }
  return processToday;
}

/**
 * The data cut-off (MAXDATE) of a fiscal year, as a day index, or null when the year has no realisation yet.
 * Rule: a past year closes on its last working day; the current year runs to the last working day strictly
 * before today (OMSPAN shows yesterday's ledger); a future year has none.
 */
export function cutoffDay(year: number, today: string): number | null {
  const todayYear = Number(today.slice(0, 4));
  if (year > todayYear) return null;
  let day = year < todayYear ? daysInYear(year) - 1 : dayOfYear(new Date(`${today}T00:00:00Z`)) - 1;
  while (day >= 0 && !isWorkingDay(year, day)) day--;
  return day >= 0 ? day : null;
}
