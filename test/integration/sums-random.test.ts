/**
 * The core's sums against an independent computation from the raw rows, for many random filters.
 *
 * One simulator (demo profile) serves two fiscal years (the current one, 2026, and a closed one, 2025),
 * chosen by the key. The core pulls Realisasi, DIPA and DataFA through a `Store` and `OmspanClient`
 * straight from the simulator's base URL; the test downloads the same rows with plain fetch + JSON.parse.
 *
 * The reference below shares no code with `src/omspan/query`: every random filter is drawn as an
 * *intent* (include / exclude lists of exact codes or prefixes, day range, column pairs), rendered to the
 * text a user would type (bare prefixes, `*` wildcards, lists, `-` exclusions, spaces, lower case,
 * numbers for codes), and the reference sums the raw rows matching the intent with BigInt, so the core's
 * Float64 sums are compared exactly (every partial sum is a whole number far below 2^53).
 *
 * Seeded PRNG (mulberry32): set SUMS_SEED to replay another sequence; a failure lists the arguments.
 */
import { FORMULAS } from "../../src/omspan/formulas";
import { OmspanClient } from "../../src/omspan/client";
import { Store, type Connection, type DatasetData } from "../../src/omspan/store";
import { sumDataset, type SumArgs } from "../../src/omspan/query/sums";
import type { DatasetId } from "../../src/omspan/routes";
import { startSimulator, type RunningSimulator } from "../../src/simulator";
import { rawRealisasi } from "../support/stack";

const SEED = Number(process.env.SUMS_SEED ?? 20260527);
const YEARS = [2026, 2025] as const;
/** Random cases per year: Realisasi (each checked through sumDataset and the REALISASI formula), DIPA, DataFA. */
const CASES = { realisasi: 260, dipa: 80, dana: 80 } as const;
const EXCEL_EPOCH = 25569; // Excel serial of 1970-01-01
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------------------------------------------
// PRNG

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
let rnd = mulberry32(SEED);
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1)); // inclusive
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const chance = (p: number) => rnd() < p;

// ---------------------------------------------------------------------------------------------------
// The reference: raw rows, a selection intent, plain string comparisons.

type Raw = Record<string, string>;

/** One wanted code: exactly this code, or every code starting with it. Codes are upper case, full width. */
interface Item {
  readonly code: string;
  readonly prefix: boolean;
}
/** Include nothing = everything (before exclusions). */
interface Sel {
  readonly include: readonly Item[];
  readonly exclude: readonly Item[];
}
const ALL: Sel = { include: [], exclude: [] };

