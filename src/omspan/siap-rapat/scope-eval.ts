/**
 * What a total should be, from the report's own detail formulas: a detail row's formula in a column is
 * evaluated with its per-row argument (the row's akun, or satker) replaced by the total's scope — the
 * spending type's prefix, the report's whole scope — and its OMSPAN calls answered through the formula
 * catalogue over the data the checks hold. So a subtotal `Jumlah 52` is compared with
 * `REALISASI.BULAN(scope; "52"; …)`, the figure OMSPAN itself gives for that scope, not with the sum of
 * the rows above it (which Excel computed anyway): an akun missing from the report, a cell typed over
 * by hand or a formula pointing at the wrong row shows as a difference.
 */
import type { DatasetData } from "../store/dataset-data";
import { evaluateFormula, formulaSpec } from "../formulas";
import type { Node } from "../sheet-calc";
import { isModelError } from "./model";
import type { ReportLayout } from "./report-layout";

/** Per-row key columns and what they stand for in the total (`{ 0: "52" }`: column A becomes "52"). */
export type Substitution = ReadonlyMap<number, string>;

/** Thrown when an expectation cannot be formed (a construct the checks do not read, a dataset not held). */
export class NoExpectation extends Error {
  override readonly name = "NoExpectation";
}

function argValue(node: Node | undefined, layout: ReportLayout, row: number, subst: Substitution): unknown {
  if (!node) return null;
  switch (node.k) {
    case "num":
    case "str":
    case "bool":
      return node.v;
    case "ref": {
      if (!node.single || node.sheet !== undefined) throw new NoExpectation("a range argument");
      const { top, left } = node.area;
      if (top === row && subst.has(left)) return subst.get(left)!;
      const v = layout.grid.value(top, left);
      if (isModelError(v)) throw new NoExpectation(`an argument shows ${v.error}`);
      return v;
    }
    default:
      throw new NoExpectation("an argument the checks do not read");
  }
}

/** The expected value of column `col` for the scope, read from detail row `row`'s formula. */
export function expectedValue(layout: ReportLayout, row: number, col: number, subst: Substitution, held: readonly DatasetData[], depth = 0): number {
  if (depth > 20) throw new NoExpectation("formulas nested too deep");
  const tree = layout.tree(row, col);
  if (!tree) throw new NoExpectation("no formula in the detail row");
  const visit = (n: Node): number => {
    switch (n.k) {
      case "num":
        return n.v;
      case "neg":
        return -visit(n.x);
      case "bin": {
        const a = visit(n.a);
        const b = visit(n.b);
        if (n.op === "+") return a + b;
        if (n.op === "-") return a - b;
        throw new NoExpectation(`operator ${n.op}`);
      }
      case "ref": {
        if (n.sheet !== undefined) throw new NoExpectation("a reference to another sheet");
        let sum = 0;
        for (let c = n.area.left; c <= n.area.right; c++) {
          if (n.area.top !== row || n.area.bottom !== row) throw new NoExpectation("a reference off the row");
          sum += expectedValue(layout, row, c, subst, held, depth + 1);
        }
        return sum;
      }
      case "call": {
        if (n.name === "SUM") return n.args.reduce((s, a) => s + (a ? visit(a) : 0), 0);
        if (!n.name.startsWith("OMSPAN.")) throw new NoExpectation(`function ${n.name}`);
        const name = n.name.slice("OMSPAN.".length);
        const args = n.args.map((a) => argValue(a, layout, row, subst));
        let answer: unknown;
        try {
          answer = evaluateFormula(formulaSpec(name), args, ...held);
        } catch (e) {
          throw new NoExpectation(e instanceof Error ? e.message : String(e));
        }
        if (typeof answer !== "number") throw new NoExpectation(`OMSPAN.${name} answered no number`);
        return answer;
      }
      default:
        throw new NoExpectation("a construct the checks do not read");
    }
  };
  return visit(tree);
}
