/**
 * The fixed list of ordinary Excel functions the evaluator computes: what the report templates write
 * (SUM, SUBTOTAL(9,…), IF, ISNUMBER, AND, RANK.EQ, SUMIFS in criteria.ts) and a few of the same family finance staff put beside
 * them (IFERROR, MIN, MAX, ROUND…), each as Excel documents it. Anything else is an
 * UnsupportedFormulaError: listed, never guessed.
 *
 * SUBTOTAL(9, …) skips cells that themselves hold SUBTOTAL, so a grand total over rows with group
 * subtotals counts each line once (HyperFormula counted them twice: the reason this evaluator exists).
 * It does not know which rows a filter hides: SUBTOTAL over a filtered range is listed, never summed.
 */
import { isRange, rangeRows, scalarOf, type EvalContext, type Evaluator, type Value } from "./context";
import { COUNTIFS, SUMIFS } from "./criteria";
import { isSheetError, SheetError, unsupported } from "./errors";
import type { Node } from "./parse";
import { toBool, toNumber, type Scalar } from "./values";

type Fn = (args: readonly (Node | undefined)[], ev: Evaluator, ctx: EvalContext) => Value;

const VALUE = () => new SheetError("#VALUE!");

/**
 * The numbers of SUM-like arguments: in a range only numbers count (text, logicals and blanks are
 * skipped, an error stops); a value given directly counts as a number if it reads as one.
 */
function numbers(args: readonly (Node | undefined)[], ev: Evaluator, ctx: EvalContext, skipSubtotals = false): number[] | SheetError {
  const out: number[] = [];
  for (const a of args) {
    const v = ev(a);
    if (v === undefined) continue;
    if (isRange(v)) {
      for (let r = v.area.top; r <= v.area.bottom; r++) {
        for (let c = v.area.left; c <= v.area.right; c++) {
          if (skipSubtotals && ctx.isSubtotal(v.sheet, r, c)) continue;
          const x = ctx.value(v.sheet, r, c);
          if (isSheetError(x)) return x;
          if (typeof x === "number") out.push(x);
        }
      }
      continue;
    }
    const n = toNumber(v);
    if (isSheetError(n)) return n;
    out.push(n);
  }
  return out;
}

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

function arity(name: string, args: readonly unknown[], min: number, max: number): void {
  if (args.length < min || args.length > max) {
    throw unsupported(`${name} with ${args.length} arguments`, `${name} dengan ${args.length} argumen`);
  }
}

/** Excel's ROUND: half away from zero, on the decimal the number shows (15 digits). */
function round(x: number, digits: number): number {
  const f = Math.pow(10, Math.trunc(digits));
  const y = Number((Math.abs(x) * f).toPrecision(15));
  return (Math.sign(x) * Math.round(y)) / f;
}

/** RANK.EQ(number, ref, [order]): 1 + how many numbers of ref rank before it; #N/A when it is not in ref. */
const rankEq: Fn = (args, ev, ctx) => {
  arity("RANK.EQ", args, 2, 3);
  const x = toNumber(scalarOf(ev(args[0]), ctx));
  if (isSheetError(x)) return x;
  const ref = ev(args[1]);
  if (!isRange(ref)) return VALUE();
  const ascending = args[2] !== undefined && toBool(scalarOf(ev(args[2]), ctx)) === true;
  const list = rangeRows(ref, ctx).flat();
  const err = list.find(isSheetError);
  if (err) return err;
  const nums = list.filter((v): v is number => typeof v === "number");
  if (!nums.includes(x)) return new SheetError("#N/A");
  return 1 + nums.filter((n) => (ascending ? n < x : n > x)).length;
};

const isKind = (test: (v: Scalar) => boolean): Fn => (args, ev, ctx) => {
  arity("IS…", args, 1, 1);
  return test(scalarOf(ev(args[0]), ctx));
};

const logical = (name: "AND" | "OR"): Fn => (args, ev, ctx) => {
  let seen = false;
  let acc = name === "AND";
  for (const a of args) {
    const v = ev(a);
    const items: Scalar[] = isRange(v) ? rangeRows(v, ctx).flat().filter((x) => typeof x === "number" || typeof x === "boolean" || isSheetError(x)) : [scalarOf(v, ctx)];
    for (const item of items) {
      const b = toBool(item);
      if (isSheetError(b)) return b;
      seen = true;
      acc = name === "AND" ? acc && b : acc || b;
    }
  }
  return seen ? acc : VALUE();
};

