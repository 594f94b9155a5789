/**
 * Reading formula arguments as Excel hands them over. The rules, and why:
 * - An omitted optional argument arrives as null or undefined.
 * - An empty *referenced* cell arrives as 0 on Excel for Windows and as null on Excel on the web
 *   (office-js issue 4702). No satker, akun, month or date is 0, so 0 counts as blank for code, filter,
 *   month and date arguments: `REALISASI(A1; "52")` with A1 empty is the total on every platform.
 * - On Microsoft 365 a cell holding a data type (an entity, linked data, a formatted number) arrives as
 *   an object, because the generated metadata allows custom data for `any` parameters. Its `basicValue`
 *   is what the cell shows: that is the argument.
 * - Dates arrive as serial numbers.
 */
import { InvalidArgumentError } from "./errors";
import { dateToDay, excelSerialToDay } from "./convert";

/**
 * The plain value of an argument: a data-type object becomes what its cell shows — the `basicValue` of a
 * formatted number or string, the `text` of an entity or linked data type (whose `basicValue` is the
 * error "#VALUE!", `basicType` "Error"). Anything else is returned as it is; arrays (ranges) are left to
 * the grid layer.
 */
export function plainArg(v: unknown): unknown {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
  const o = v as { basicValue?: unknown; basicType?: unknown; text?: unknown };
  if (o.basicType === "Error" && typeof o.text === "string") return o.text;
  if ("basicValue" in o) return plainArg(o.basicValue);
  if (typeof o.text === "string") return o.text;
  return v;
}

/** True for an omitted or empty argument (null, undefined, "", or the 0 of an empty cell on Windows). */
export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || v === "" || v === 0;
}

/**
 * An Excel date (serial number) or ISO text `yyyy-mm-dd` → day number; undefined when blank. Serial 0
 * is what an empty cell can arrive as, and is never a real date (1900-01-00): it counts as blank.
 */
export function dayArg(v: unknown, argument: string): number | undefined {
  if (typeof v === "string" && v.trim() === "") return undefined;
  if (isBlank(v)) return undefined;
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

/** Optional text argument (a `filter`, a column list); blank (0 included) is undefined. */
export function textArg(v: unknown, argument: string): string | undefined {
  if (isBlank(v)) return undefined;
  if (typeof v === "string") return v.trim() === "" ? undefined : v;
  throw new InvalidArgumentError(argument, { en: "expected text", id: "harus teks" }, String(v));
}

/** A month 1–12 (a number, or its digits as text); undefined when blank. */
export function monthArg(v: unknown, argument: string): number | undefined {
  if (isBlank(v) || (typeof v === "string" && v.trim() === "")) return undefined;
  const n = typeof v === "number" ? v : typeof v === "string" && /^\s*\d{1,2}\s*$/.test(v) ? Number(v) : Number.NaN;
  if (Number.isInteger(n) && n >= 1 && n <= 12) return n;
  throw new InvalidArgumentError(argument, { en: "a month is 1 to 12", id: "bulan harus 1 sampai 12" }, String(v));
}

/** TRUE/FALSE (or 1/0, "ya"/"tidak", "true"/"false"); blank is false. */
export function flagArg(v: unknown, argument: string): boolean {
  if (isBlank(v) || v === false) return false;
  if (v === true || v === 1) return true;
  if (typeof v === "string") {
    const t = v.trim().toLowerCase();
    if (["true", "ya", "benar", "1"].includes(t)) return true;
    if (["false", "tidak", "salah", "0", ""].includes(t)) return false;
  }
  throw new InvalidArgumentError(argument, { en: "expected TRUE or FALSE", id: "harus TRUE atau FALSE" }, String(v));
}

/** One word out of a fixed set (case-insensitive), through its aliases; undefined when blank. */
export function choiceArg<T extends string>(v: unknown, argument: string, choices: Readonly<Record<string, T>>): T | undefined {
  if (isBlank(v) || (typeof v === "string" && v.trim() === "")) return undefined;
  const hit = typeof v === "string" ? choices[v.trim().toLowerCase()] : undefined;
  if (hit !== undefined) return hit;
  const words = [...new Set(Object.keys(choices))].join(", ");
  throw new InvalidArgumentError(argument, { en: `use one of: ${words}`, id: `gunakan salah satu: ${words}` }, String(v));
}
