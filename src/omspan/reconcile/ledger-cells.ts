/**
 * One ledger cell read as the thing its column holds — a code, a date, an amount — as it arrives from a
 * sheet (office.js values: numbers, text, booleans; an empty cell ""), an .xlsx file or a CSV line (text).
 * Each reader answers the value or a reason in both languages; the row reader names the row with it, so a
 * bad row is never silently dropped.
 *
 * - Codes go through the one grammar (query/code-filter.ts): a satker typed as a number keeps its zeros
 *   by its known width, and a ledger row must name one full code (an akun prefix like "52" is a summary
 *   line, not a transaction).
 * - Dates: an Excel serial, or text `dd/mm/yyyy` (also `d/m/yy`, `-` or `.` between), `yyyy-mm-dd`, or
 *   OMSPAN's own `04-FEB-26`. Day before month always: that is how Indonesian ledgers write them.
 * - Amounts: a number, or text in the Indonesian format `1.234.567,00` (also `Rp`, `(1.234)` and a trailing
 *   `-` for negatives, and the English `1,234,567.00` when both separators show which is which). A lone
 *   comma before exactly three digits (`1,234`) reads one way in Indonesian and another in English: refused.
 */
import type { Label } from "../datasets/columns";
import { codeArgText, parseCodeFilter, type CodeRule } from "../query/code-filter";
import { excelSerialToDay, parseOmspanDate } from "../convert";

export type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly why: Label };

const bad = (en: string, id: string): Read<never> => ({ ok: false, why: { en, id } });
const ok = <T>(value: T): Read<T> => ({ ok: true, value });

/** A cell as the text a message quotes (at most 40 characters). */
export function shown(v: unknown): string {
  const s = typeof v === "string" ? v : String(v);
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}

export const isEmptyCell = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");

/** One full code of the rule's width (a satker, an akun), through the grammar. */
export function readCode(v: unknown, rule: CodeRule, what: Label): Read<string> {
  if (isEmptyCell(v)) return bad(`${what.en} is empty`, `${what.id} kosong`);
  try {
    const f = parseCodeFilter(codeArgText(v, rule.argument), rule);
    const one = f.include.length === 1 && f.exclude.length === 0 ? f.include[0]! : undefined;
    if (one && !one.prefix && (rule.width === undefined || one.code.length === rule.width)) return ok(one.code);
  } catch {
    // Fall through to the row's own message: the grammar's speaks of formula arguments.
  }
  const width = rule.width ? `${rule.width}-digit ` : "";
  return bad(`${what.en} "${shown(v)}" is not one ${width}code`, `${what.id} "${shown(v)}" bukan satu kode ${rule.width ? `${rule.width} digit` : ""}`.trimEnd());
}

const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?)?$/;
const MS_PER_DAY = 86_400_000;

function calendarDay(y: number, m: number, d: number): number | undefined {
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  return back.getUTCFullYear() === y && back.getUTCMonth() === m - 1 && back.getUTCDate() === d ? ms / MS_PER_DAY : undefined;
}

/**
 * A date as a day number (days since 1970-01-01). `date1904`: the workbook counts serials from 1904
 * (old Mac workbooks), 1,462 days later than the 1900 system.
 */
export function readDate(v: unknown, date1904 = false): Read<number> {
  const what = { en: "the date", id: "tanggal" };
  if (isEmptyCell(v)) return bad("the date is empty", "tanggal kosong");
  if (typeof v === "number") {
    // 1 = 1900-01-01; 2958465 = 9999-12-31. A serial with a time of day is that day.
    if (Number.isFinite(v) && v >= 1 && v < 2958466) return ok(excelSerialToDay(v + (date1904 ? 1462 : 0)));
    return bad(`the date ${shown(v)} is not an Excel date`, `tanggal ${shown(v)} bukan tanggal Excel`);
  }
  if (typeof v === "string") {
    const t = v.trim();
    const dmy = DMY.exec(t);
    const iso = dmy ? undefined : ISO.exec(t);
    let day: number | undefined;
    if (dmy) day = calendarDay(dmy[3]!.length === 2 ? 2000 + Number(dmy[3]) : Number(dmy[3]), Number(dmy[2]), Number(dmy[1]));
    else if (iso) day = calendarDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    else {
      const oracle = parseOmspanDate(t);
      if (!Number.isNaN(oracle)) day = oracle;
    }
    if (day !== undefined) return ok(day);
  }
  return bad(
    `${what.en} "${shown(v)}" is not a date (dd/mm/yyyy, yyyy-mm-dd or an Excel date)`,
    `${what.id} "${shown(v)}" bukan tanggal (dd/mm/yyyy, yyyy-mm-dd atau tanggal Excel)`,
  );
}