function itemMatches(it: Item, value: string): boolean {
  return it.prefix ? value.startsWith(it.code) : value === it.code;
}
function selMatches(sel: Sel, value: string): boolean {
  const v = value.toUpperCase();
  if (sel.include.length > 0 && !sel.include.some((it) => itemMatches(it, v))) return false;
  return !sel.exclude.some((it) => itemMatches(it, v));
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
/** `27-NOV-26` → days since 1970-01-01 (UTC). */
function oracleDay(text: string): number {
  const [dd, mon, yy] = text.split("-");
  const m = MONTHS.indexOf(mon!);
  if (m < 0 || !dd || !yy) throw new Error(`unexpected date ${text}`);
  return Date.UTC(2000 + Number(yy), m, Number(dd)) / DAY_MS;
}
const monthOf = (day: number) => new Date(day * DAY_MS).getUTCMonth() + 1;

interface Pair {
  readonly column: string;
  readonly sel: Sel;
}
interface Intent {
  readonly satker: Sel;
  readonly akun: Sel;
  readonly pairs: readonly Pair[];
  readonly fromDay?: number;
  readonly toDay?: number;
  readonly fromMonth?: number;
  readonly toMonth?: number;
}

interface RefTable {
  readonly rows: readonly Raw[];
  readonly satkerColumn: string;
  /** Day number per row (Realisasi only). */
  readonly days?: readonly number[];
  /** Exact amounts per measure column. */
  readonly amounts: Readonly<Record<string, readonly bigint[]>>;
}

function refTable(rows: readonly Raw[], satkerColumn: string, measures: readonly string[], dateColumn?: string): RefTable {
  const amounts: Record<string, bigint[]> = {};
  for (const m of measures) {
    amounts[m] = rows.map((r) => {
      const t = r[m]!;
      if (!/^-?\d+$/.test(t)) throw new Error(`${m} is not whole rupiah: ${t}`);
      return BigInt(t);
    });
  }
  return { rows, satkerColumn, amounts, days: dateColumn ? rows.map((r) => oracleDay(r[dateColumn]!)) : undefined };
}

function refSum(t: RefTable, measure: string, q: Intent): bigint {
  const amounts = t.amounts[measure]!;
  let total = 0n;
  for (let i = 0; i < t.rows.length; i++) {
    const r = t.rows[i]!;
    if (!selMatches(q.satker, r[t.satkerColumn]!)) continue;
    if (!selMatches(q.akun, r.AKUN!)) continue;
    if (!q.pairs.every((p) => selMatches(p.sel, r[p.column]!))) continue;
    if (t.days) {
      const d = t.days[i]!;
      if (q.fromDay !== undefined && d < q.fromDay) continue;
      if (q.toDay !== undefined && d > q.toDay) continue;
      if (q.fromMonth !== undefined && monthOf(d) < q.fromMonth) continue;
      if (q.toMonth !== undefined && monthOf(d) > q.toMonth) continue;
    }
    total += amounts[i]!;
  }
  return total;
}

// ---------------------------------------------------------------------------------------------------
// Random intents and the text a user would type for them.

const distinct = (rows: readonly Raw[], column: string) => [...new Set(rows.map((r) => r[column]!))].sort();
const sp = () => (chance(0.15) ? " " : "");

/** A random row index the satker and akun selections keep (undefined when they keep none). */
function anchorRow(t: RefTable, satker: Sel, akun: Sel): number | undefined {
  const kept: number[] = [];
  t.rows.forEach((r, i) => {
    if (selMatches(satker, r[t.satkerColumn]!) && selMatches(akun, r.AKUN!)) kept.push(i);
  });
  return kept.length ? pick(kept) : undefined;
}

/** One item as typed: a prefix either bare (when shorter than a known width and bare means prefix) or with `*`. */
function token(it: Item, width: number | undefined, barePrefix: boolean, lower: boolean): string {
  let t = it.code;
  if (it.prefix) {
    const bareIsPrefix = barePrefix && (width === undefined || t.length < width);
    if (!(bareIsPrefix && chance(0.5))) t += "*";
  }
  return lower ? t.toLowerCase() : t;
}
function render(sel: Sel, width: number | undefined, barePrefix: boolean): string {
  const lower = chance(0.2);
  const parts = [
    ...sel.include.map((it) => token(it, width, barePrefix, lower)),
    ...sel.exclude.map((it) => `-${token(it, width, barePrefix, lower)}`),
  ];
  return parts.map((p) => sp() + p + sp()).join(",");
}

/**
 * An item drawn from existing codes: the full code (exact) or a prefix of 1..len-1 characters. With an
 * anchor (a value of a row the rest of the query selects) it is usually drawn from that, so that
 * combined filters still select something.
 */
function drawItem(values: readonly string[], prefixOnly = false, anchor?: string): Item {
  const v = (anchor !== undefined && chance(0.6) ? anchor : pick(values)).toUpperCase();
  if (v.length === 1 || (!prefixOnly && chance(0.4))) return { code: v, prefix: prefixOnly };
  return { code: v.slice(0, int(1, v.length - 1)), prefix: true };
}

interface Drawn {
  readonly arg: unknown;
  readonly sel: Sel;
  readonly what: string;
}

function drawSatker(codes: readonly string[]): Drawn {
  const r = rnd();
  if (r < 0.1) return { arg: pick(["", undefined, null, "*", " "]), sel: ALL, what: "all" };
  if (r < 0.35) {
    const c = pick(codes);
    return { arg: c, sel: { include: [{ code: c, prefix: false }], exclude: [] }, what: "single" };
  }
  if (r < 0.45) {
    // Typed into a General cell: a number, padded to 6 digits by the core.
    const c = chance(0.7) ? pick(codes) : String(int(1, 99_999)).padStart(6, "0");
    return { arg: Number(c), sel: { include: [{ code: c, prefix: false }], exclude: [] }, what: "number" };
  }
  if (r < 0.48) {
    // Digits typed as text but shorter than 6: also padded (the width is known).
    const n = String(int(1, 99_999));
    return { arg: n, sel: { include: [{ code: n.padStart(6, "0"), prefix: false }], exclude: [] }, what: "short-text" };
  }
  if (r < 0.7) {
    const n = int(2, 4);
    const items: Item[] = [];
    for (let i = 0; i < n; i++) items.push({ code: pick(codes), prefix: false });
    if (chance(0.35)) items.push(items[0]!); // the same satker twice: "600001,600002,600001"
    const sel = { include: items, exclude: [] };
    return { arg: render(sel, 6, false), sel, what: "list" };
  }
  if (r < 0.8) {
    const sel = { include: [drawItem(codes, true)], exclude: [] };
    return { arg: render(sel, 6, false), sel, what: "prefix*" };
  }
  if (r < 0.95) {
    const include = chance(0.5) ? [] : [drawItem(codes, true)];
    const exclude = Array.from({ length: int(1, 2) }, () => drawItem(codes));
    const sel = { include, exclude };
    return { arg: render(sel, 6, false), sel, what: "exclusion" };
  }
  return { arg: "999999", sel: { include: [{ code: "999999", prefix: false }], exclude: [] }, what: "absent" };
}

function drawAkun(codes: readonly string[]): Drawn {
  const r = rnd();
  const prefixItem = (): Item => {
    const c = pick(codes);
    const len = int(1, 6);
    return { code: c.slice(0, len), prefix: len < 6 };
  };
  if (r < 0.08) return { arg: pick(["", undefined, null, "*"]), sel: ALL, what: "all" };
  if (r < 0.35) {
    const sel = { include: [prefixItem()], exclude: [] };
    return { arg: render(sel, 6, true), sel, what: "prefix" };
  }
  if (r < 0.45) {
    // A number from a General cell: 52 stays the prefix "52"; 521211 is the account.
    const it = prefixItem();
    return { arg: Number(it.code), sel: { include: [it], exclude: [] }, what: "number" };
  }
  if (r < 0.6) {
    const include = Array.from({ length: int(2, 3) }, () => (chance(0.6) ? { code: pick(codes), prefix: false } : prefixItem()));
    const sel = { include, exclude: [] };
    return { arg: render(sel, 6, true), sel, what: "list" };
  }
  if (r < 0.72) {
    const sel = { include: [], exclude: Array.from({ length: int(1, 2) }, prefixItem) };
    return { arg: render(sel, 6, true), sel, what: "exclusion" };
  }
  if (r < 0.95) {
    // "5,-511*,-5212*": a broad include narrowed by exclusions inside it.
    const base = pick(codes);
    const inc = { code: base.slice(0, int(1, 2)), prefix: true };
    const exclude = Array.from({ length: int(1, 3) }, () => {
      const c = pick(codes.filter((x) => x.startsWith(inc.code)));
      const len = int(inc.code.length + 1, 6);
      return { code: c.slice(0, len), prefix: len < 6 };
    });
    const sel = { include: [inc], exclude };
    return { arg: render(sel, 6, true), sel, what: "mix" };
  }
  const code = pick(["59", "423219", "5999*", "4"]);
  const sel = { include: [{ code: code.replace("*", ""), prefix: code.length < 6 }], exclude: [] };
  return { arg: code, sel, what: "absent" };
}

/** Filter words and the wire columns they name, per dataset; width as the column model gives it. */
const PAIR_KEYS: Readonly<Record<"realisasi" | "dipa" | "dana", readonly [word: string, column: string, width?: number][]>> = {
  realisasi: [
    ["program", "PROGRAM", 7],
    ["kegiatan", "KEGIATAN", 4],
    ["output", "OUTPUT", 3],
    ["sumber", "SUMBER_DANA", 1],
    ["kewenangan", "KEWENANGAN", 1],
    ["lokasi", "LOKASI", 4],
    ["kppn", "KPPN", 3],
    ["eselon1", "BAES1", 5],
    ["register", "KDREGISTER", 8],
    ["carik", "CARA_TARIK", 1],
  ],
  dipa: [
    ["program", "PROGRAM", 7],
    ["kegiatan", "KEGIATAN", 4],
    ["output", "OUTPUT", 3],
    ["sumber", "SUMBER_DANA", 1],
    ["kewenangan", "KEWENANGAN", 1],
    ["lokasi", "LOKASI", 4],
    ["kppn", "KPPN", 3],
    ["eselon1", "BAES1", 5],
  ],
  dana: [
    ["program", "PROGRAM", 7],
    ["output", "OUTPUT", 7],
    ["kewenangan", "KEWENANGAN", 1],
    ["lokasi", "LOKASI", 4],
    ["kppn", "KPPN", 3],
    ["dana", "DANA", undefined], // no fixed width: a bare value is always a prefix
  ],
};

function drawPairs(
  ds: "realisasi" | "dipa" | "dana",
  rows: readonly Raw[],
  values: Map<string, string[]>,
  anchor?: Raw,
): { text?: string; pairs: Pair[] } {
  if (chance(0.45)) return { text: pick([undefined, ""]), pairs: [] };
  const keys = PAIR_KEYS[ds];
  const n = int(1, 3);
  const pairs: Pair[] = [];
  const texts: string[] = [];
  for (let i = 0; i < n; i++) {
    const [word, column, width] = pick(keys);
    let vals = values.get(column);
    if (!vals) values.set(column, (vals = distinct(rows, column)));
    // Without a width a bare code is a prefix, so every item of such a column is one.
    const prefixOnly = width === undefined;
    const r = rnd();
    let sel: Sel;
    const at = anchor?.[column];
    if (r < 0.35) sel = { include: [drawItem(vals, prefixOnly, at)], exclude: [] };
    else if (r < 0.6) sel = { include: Array.from({ length: int(2, 3) }, () => drawItem(vals!, prefixOnly, at)), exclude: [] };
    else if (r < 0.8) sel = { include: [], exclude: Array.from({ length: int(1, 2) }, () => drawItem(vals!, prefixOnly)) };
    else sel = { include: [drawItem(vals, true, at)], exclude: [drawItem(vals, prefixOnly)] };
    pairs.push({ column, sel });
    const w = chance(0.15) ? word.toUpperCase() : word;
    texts.push(`${sp()}${w}${sp()}=${render(sel, width, true)}`);
  }
  return { text: texts.join(chance(0.25) ? "\n" : ";"), pairs };
}

interface Period {
  readonly fromDay?: number;
  readonly toDay?: number;
  /** Excel arguments for dari / sampai (serials, ISO text or blank). */
  readonly dari: unknown;
  readonly sampai: unknown;
  readonly what: string;
}

const iso = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const dayOfUtc = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / DAY_MS;

/** A day range as an Excel user gives it: date cells (serials, sometimes with a time), or ISO text. */
function drawPeriod(year: number, dataDays: readonly number[], anchorDay?: number): Period {
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

// ---------------------------------------------------------------------------------------------------
// The stack: one simulator, two keys, one store; raw rows fetched independently.

interface YearData {
  readonly year: number;
  readonly conn: Connection;
  readonly raw: { realisasi: Raw[]; dipa: Raw[]; dana: Raw[] };
  readonly ref: { realisasi: RefTable; dipa: RefTable; dana: RefTable };
}

let sim: RunningSimulator;
const upstream: string[] = [];
const clients: OmspanClient[] = [];
const store = new Store((c) => {
  const client = new OmspanClient(c);
  clients.push(client);
  return client;
});
const years: YearData[] = [];

async function rawGet(baseUrl: string, key: string, route: string): Promise<Raw[]> {
  const res = await fetch(`${baseUrl}${route}`, { headers: { Authorization: `Bearer ${key}` } });
  const body = JSON.parse(await res.text()) as unknown;
  if (!Array.isArray(body)) throw new Error(`${route}: no rows (${res.status})`);
  return body as Raw[];
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0, host: "127.0.0.1", profile: "demo", log: (l) => upstream.push(l) });
  for (const year of YEARS) {
    const key = await sim.mintKey({ year });
    const realisasi = await rawRealisasi(sim.baseUrl, key);
    const dipa = await rawGet(sim.baseUrl, key, "DipaBelanjaKL/BELANJA");
    const dana = await rawGet(sim.baseUrl, key, "DataFA");
    years.push({
      year,
      conn: { baseUrl: sim.baseUrl, key },
      raw: { realisasi, dipa, dana },
      ref: {
        realisasi: refTable(realisasi, "KDSATKER", ["AMOUNT"], "TANGGAL"),
        dipa: refTable(dipa, "KDSATKER", ["AMOUNT"]),
        dana: refTable(dana, "SATKER", ["BALANCING_AMT", "DIPA"]),
      },
    });
  }
});
afterAll(async () => {
  await sim?.close();
});

