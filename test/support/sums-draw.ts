/**
 * Random filters for the sums suites: each drawn as an intent (see `sums-reference.ts`) together with the
 * text a user would type for it — bare prefixes, `*` wildcards, lists, `-` exclusions, spaces, lower case,
 * numbers for codes. Draws come from `sums-prng.ts`; the order of draws is part of each seeded case.
 */
import { chance, int, pick, rnd } from "./sums-prng";
import { ALL, distinct, selMatches, type Item, type Pair, type Raw, type RefTable, type Sel } from "./sums-reference";

/** Sometimes a space around a token. */
const sp = () => (chance(0.15) ? " " : "");

/** A random row index the satker and akun selections keep (undefined when they keep none). */
export function anchorRow(t: RefTable, satker: Sel, akun: Sel): number | undefined {
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

/** A drawn filter: the argument as typed, the intent it stands for, and its shape (for coverage counts). */
export interface Drawn {
  readonly arg: unknown;
  readonly sel: Sel;
  readonly what: string;
}

/** A satker argument: blank, one code, a number, short digits, a list, a prefix, exclusions, or an absent code. */
export function drawSatker(codes: readonly string[]): Drawn {
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

/** An akun argument: blank, a prefix, a number, a list, exclusions, a prefix narrowed by exclusions, or absent. */
export function drawAkun(codes: readonly string[]): Drawn {
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
const REALISASI_PAIRS: readonly [word: string, column: string, width?: number][] = [
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
];

const PAIR_KEYS: Readonly<Record<"realisasi" | "dipa" | "dana", readonly [word: string, column: string, width?: number][]>> = {
  realisasi: REALISASI_PAIRS,
  // DIPA has Realisasi's segments but not its register and drawing method.
  dipa: REALISASI_PAIRS.filter(([word]) => word !== "register" && word !== "carik"),
  dana: [
    ["program", "PROGRAM", 7],
    ["output", "OUTPUT", 7],
    ["kewenangan", "KEWENANGAN", 1],
    ["lokasi", "LOKASI", 4],
    ["kppn", "KPPN", 3],
    ["dana", "DANA", undefined], // no fixed width: a bare value is always a prefix
  ],
};

/** Zero to three `word=values` pairs over the dataset's filter columns, joined by `;` or a line break. */
export function drawPairs(
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