const GROUPED = (sep: string) => new RegExp(`^\\d{1,3}(?:\\${sep}\\d{3})+$`);
const DOT_GROUPS = GROUPED(".");
const COMMA_GROUPS = GROUPED(",");

/** Digits with separators → a number (NaN when the text is not one), per the rules in the header. */
function amountText(text: string): number | "ambiguous" {
  let t = text.replace(/\s+/g, "").replace(/^Rp\.?/i, "");
  let negative = false;
  if (/^\(.*\)$/.test(t)) [t, negative] = [t.slice(1, -1), true];
  if (t.endsWith("-")) [t, negative] = [t.slice(0, -1), !negative];
  if (t.startsWith("-")) [t, negative] = [t.slice(1), !negative];
  t = t.replace(/^Rp\.?/i, "");
  const m = /^([\d.,]+)$/.exec(t);
  if (!m) return Number.NaN;
  const lastDot = t.lastIndexOf(".");
  const lastComma = t.lastIndexOf(",");
  let whole: string;
  let fraction = "";
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastComma > lastDot ? "," : ".";
    const group = decimal === "," ? "." : ",";
    const at = t.lastIndexOf(decimal);
    [whole, fraction] = [t.slice(0, at), t.slice(at + 1)];
    if (!(group === "." ? DOT_GROUPS : COMMA_GROUPS).test(whole) && !/^\d+$/.test(whole)) return Number.NaN;
    whole = whole.split(group).join("");
  } else if (lastComma >= 0) {
    const parts = t.split(",");
    if (parts.length === 2) {
      // 1234,5 and 1234567,00: the Indonesian decimal comma. 1,234 could be either.
      if (parts[1]!.length === 3 && parts[0]!.length <= 3) return "ambiguous";
      [whole, fraction] = [parts[0]!, parts[1]!];
    } else if (COMMA_GROUPS.test(t)) whole = parts.join("");
    else return Number.NaN;
  } else if (lastDot >= 0) {
    const parts = t.split(".");
    // 1.234.567 and 1.234: Indonesian thousands. 1234.50: a decimal point, as machines write it.
    if (DOT_GROUPS.test(t)) whole = parts.join("");
    else if (parts.length === 2) [whole, fraction] = [parts[0]!, parts[1]!];
    else return Number.NaN;
  } else whole = t;
  if (!/^\d+$/.test(whole) || !/^\d*$/.test(fraction)) return Number.NaN;
  const n = Number(fraction ? `${whole}.${fraction}` : whole);
  return negative ? -n : n;
}

/** An amount in rupiah. */
export function readAmount(v: unknown): Read<number> {
  if (isEmptyCell(v)) return bad("the amount is empty", "jumlah kosong");
  if (typeof v === "number") return Number.isFinite(v) ? ok(v) : bad(`the amount ${shown(v)} is not a number`, `jumlah ${shown(v)} bukan angka`);
  if (typeof v === "string") {
    const n = amountText(v.trim());
    if (n === "ambiguous") {
      return bad(
        `the amount "${shown(v)}" is ambiguous: write 1.234 (thousands) or 1,5 (a decimal comma)`,
        `jumlah "${shown(v)}" bermakna ganda: tulis 1.234 (ribuan) atau 1,5 (koma desimal)`,
      );
    }
    if (Number.isFinite(n)) return ok(n);
  }
  return bad(`the amount "${shown(v)}" is not a number (e.g. 1.234.567,00)`, `jumlah "${shown(v)}" bukan angka (mis. 1.234.567,00)`);
}

/** A reference (document number) as text: numbers as Excel shows them, whole. */
export function readReference(v: unknown): string {
  if (isEmptyCell(v)) return "";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(15)));
  return String(v).trim();
}
