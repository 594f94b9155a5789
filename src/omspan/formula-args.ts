/**
 * Reading formula arguments as Excel hands them over: omitted optional arguments arrive as null or
 * undefined, empty cells as "" or 0, dates as serial numbers.
 */
import { InvalidArgumentError } from "./errors";
import { dateToDay, excelSerialToDay } from "./convert";

/** True for an omitted or empty argument. */
export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || v === "";
}

/**
 * An Excel date (serial number) or ISO text `yyyy-mm-dd` → day number; undefined when blank. Serial 0
 * is what an empty cell can arrive as, and is never a real date (1900-01-00): it counts as blank.
 */
export function dayArg(v: unknown, argument: string): number | undefined {
  if (isBlank(v) || v === 0) return undefined;
  if (typeof v === "number" && Number.isFinite(v) && v >= 1 && v < 2958466) return excelSerialToDay(v);
  if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v.trim())) {
    const d = new Date(`${v.trim()}T00:00:00Z`);
    if (!Number.isNaN(d.getTime())) return dateToDay(d);
  }
  throw new InvalidArgumentError(
    argument,
    { en: "expected a date (a date cell, DATE(…) or \"yyyy-mm-dd\")", id: "harus tanggal (sel tanggal, DATE(…) atau \"yyyy-mm-dd\")" },
    String(v),
  );
}

/** Optional text argument. */
export function textArg(v: unknown, argument: string): string | undefined {
  if (isBlank(v)) return undefined;
  if (typeof v === "string") return v;
  throw new InvalidArgumentError(argument, { en: "expected text", id: "harus teks" }, String(v));
}

/**
 * A key for an argument list as Excel hands it over, distinct for distinct lists (type included): lets a
 * formula evaluated again find its prepared answer without converting anything.
 */
export function argsKey(args: readonly unknown[]): string {
  let key = "";
  for (const v of args) {
    key += typeof v === "number" ? `\u0001n${v}` : v === undefined || v === null ? "\u0001" : `\u0001s${String(v)}`;
  }
  return key;
}
