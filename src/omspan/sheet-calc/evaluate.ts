/**
 * Evaluates one parsed formula against the values of the cells it reads. References resolve through the
 * context (the recalculation hands in final values, in dependency order); functions come from the fixed
 * table in functions.ts; an OMSPAN call goes to the context's resolver with its arguments as Excel hands
 * them to a custom function (a range as rows of values, an empty cell as null).
 */
import { isRange, rangeRows, scalarOf, type EvalContext, type Evaluator, type Value } from "./context";
import { isSheetError, SheetError, unsupported } from "./errors";
import { FUNCTIONS } from "./functions";
import type { Node } from "./parse";
import { arithmetic, compare, toNumber, toText } from "./values";

function omspanCall(name: string, args: readonly (Node | undefined)[], ev: Evaluator, ctx: EvalContext): Value {
  const values: unknown[] = [];
  for (const a of args) {
    const v = ev(a);
    if (v === undefined) values.push(null);
    else if (isRange(v)) {
      const rows = rangeRows(v, ctx);
      const err = rows.flat().find(isSheetError);
      if (err) return err;
      values.push(rows.length === 1 && rows[0]!.length === 1 ? rows[0]![0] : rows);
    } else if (isSheetError(v)) return v;
    else values.push(v);
  }
  const answer = ctx.omspan(name.slice("OMSPAN.".length), values);
  if (!Array.isArray(answer)) return answer;
  if (answer.length === 1 && answer[0]!.length === 1) return answer[0]![0]!;
  throw unsupported(`OMSPAN.${name} spills a grid inside a larger formula`, `OMSPAN.${name} menumpahkan kisi di dalam rumus yang lebih besar`);
}

/** The value of a tree in a context. */
export function evaluateNode(root: Node, ctx: EvalContext): Value {
  const ev: Evaluator = (node) => (node === undefined ? undefined : visit(node));
  const visit = (node: Node): Value => {
    switch (node.k) {
      case "num":
      case "str":
      case "bool":
        return node.v;
      case "err":
        return new SheetError(node.v);
      case "ref": {
        const sheet = node.sheet === undefined ? ctx.sheet : ctx.sheetOf(node.sheet);
        if (sheet === undefined) return new SheetError("#REF!");
        return { range: true, sheet, area: node.area };
      }
      case "neg": {
        const x = toNumber(scalarOf(visit(node.x), ctx));
        return isSheetError(x) ? x : -x;
      }
      case "pct": {
        const x = toNumber(scalarOf(visit(node.x), ctx));
        return isSheetError(x) ? x : x / 100;
      }
      case "bin": {
        const a = scalarOf(visit(node.a), ctx);
        const b = scalarOf(visit(node.b), ctx);
        if (node.op === "&") {
          const x = toText(a);
          if (isSheetError(x)) return x;
          const y = toText(b);
          return isSheetError(y) ? y : x + y;
        }
        if (["+", "-", "*", "/", "^"].includes(node.op)) return arithmetic(node.op, a, b);
        const c = compare(a, b);
        if (isSheetError(c)) return c;
        switch (node.op) {
          case "=":
            return c === 0;
          case "<>":
            return c !== 0;
          case "<":
            return c < 0;
          case ">":
            return c > 0;
          case "<=":
            return c <= 0;
          default:
            return c >= 0;
        }
      }
      case "call": {
        if (node.name.startsWith("OMSPAN.")) return omspanCall(node.name, node.args, ev, ctx);
        const fn = FUNCTIONS[node.name];
        if (!fn) throw unsupported(`the function ${node.name} is not evaluated`, `fungsi ${node.name} tidak dihitung`);
        return fn(node.args, ev, ctx);
      }
    }
  };
  return visit(root);
}
