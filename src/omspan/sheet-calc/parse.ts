/**
 * Tokens → a small syntax tree, with Excel's precedence: `:` (ranges), unary minus, `%`, `^`, `* /`,
 * `+ -`, `&`, comparisons. Function names are normalised (upper case, `_xlfn.` dropped, an add-in's
 * `_xldudf_OMSPAN_…` read back as `OMSPAN.…`), so the evaluator sees one name per function.
 */
import { unsupported, type SheetErrorCode } from "./errors";
import { functionName } from "./file-form";
import type { Area } from "./refs";
import { tokenize, type Token } from "./tokens";

export type Node =
  | { readonly k: "num"; readonly v: number }
  | { readonly k: "str"; readonly v: string }
  | { readonly k: "bool"; readonly v: boolean }
  | { readonly k: "err"; readonly v: SheetErrorCode }
  | { readonly k: "ref"; readonly sheet?: string; readonly area: Area; readonly single: boolean }
  | { readonly k: "neg"; readonly x: Node }
  | { readonly k: "pct"; readonly x: Node }
  | { readonly k: "bin"; readonly op: string; readonly a: Node; readonly b: Node }
  | { readonly k: "call"; readonly name: string; readonly args: readonly (Node | undefined)[] };

const COMPARE = ["=", "<>", "<", ">", "<=", ">="];

export interface ParseOptions {
  /** Resolves a structured reference (`Tabel1[Kolom]`) to the area it names; none: they are not read. */
  readonly structured?: (table: string, spec: string) => { sheet?: string; area: Area };
}

/** Parses a formula (with or without its `=`). */
export function parseFormula(formula: string, opts: ParseOptions = {}): Node {
  const tokens = tokenize(formula);
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const isOp = (t: Token | undefined, ...ops: string[]) => t !== undefined && t.kind === "op" && ops.includes(t.op);
  const isPunct = (t: Token | undefined, op: string) => t !== undefined && t.kind === "punct" && t.op === op;
  const fail = (what: string, apa: string) => unsupported(`${what} in ${formula}`, `${apa} dalam ${formula}`);

  const reference = (t: Extract<Token, { kind: "ref" }>): Node => {
    if (!isPunct(peek(), ":")) return { k: "ref", sheet: t.sheet, area: { top: t.row, left: t.col, bottom: t.row, right: t.col }, single: true };
    i++;
    const u = tokens[i++];
    if (u?.kind !== "ref") throw fail("a range the evaluator does not read", "rentang yang tidak dapat dibaca");
    if (u.sheet !== undefined && u.sheet.toLowerCase() !== (t.sheet ?? "").toLowerCase()) throw fail("a range across sheets", "rentang lintas lembar");
    const area = { top: Math.min(t.row, u.row), left: Math.min(t.col, u.col), bottom: Math.max(t.row, u.row), right: Math.max(t.col, u.col) };
    return { k: "ref", sheet: t.sheet, area, single: false };
  };

  const primary = (): Node => {
    const t = tokens[i++];
    if (!t) throw fail("an unexpected end", "akhir yang tidak terduga");
    switch (t.kind) {
      case "num":
        return { k: "num", v: t.value };
      case "str":
        return { k: "str", v: t.value };
      case "bool":
        return { k: "bool", v: t.value };
      case "err":
        return { k: "err", v: t.value };
      case "ref":
        return reference(t);
      case "name":
        throw fail(`the name ${t.name} (defined names are not evaluated)`, `nama ${t.name} (nama terdefinisi tidak dihitung)`);
      case "struct": {
        if (!opts.structured) throw fail(`the structured reference ${t.table}[…] (no tables known here)`, `rujukan terstruktur ${t.table}[…] (tidak ada tabel yang dikenal di sini)`);
        const r = opts.structured(t.table, t.spec);
        const single = r.area.top === r.area.bottom && r.area.left === r.area.right;
        return { k: "ref", sheet: r.sheet, area: r.area, single };
      }
      case "fn": {
        const args: (Node | undefined)[] = [];
        if (isPunct(peek(), ")")) {
          i++;
          return { k: "call", name: functionName(t.name), args };
        }
        for (;;) {
          args.push(isPunct(peek(), ",") || isPunct(peek(), ")") ? undefined : comparison());
          const sep = tokens[i++];
          if (sep?.kind === "punct" && sep.op === ")") break;
          if (sep?.kind !== "punct" || sep.op !== ",") throw fail("expected , or )", "seharusnya , atau )");
        }
        return { k: "call", name: functionName(t.name), args };
      }
      case "op":
        if (t.op === "-") return { k: "neg", x: power() };
        if (t.op === "+") return power();
        throw fail(`an unexpected ${t.op}`, `${t.op} yang tidak terduga`);
      case "punct":
        if (t.op === "(") {
          const v = comparison();
          if (!isPunct(tokens[i++], ")")) throw fail("an unclosed (", "( yang tidak ditutup");
          return v;
        }
        if (t.op === "{") throw fail("array constants", "konstanta larik");
        throw fail(`an unexpected ${t.op}`, `${t.op} yang tidak terduga`);
    }
  };
  const postfix = (): Node => {
    let x = primary();
    while (isOp(peek(), "%")) {
      i++;
      x = { k: "pct", x };
    }
    return x;
  };
  // Excel: unary minus binds tighter than ^ (=-2^2 is 4), and ^ is left-associative.
  const power = (): Node => {
    let a = postfix();
    while (isOp(peek(), "^")) {
      i++;
      a = { k: "bin", op: "^", a, b: postfix() };
    }
    return a;
  };
  const level = (ops: string[], lower: () => Node) => (): Node => {
    let a = lower();
    while (isOp(peek(), ...ops)) {
      const op = (tokens[i++] as Extract<Token, { kind: "op" }>).op;
      a = { k: "bin", op, a, b: lower() };
    }
    return a;
  };
  const term = level(["*", "/"], power);
  const additive = level(["+", "-"], term);
  const concat = level(["&"], additive);
  const comparison = level(COMPARE, concat);
  const root = comparison();
  if (i !== tokens.length) throw fail("text after the formula's end (an operator the evaluator does not read?)", "teks setelah akhir rumus");
  return root;
}

/** Whether a tree calls a function (for SUBTOTAL's rule: cells holding SUBTOTAL are skipped by SUBTOTAL). */
export function callsFunction(node: Node, name: string): boolean {
  switch (node.k) {
    case "call":
      return node.name === name || node.args.some((a) => a !== undefined && callsFunction(a, name));
    case "neg":
    case "pct":
      return callsFunction(node.x, name);
    case "bin":
      return callsFunction(node.a, name) || callsFunction(node.b, name);
    default:
      return false;
  }
}

/** Every reference of a tree (sheet as written, undefined = the formula's own sheet). */
export function referencesOf(node: Node, out: { sheet?: string; area: Area }[] = []): { sheet?: string; area: Area }[] {
  switch (node.k) {
    case "ref":
      out.push({ sheet: node.sheet, area: node.area });
      break;
    case "call":
      for (const a of node.args) if (a) referencesOf(a, out);
      break;
    case "neg":
    case "pct":
      referencesOf(node.x, out);
      break;
    case "bin":
      referencesOf(node.a, out);
      referencesOf(node.b, out);
      break;
  }
  return out;
}
