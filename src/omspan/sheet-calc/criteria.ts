/**
 * SUMIFS and COUNTIFS as Excel documents them, for the Rekonsiliasi report (SUMIFS over the ledger beside
 * OMSPAN's numbers). A criterion is a value or text with an operator (`">="&DATE(2026,3,1)`, `"<>"`,
 * `"5212*"`); as in Excel, text that reads as a plain number counts as that number on both sides — a code
 * `521211` matches the number and the text alike, `"060038"` the number 60038 — while other text compares
 * as text without case, `*` `?` as wildcards (`~` escapes them). Only numbers in the sum range are summed;
 * an error there stops the sum. Every range must have the same shape (#VALUE! otherwise).
 *
 * A range is read once per recalculation however many formulas read it (a summary of 400 lines over a
 * 50,000-row ledger reads each ledger column once): the cells a formula reads are final by then — the
 * recalculation computes them first — so the copy cannot go stale.
 */
import { isRange, scalarOf, type EvalContext, type Evaluator, type RangeValue } from "./context";
import { isSheetError, SheetError, unsupported } from "./errors";
import type { Node } from "./parse";
import type { Scalar } from "./values";

type Test = (v: Scalar) => boolean;

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Text that reads as a plain number (what the criteria functions compare as a number). */
const asNumber = (v: Scalar): number | undefined =>
  typeof v === "number" ? v : typeof v === "string" && NUMBER.test(v.trim()) ? Number(v.trim()) : undefined;

function wildcard(pattern: string): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "~" && i + 1 < pattern.length) re += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    else if (ch === "*") re += "[\\s\\S]*";
    else if (ch === "?") re += "[\\s\\S]";
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`, "i");
}

/** A criterion as a test of one cell. */
export function criterion(c: Scalar): Test {
  if (isSheetError(c)) return () => false;
  if (typeof c === "number") return (v) => asNumber(v) === c;
  if (typeof c === "boolean") return (v) => v === c;
  const text = c ?? "";
  const m = /^(<=|>=|<>|=|<|>)?([\s\S]*)$/.exec(text)!;
  const op = m[1] ?? "=";
  const operand = m[2]!;
  if (operand === "") return op === "<>" ? (v) => v !== null && v !== "" : op === "=" ? (v) => v === null || v === "" : () => false;
  const n = asNumber(operand);
  if (n !== undefined) {
    const cmp = { "=": (x: number) => x === n, "<>": (x: number) => x !== n, "<": (x: number) => x < n, ">": (x: number) => x > n, "<=": (x: number) => x <= n, ">=": (x: number) => x >= n }[op]!;
    return op === "<>" ? (v) => (asNumber(v) === undefined ? true : cmp(asNumber(v)!)) : (v) => (asNumber(v) === undefined ? false : cmp(asNumber(v)!));
  }
  const upper = operand.toUpperCase();
  if (upper === "TRUE" || upper === "FALSE") {
    const b = upper === "TRUE";
    return op === "<>" ? (v) => v !== b : op === "=" ? (v) => v === b : () => false;
  }
  if (op === "=" || op === "<>") {
    const re = /[*?~]/.test(operand) ? wildcard(operand) : undefined;
    const low = operand.toLowerCase();
    const eq = (v: Scalar) => typeof v === "string" && (re ? re.test(v) : v.toLowerCase() === low);
    return op === "=" ? eq : (v) => !eq(v);
  }
  const low = operand.toLowerCase();
  return (v) => {
    if (typeof v !== "string" || asNumber(v) !== undefined) return false;
    const x = v.toLowerCase();
    return op === "<" ? x < low : op === ">" ? x > low : op === "<=" ? x <= low : x >= low;
  };
}

/** A range's cells, row by row, read once per recalculation (keyed by the context's value reader). */
const readRanges = new WeakMap<EvalContext["value"], Map<string, Scalar[]>>();
function cellsOf(r: RangeValue, ctx: EvalContext): Scalar[] {
  let cache = readRanges.get(ctx.value);
  if (!cache) readRanges.set(ctx.value, (cache = new Map()));
  const key = `${r.sheet}!${r.area.top},${r.area.left},${r.area.bottom},${r.area.right}`;
  let cells = cache.get(key);
  if (!cells) {
    cells = [];
    for (let row = r.area.top; row <= r.area.bottom; row++) for (let col = r.area.left; col <= r.area.right; col++) cells.push(ctx.value(r.sheet, row, col));
    cache.set(key, cells);
  }
  return cells;
}

const sameShape = (a: RangeValue, b: RangeValue) => a.area.bottom - a.area.top === b.area.bottom - b.area.top && a.area.right - a.area.left === b.area.right - b.area.left;

/** The cells of the first range where every (range, criterion) pair holds; #VALUE! for shapes that differ. */
function selected(name: string, pairs: readonly (Node | undefined)[], ev: Evaluator, ctx: EvalContext, first: RangeValue | undefined): { shape: RangeValue; hit: Uint8Array } | SheetError {
  if (pairs.length < 2 || pairs.length % 2) throw unsupported(`${name} with ${pairs.length} criteria arguments`, `${name} dengan ${pairs.length} argumen kriteria`);
  let shape = first;
  let hit: Uint8Array | undefined;
  for (let i = 0; i < pairs.length; i += 2) {
    const range = ev(pairs[i]);
    if (!isRange(range)) return new SheetError("#VALUE!");
    shape ??= range;
    if (!sameShape(shape, range)) return new SheetError("#VALUE!");
    const test = criterion(scalarOf(ev(pairs[i + 1]), ctx));
    const cells = cellsOf(range, ctx);
    hit ??= new Uint8Array(cells.length).fill(1);
    for (let k = 0; k < cells.length; k++) if (hit[k] && !test(cells[k]!)) hit[k] = 0;
  }
  return { shape: shape!, hit: hit! };
}

type Fn = (args: readonly (Node | undefined)[], ev: Evaluator, ctx: EvalContext) => Scalar;

export const SUMIFS: Fn = (args, ev, ctx) => {
  const sumRange = ev(args[0]);
  if (!isRange(sumRange)) return new SheetError("#VALUE!");
  const s = selected("SUMIFS", args.slice(1), ev, ctx, sumRange);
  if (isSheetError(s)) return s;
  const values = cellsOf(sumRange, ctx);
  let total = 0;
  for (let k = 0; k < values.length; k++) {
    if (!s.hit[k]) continue;
    const v = values[k]!;
    if (isSheetError(v)) return v;
    if (typeof v === "number") total += v;
  }
  return total;
};

export const COUNTIFS: Fn = (args, ev, ctx) => {
  const s = selected("COUNTIFS", args, ev, ctx, undefined);
  if (isSheetError(s)) return s;
  let n = 0;
  for (let k = 0; k < s.hit.length; k++) n += s.hit[k]!;
  return n;
};