const fmt = (v: unknown) => (v === undefined ? "undefined" : JSON.stringify(v));

/** Runs the core, compares with the reference, and records a readable line on any difference. */
function check(failures: string[], label: string, core: () => number, expected: bigint): void {
  let got: number | string;
  try {
    got = core();
  } catch (e) {
    got = `threw ${(e as Error).message}`;
  }
  if (typeof got !== "number" || !Number.isSafeInteger(got) || BigInt(got) !== expected) {
    failures.push(`${label}\n    core ${String(got)} ≠ reference ${expected}`);
  }
}

// ---------------------------------------------------------------------------------------------------

describe.each(YEARS)("fiscal year %i", (year) => {
  const y = () => years.find((d) => d.year === year)!;
  const get = (ds: DatasetId) => store.get(y().conn, ds);

  test("the pulled tables hold exactly the raw rows; amounts are whole rupiah within 2^53", async () => {
    const { raw } = y();
    const [realisasi, dipa, dana] = await Promise.all([get("realisasi"), get("dipa"), get("dana")]);
    expect(realisasi.table.rowCount).toBe(raw.realisasi.length);
    expect(new Set(raw.realisasi.map((r) => r.ROWNUM)).size).toBe(raw.realisasi.length);
    expect(dipa.table.rowCount).toBe(raw.dipa.length);
    expect(dana.table.rowCount).toBe(raw.dana.length);
    expect(raw.realisasi.length).toBeGreaterThan(10_000);
    // Every payment falls in the key's year, and the sum of absolute amounts stays exact in a double.
    expect(raw.realisasi.every((r) => r.TANGGAL!.endsWith(`-${String(year).slice(2)}`))).toBe(true);
    for (const [t, m] of [
      [y().ref.realisasi, "AMOUNT"],
      [y().ref.dipa, "AMOUNT"],
      [y().ref.dana, "BALANCING_AMT"],
      [y().ref.dana, "DIPA"],
    ] as const) {
      const abs = t.amounts[m]!.reduce((s, a) => s + (a < 0n ? -a : a), 0n);
      expect(abs < 2n ** 53n).toBe(true);
    }
    // Whole-dataset totals with nothing filtered.
    expect(sumDataset(realisasi, {})).toBe(Number(refSum(y().ref.realisasi, "AMOUNT", { satker: ALL, akun: ALL, pairs: [] })));
  });

  test(`REALISASI: ${CASES.realisasi} random filters, through sumDataset and the formula`, async () => {
    rnd = mulberry32(SEED ^ year ^ 0x5eed);
    const data = await get("realisasi");
    const { raw, ref } = y();
    const satkers = distinct(raw.realisasi, "KDSATKER");
    const akuns = distinct(raw.realisasi, "AKUN");
    const dataDays = [...new Set(ref.realisasi.days)];
    const values = new Map<string, string[]>();
    const failures: string[] = [];
    const kinds = new Map<string, number>();
    let nonZero = 0;
    for (let i = 0; i < CASES.realisasi; i++) {
      const s = drawSatker(satkers);
      const a = drawAkun(akuns);
      const at = anchorRow(ref.realisasi, s.sel, a.sel);
      const f = drawPairs("realisasi", raw.realisasi, values, at === undefined ? undefined : raw.realisasi[at]);
      const months = chance(0.12);
      const p = months ? undefined : drawPeriod(year, dataDays, at === undefined ? undefined : ref.realisasi.days![at]);
      const fromMonth = months ? (chance(0.8) ? int(1, 12) : undefined) : undefined;
      const toMonth = months && fromMonth !== undefined ? int(fromMonth, 12) : months ? int(1, 12) : undefined;
      const intent: Intent = { satker: s.sel, akun: a.sel, pairs: f.pairs, fromDay: p?.fromDay, toDay: p?.toDay, fromMonth, toMonth };
      const expected = refSum(ref.realisasi, "AMOUNT", intent);
      if (expected !== 0n) nonZero++;
      for (const k of [`satker ${s.what}`, `akun ${a.what}`, months ? "months" : `period ${p!.what}`, f.pairs.length ? "pairs" : "no pairs"]) {
        kinds.set(k, (kinds.get(k) ?? 0) + 1);
      }
      const args: SumArgs = { satker: s.arg, akun: a.arg, fromDay: p?.fromDay, toDay: p?.toDay, fromMonth, toMonth, filter: f.text };
      const label = `#${i} sumDataset(${fmt(args)})`;
      check(failures, label, () => sumDataset(data, args), expected);
      if (!months) {
        const fargs = [s.arg, a.arg, p!.dari, p!.sampai, f.text];
        check(failures, `#${i} REALISASI(${fargs.map(fmt).join("; ")})`, () => FORMULAS.REALISASI!.evaluate(data, fargs), expected);
        // Asked a second time (the result cache): the same answer.
        check(failures, `#${i} again REALISASI(${fargs.map(fmt).join("; ")})`, () => FORMULAS.REALISASI!.evaluate(data, fargs), expected);
      }
    }
    expect(failures.slice(0, 15)).toEqual([]);
    // The draw reaches every shape, and many answers are not trivially zero.
    for (const k of ["satker all", "satker single", "satker number", "satker list", "satker prefix*", "satker exclusion",
      "akun all", "akun prefix", "akun number", "akun list", "akun exclusion", "akun mix",
      "period single day", "period month-crossing", "period none", "period previous year", "months", "pairs"]) {
      if (!kinds.get(k)) failures.push(`no case drew "${k}"`);
    }
    expect(failures).toEqual([]);
    expect(nonZero).toBeGreaterThan(CASES.realisasi * 0.4);
  });

  test(`DIPA (pagu): ${CASES.dipa} random satker / akun / pair filters`, async () => {
    rnd = mulberry32(SEED ^ year ^ 0xd1ba);
    const data = await get("dipa");
    const { raw, ref } = y();
    const satkers = distinct(raw.dipa, "KDSATKER");
    const akuns = distinct(raw.dipa, "AKUN");
    const values = new Map<string, string[]>();
    const failures: string[] = [];
    let nonZero = 0;
    for (let i = 0; i < CASES.dipa; i++) {
      const s = drawSatker(satkers);
      const a = drawAkun(akuns);
      const at = anchorRow(ref.dipa, s.sel, a.sel);
      const f = drawPairs("dipa", raw.dipa, values, at === undefined ? undefined : raw.dipa[at]);
      const expected = refSum(ref.dipa, "AMOUNT", { satker: s.sel, akun: a.sel, pairs: f.pairs });
      if (expected !== 0n) nonZero++;
      const args: SumArgs = { satker: s.arg, akun: a.arg, filter: f.text };
      check(failures, `#${i} dipa sumDataset(${fmt(args)})`, () => sumDataset(data, args), expected);
    }
    expect(failures.slice(0, 15)).toEqual([]);
    expect(nonZero).toBeGreaterThan(CASES.dipa * 0.4);
  });

  test(`DataFA: ${CASES.dana} random filters, measures BALANCING_AMT and DIPA`, async () => {
    rnd = mulberry32(SEED ^ year ^ 0xda7a);
    const data = await get("dana");
    const { raw, ref } = y();
    const satkers = distinct(raw.dana, "SATKER");
    const akuns = distinct(raw.dana, "AKUN");
    const values = new Map<string, string[]>();
    const failures: string[] = [];
    for (let i = 0; i < CASES.dana; i++) {
      const s = drawSatker(satkers);
      const a = drawAkun(akuns);
      const at = anchorRow(ref.dana, s.sel, a.sel);
      const f = drawPairs("dana", raw.dana, values, at === undefined ? undefined : raw.dana[at]);
      const intent: Intent = { satker: s.sel, akun: a.sel, pairs: f.pairs };
      for (const measure of ["BALANCING_AMT", "DIPA"]) {
        const args: SumArgs = { satker: s.arg, akun: a.arg, filter: f.text, measure: measure === "BALANCING_AMT" && chance(0.5) ? undefined : measure };
        check(failures, `#${i} dana sumDataset(${fmt(args)})`, () => sumDataset(data, args), refSum(ref.dana, measure, intent));
      }
    }
    expect(failures.slice(0, 15)).toEqual([]);
    // DataFA's DIPA column is the DIPA dataset's pagu, line for line: the same totals per satker.
    const dipa = await get("dipa");
    for (const s of satkers.slice(0, 10)) {
      expect(sumDataset(data, { satker: s, measure: "DIPA" })).toBe(sumDataset(dipa, { satker: s }));
    }
    // DataFA has no dates and no sumber column.
    expect(() => sumDataset(data, { satker: satkers[0], fromDay: 1 })).toThrow(/no dates|tidak memiliki tanggal/);
    expect(() => sumDataset(data, { filter: "sumber=A" })).toThrow(/unknown filter "sumber"/);
  });
});

