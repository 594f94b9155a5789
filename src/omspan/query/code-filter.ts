/**
 * The one filter grammar for codes, shared by every function, the CLI and the pane:
 *   "52"             prefix (akun) — all goods & services
 *   "5241*"          explicit prefix
 *   "521211,521213"  list
 *   "-511*"          exclusion (with or without includes: "5,-511*")
 *   "" or "*"        everything
 * Codes typed as numbers (52 from a General cell) are normalised by the column's known width, never by
 * guessing: a satker 60038 is "060038"; an akun 52 stays the prefix "52".
 */
import { InvalidArgumentError } from "../errors";

export interface CodeFilter {
  /** Empty = everything (before exclusions). */
  readonly include: readonly Pattern[];
  readonly exclude: readonly Pattern[];
}

interface Pattern {
  readonly code: string;
  readonly prefix: boolean;
}

export interface CodeRule {
  /** Argument name for messages (`akun`, `satker`, `program`…). */
  readonly argument: string;
  /** Known width of a full code, if any. */
  readonly width?: number;
  /** A bare code shorter than the width is a prefix (akun) rather than exact (satker). */
  readonly barePrefix: boolean;
  /** Pad digit-only codes shorter than the width with leading zeros (satker typed as a number). */
  readonly padDigits: boolean;
  /** Codes are digits only (satker, akun): letters are a typing mistake, not a code. */
  readonly digitsOnly?: boolean;
}

const TOKEN = /^[0-9A-Za-z]+$/;

/**
 * A formula argument (text or number) as code text; numbers must be whole and non-negative. 0 is blank:
 * it is how Excel for Windows hands over an empty referenced cell (see formula-args.ts), and no code is 0.
 */
export function codeArgText(value: unknown, argument: string): string {
  if (value === null || value === undefined || value === 0) return "";
  if (typeof value === "number") {
    if (!Number.isInteger(value) || value < 0) {
      throw new InvalidArgumentError(
        argument,
        { en: "a code must be a whole number or text", id: "kode harus bilangan bulat atau teks" },
        String(value),
      );
    }
    return String(value);
  }
  if (typeof value === "string") return value.trim();
  if (typeof value === "boolean") {
    throw new InvalidArgumentError(argument, { en: "a code cannot be TRUE/FALSE", id: "kode tidak boleh TRUE/FALSE" });
  }
  throw new InvalidArgumentError(argument, { en: "unreadable value", id: "nilai tidak terbaca" }, String(value));
}

const parsed = new WeakMap<CodeRule, Map<string, CodeFilter>>();
const PARSED_LIMIT = 50_000;

/**
 * Parses a filter text under a rule. The same text under the same rule gives the same (frozen) filter:
 * indexes cache what a filter selects by its identity, so 10,000 cells naming 500 satkers resolve 500.
 */
export function parseCodeFilter(text: string, rule: CodeRule): CodeFilter {
  let known = parsed.get(rule);
  if (!known) parsed.set(rule, (known = new Map()));
  let f = known.get(text);
  if (!f) {
    f = parse(text, rule);
    if (known.size >= PARSED_LIMIT) known.clear();
    known.set(text, f);
  }
  return f;
}

function parse(text: string, rule: CodeRule): CodeFilter {
  const include: Pattern[] = [];
  const exclude: Pattern[] = [];
  const trimmed = text.trim();
  if (trimmed === "" || trimmed === "*") return Object.freeze({ include, exclude });
  for (const raw of trimmed.split(",")) {
    let t = raw.trim();
    if (t === "") continue;
    const negative = t.startsWith("-");
    if (negative) t = t.slice(1).trim();
    const star = t.endsWith("*");
    if (star) t = t.slice(0, -1);
    if (!TOKEN.test(t)) {
      throw new InvalidArgumentError(
        rule.argument,
        {
          en: `"${raw.trim()}" is not a code (use digits/letters, "52", "5241*", "521211,521213", "-511*")`,
          id: `"${raw.trim()}" bukan kode (gunakan angka/huruf, "52", "5241*", "521211,521213", "-511*")`,
        },
        raw,
      );
    }
    if (rule.digitsOnly && !/^\d+$/.test(t)) {
      throw new InvalidArgumentError(
        rule.argument,
        { en: `"${t}" is not a ${rule.argument} code: digits only`, id: `"${t}" bukan kode ${rule.argument}: hanya angka` },
        t,
      );
    }
    if (rule.width !== undefined && t.length > rule.width) {
      throw new InvalidArgumentError(
        rule.argument,
        {
          en: `"${t}" is longer than ${rule.width} characters`,
          id: `"${t}" lebih dari ${rule.width} karakter`,
        },
        t,
      );
    }
    if (!star && rule.padDigits && rule.width !== undefined && /^\d+$/.test(t)) t = t.padStart(rule.width, "0");
    const full = rule.width !== undefined && t.length === rule.width;
    const p: Pattern = Object.freeze({ code: t.toUpperCase(), prefix: star || (rule.barePrefix && !full) });
    (negative ? exclude : include).push(p);
  }
  return Object.freeze({ include: Object.freeze(include), exclude: Object.freeze(exclude) });
}

function matches(p: Pattern, code: string): boolean {
  return p.prefix ? code.startsWith(p.code) : code === p.code;
}

/** True when the filter selects everything. */
export function isAll(f: CodeFilter): boolean {
  return f.include.length === 0 && f.exclude.length === 0;
}

/** Whether one code passes the filter. */
export function codeMatches(f: CodeFilter, code: string): boolean {
  const c = code.toUpperCase();
  if (f.include.length > 0 && !f.include.some((p) => matches(p, c))) return false;
  return !f.exclude.some((p) => matches(p, c));
}

/** The filter applied to a column's dictionary once: mask[id] = 1 when the code passes. */
export function maskDictionary(f: CodeFilter, dict: readonly string[]): Uint8Array {
  const mask = new Uint8Array(dict.length);
  for (let i = 0; i < dict.length; i++) mask[i] = codeMatches(f, dict[i]!) ? 1 : 0;
  return mask;
}

/** Rules for the two codes every function speaks. */
export const SATKER_RULE: CodeRule = { argument: "satker", width: 6, barePrefix: false, padDigits: true, digitsOnly: true };
export const AKUN_RULE: CodeRule = { argument: "akun", width: 6, barePrefix: true, padDigits: false, digitsOnly: true };