/** DATE(year, month, day) → the 1900 system's serial (month and day may overflow, as in Excel). */
const date: Fn = (args, ev, ctx) => {
  arity("DATE", args, 3, 3);
  const [y, m, d] = args.map((a) => toNumber(scalarOf(ev(a), ctx)));
  for (const v of [y, m, d]) if (isSheetError(v)) return v;
  let year = Math.trunc(y as number);
  if (year < 1900) year += 1900;
  const ms = Date.UTC(year, Math.trunc(m as number) - 1, Math.trunc(d as number));
  const serial = ms / 86_400_000 + 25569;
  return serial < 1 ? new SheetError("#NUM!") : serial;
};

export const FUNCTIONS: Readonly<Record<string, Fn>> = {
  SUM: (args, ev, ctx) => {
    const xs = numbers(args, ev, ctx);
    return isSheetError(xs) ? xs : sum(xs);
  },
  SUBTOTAL: (args, ev, ctx) => {
    if (args.length < 2) throw unsupported("SUBTOTAL without a range", "SUBTOTAL tanpa rentang");
    const fn = toNumber(scalarOf(ev(args[0]), ctx));
    if (fn !== 9) throw unsupported(`SUBTOTAL(${String(isSheetError(fn) ? fn.code : fn)}, …): only SUBTOTAL(9, …) is evaluated`, `SUBTOTAL(${String(isSheetError(fn) ? fn.code : fn)}, …): hanya SUBTOTAL(9, …) yang dihitung`);
    const xs = numbers(args.slice(1), ev, ctx, true);
    return isSheetError(xs) ? xs : sum(xs);
  },
  MIN: (args, ev, ctx) => {
    const xs = numbers(args, ev, ctx);
    return isSheetError(xs) ? xs : xs.length ? Math.min(...xs) : 0;
  },
  MAX: (args, ev, ctx) => {
    const xs = numbers(args, ev, ctx);
    return isSheetError(xs) ? xs : xs.length ? Math.max(...xs) : 0;
  },
  IF: (args, ev, ctx) => {
    arity("IF", args, 1, 3);
    const c = toBool(scalarOf(ev(args[0]), ctx));
    if (isSheetError(c)) return c;
    const branch = c ? args[1] : args[2];
    // IF(c, x) is FALSE when c is false; an empty place (IF(c, , x)) is 0.
    if (branch === undefined) return (c ? args.length >= 2 : args.length >= 3) ? 0 : false;
    return scalarOf(ev(branch), ctx) ?? 0;
  },
  IFERROR: (args, ev, ctx) => {
    arity("IFERROR", args, 2, 2);
    const v = scalarOf(ev(args[0]), ctx);
    return isSheetError(v) ? (scalarOf(ev(args[1]), ctx) ?? 0) : (v ?? 0);
  },
  IFNA: (args, ev, ctx) => {
    arity("IFNA", args, 2, 2);
    const v = scalarOf(ev(args[0]), ctx);
    return isSheetError(v) && v.code === "#N/A" ? (scalarOf(ev(args[1]), ctx) ?? 0) : (v ?? 0);
  },
  ISNUMBER: isKind((v) => typeof v === "number"),
  ISTEXT: isKind((v) => typeof v === "string"),
  ISBLANK: isKind((v) => v === null),
  ISERROR: isKind(isSheetError),
  AND: logical("AND"),
  OR: logical("OR"),
  NOT: (args, ev, ctx) => {
    arity("NOT", args, 1, 1);
    const b = toBool(scalarOf(ev(args[0]), ctx));
    return isSheetError(b) ? b : !b;
  },
  "RANK.EQ": rankEq,
  RANK: rankEq,
  ABS: (args, ev, ctx) => {
    arity("ABS", args, 1, 1);
    const x = toNumber(scalarOf(ev(args[0]), ctx));
    return isSheetError(x) ? x : Math.abs(x);
  },
  ROUND: (args, ev, ctx) => {
    arity("ROUND", args, 2, 2);
    const x = toNumber(scalarOf(ev(args[0]), ctx));
    const d = toNumber(scalarOf(ev(args[1]), ctx));
    if (isSheetError(x)) return x;
    return isSheetError(d) ? d : round(x, d);
  },
  DATE: date,
  SUMIFS,
  COUNTIFS,
};