test("a start date after the end date is a wrong argument, not 0", async () => {
  const data = await store.get(years[0]!.conn, "realisasi");
  const d = dayOfUtc(2026, 3, 10);
  expect(() => FORMULAS.REALISASI!.evaluate(data, ["", "52", d + EXCEL_EPOCH, d - 1 + EXCEL_EPOCH])).toThrow(/after the end date/);
});

test("10,000 repeated lookups over random (satker, akun prefix) pairs send no further upstream request", async () => {
  rnd = mulberry32(SEED ^ 0x10000);
  // Every (dataset, year) has been pulled once by the tests above; pull them now if this test runs alone.
  for (const yd of years) for (const ds of ["realisasi", "dipa", "dana"] as const) await store.get(yd.conn, ds);
  const pullsBefore = store.pulls;
  const requestsBefore = clients.reduce((s, c) => s + c.requests, 0);
  const logBefore = upstream.length;
  expect(store.pulls).toBe(YEARS.length * 3);

  // Totals per (satker, akun) straight from the raw rows, to check every answer cheaply.
  const grouped = years.map((yd) =>
    (["realisasi", "dipa", "dana"] as const).map((ds) => {
      const t = yd.ref[ds];
      const measure = ds === "dana" ? "BALANCING_AMT" : "AMOUNT";
      const m = new Map<string, Map<string, bigint>>();
      t.rows.forEach((r, i) => {
        const bySatker = m.get(r[t.satkerColumn]!) ?? m.set(r[t.satkerColumn]!, new Map()).get(r[t.satkerColumn]!)!;
        bySatker.set(r.AKUN!, (bySatker.get(r.AKUN!) ?? 0n) + t.amounts[measure]![i]!);
      });
      return { satkers: [...m.keys()], akuns: distinct(t.rows, "AKUN"), m };
    }),
  );
  let wrong = 0;
  for (let i = 0; i < 10_000; i++) {
    const yi = int(0, years.length - 1);
    const di = int(0, 2);
    const ds = (["realisasi", "dipa", "dana"] as const)[di]!;
    const g = grouped[yi]![di]!;
    const satker = pick(g.satkers);
    const prefix = pick(g.akuns).slice(0, int(1, 6));
    const data: DatasetData = await store.get(years[yi]!.conn, ds);
    const got =
      ds === "realisasi" && chance(0.5)
        ? FORMULAS.REALISASI!.evaluate(data, [chance(0.5) ? Number(satker) : satker, prefix])
        : sumDataset(data, { satker, akun: prefix });
    let expected = 0n;
    for (const [akun, v] of g.m.get(satker)!) if (akun.startsWith(prefix)) expected += v;
    if (BigInt(got) !== expected) wrong++;
  }
  expect(wrong).toBe(0);
  expect(store.pulls).toBe(pullsBefore);
  expect(clients.reduce((s, c) => s + c.requests, 0)).toBe(requestsBefore);
  expect(upstream.length).toBe(logBefore);
});
