/**
 * Conversions at the edge, from OMSPAN's strings to values: amounts and percents to numbers, Oracle's
 * `DD-MON-YY` to day numbers (days since 1970-01-01, UTC, so no time zone ever shifts a date).
 * Each returns NaN for a malformed value; the caller names dataset, row and field in the error.
 */

const MONTHS: Readonly<Record<string, number>> = {
  JAN: 0, FEB: 1, MAR: 2, APR: 3, MAY: 4, JUN: 5, JUL: 6, AUG: 7, SEP: 8, OCT: 9, NOV: 10, DEC: 11,
  // Indonesian abbreviations, in case a locale-dependent export ever appears.
  MEI: 4, AGU: 7, AGT: 7, OKT: 9, DES: 11,
};

const MS_PER_DAY = 86_400_000;
const ORACLE_DATE = /^(\d{1,2})-([A-Za-z]{3})-(\d{2}|\d{4})$/;
/** ISO `2019-02-04`, optionally with a time of day (which is ignored); nothing else after it. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** `04-FEB-19` → day number; also accepts a 4-digit year and ISO `2019-02-04`. NaN when malformed. */
export function parseOmspanDate(text: string): number {
  let y: number, m: number, d: number;
  const o = ORACLE_DATE.exec(text);
  if (o) {
    const mon = MONTHS[o[2]!.toUpperCase()];
    if (mon === undefined) return Number.NaN;
    d = Number(o[1]);
    m = mon;
    y = o[3]!.length === 2 ? 2000 + Number(o[3]) : Number(o[3]);
  } else {
    const i = ISO_DATE.exec(text);
    if (!i) return Number.NaN;
    y = Number(i[1]);
    m = Number(i[2]) - 1;
    d = Number(i[3]);
  }
  const ms = Date.UTC(y, m, d);
  // Reject 31-FEB and friends rather than rolling over into March.
  const back = new Date(ms);
  if (back.getUTCDate() !== d || back.getUTCMonth() !== m) return Number.NaN;
  return ms / MS_PER_DAY;
}

const NUMBER_TEXT = /^-?\d+(?:\.\d+)?$/;

/**
 * OMSPAN's number text — whole rupiah, a percent like "99.99", a weight — sign allowed; NaN for anything
 * else. Stricter than `Number()`, which would read " " as 0, "0x10" as 16 and "Infinity" as a number.
 */
export function parseNumber(text: string): number {
  return NUMBER_TEXT.test(text) ? +text : Number.NaN;
}

/** Day number → JS Date at UTC midnight. */
export function dayToDate(day: number): Date {
  return new Date(day * MS_PER_DAY);
}

/** JS Date → day number (its UTC calendar day). */
export function dateToDay(d: Date): number {
  return Math.floor(d.getTime() / MS_PER_DAY);
}

/** Excel's date serial (1900 system) → day number. Serial 25569 is 1970-01-01. */
export function excelSerialToDay(serial: number): number {
  return Math.floor(serial) - 25569;
}

/** Day number → Excel's date serial (1900 system). */
export function dayToExcelSerial(day: number): number {
  return day + 25569;
}

/** A moment → Excel date-time serial in the runtime's local time (Excel date-times carry no zone). */
export function dateToExcelDateTime(d: Date): number {
  return (d.getTime() - d.getTimezoneOffset() * 60_000) / MS_PER_DAY + 25569;
}

/** `yyyy-mm-dd` for a day number (CSV, logs). */
export function formatDay(day: number): string {
  return dayToDate(day).toISOString().slice(0, 10);
}

/** Month 1–12 of a day number. */
export function monthOfDay(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCMonth() + 1;
}
