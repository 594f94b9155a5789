/**
 * Evaluates a sheet's cells the way Excel would, for the few functions our reports use: arithmetic,
 * comparisons, SUM, SUBTOTAL(9) (which skips other SUBTOTAL cells, as Excel does), IF, ISNUMBER, AND,
 * RANK.EQ, and OMSPAN.* calls handed to a callback (the formula catalogue in the tests). Formulas are in
 * Excel's invariant English form (`,` separators), as Office.js `range.formulas` holds them.
 * An unknown function throws: a test must never pass over a formula it did not understand.
 */
export type Scalar = number | string | boolean | null | { readonly error: string };
type Value = Scalar | { readonly range: readonly (readonly [number, number])[] };

export type OmspanCall = (name: string, args: readonly Scalar[]) => Scalar;

interface Token {
  kind: "num" | "str" | "ref" | "fn" | "bool" | "op" | "(" | ")" | "," | ":";
  text: string;
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:(\d+(?:\.\d+)?)|"((?:[^"]|"")*)"|(\$?[A-Z]{1,3}\$?\d+)(?![A-Z0-9.(])|([A-Z][A-Z0-9.]*)\(|(TRUE|FALSE)\b|(<=|>=|<>|[-+*/=<>&])|([(),:]))/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < src.length) {
    re.lastIndex = at;
    m = re.exec(src);
    if (!m || m[0].length === 0) throw new Error(`cannot read formula at "${src.slice(at)}"`);
    at = re.lastIndex;
    if (m[1] !== undefined) out.push({ kind: "num", text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: "str", text: m[2].replace(/""/g, '"') });
    else if (m[3] !== undefined) out.push({ kind: "ref", text: m[3] });
    else if (m[4] !== undefined) out.push({ kind: "fn", text: m[4] });
    else if (m[5] !== undefined) out.push({ kind: "bool", text: m[5] });
    else if (m[6] !== undefined) out.push({ kind: "op", text: m[6] });
    else if (m[7] !== undefined) out.push({ kind: m[7] as "(" | ")" | "," | ":", text: m[7] });
  }
  return out;
}

/** 0-based [row, col] of an A1 reference (with or without `$`). */
export function parseRef(a1: string): [number, number] {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(a1);
  if (!m) throw new Error(`not a reference: ${a1}`);
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  return [Number(m[2]) - 1, col - 1];
}

const isError = (v: unknown): v is { error: string } => typeof v === "object" && v !== null && "error" in v;

export class SheetEvaluator {
  private readonly memo = new Map<string, Scalar>();
  private readonly busy = new Set<string>();

  /** `cell(row, col)` gives a cell's formula (starting with `=`) or its value. */
  constructor(
    private readonly cell: (row: number, col: number) => string | number | boolean | null | undefined,
    private readonly omspan: OmspanCall,
  ) {}

  /** The value of a 0-based cell. */
  valueAt(row: number, col: number): Scalar {
    const key = `${row},${col}`;
    const known = this.memo.get(key);
    if (known !== undefined || this.memo.has(key)) return known!;
    if (this.busy.has(key)) throw new Error(`circular reference at ${key}`);
    this.busy.add(key);
    const raw = this.cell(row, col);
    let v: Scalar;
    if (typeof raw === "string" && raw.startsWith("=")) v = this.evaluate(raw.slice(1));
    else v = raw === undefined || raw === "" ? null : raw;
    this.busy.delete(key);
    this.memo.set(key, v);
    return v;
  }

  /** Whether a cell holds a SUBTOTAL formula (SUBTOTAL skips those). */
  private isSubtotal(row: number, col: number): boolean {
    const raw = this.cell(row, col);
    return typeof raw === "string" && /^=\s*SUBTOTAL\(/i.test(raw);
  }

  evaluate(formula: string): Scalar {
    const tokens = tokenize(formula);
    let i = 0;
    const peek = () => tokens[i];
    const next = () => tokens[i++]!;
    const expect = (kind: Token["kind"]) => {
      const t = next();
      if (t?.kind !== kind) throw new Error(`expected ${kind} in ${formula}`);
      return t;
    };
    const scalar = (v: Value): Scalar => {
      if (typeof v === "object" && v !== null && "range" in v) {
        if (v.range.length !== 1) throw new Error(`a range where one value is needed in ${formula}`);
        return this.valueAt(...v.range[0]!);
      }
      return v;
    };
    const num = (v: Scalar): number | { error: string } => {
      if (isError(v)) return v;
      if (v === null) return 0;
      if (typeof v === "number") return v;
      if (typeof v === "boolean") return v ? 1 : 0;
      return { error: "#VALUE!" };
    };
    const primary = (): Value => {
      const t = next();
      if (!t) throw new Error(`unexpected end of ${formula}`);
      if (t.kind === "num") return Number(t.text);
      if (t.kind === "str") return t.text;
      if (t.kind === "bool") return t.text === "TRUE";
      if (t.kind === "(") {
        const v = comparison();
        expect(")");
        return v;
      }
      if (t.kind === "ref") {
        const from = parseRef(t.text);
        if (peek()?.kind !== ":") return { range: [from] };
        next();
        const to = parseRef(expect("ref").text);
        const cells: [number, number][] = [];
        for (let r = Math.min(from[0], to[0]); r <= Math.max(from[0], to[0]); r++) {
          for (let c = Math.min(from[1], to[1]); c <= Math.max(from[1], to[1]); c++) cells.push([r, c]);
        }
        return { range: cells };
      }
      if (t.kind === "fn") {
        const args: (Value | undefined)[] = [];
        if (peek()?.kind === ")") next();
        else {
          for (;;) {
            args.push(peek()?.kind === "," || peek()?.kind === ")" ? undefined : comparison());
            const sep = next();
            if (sep.kind === ")") break;
            if (sep.kind !== ",") throw new Error(`expected , or ) in ${formula}`);
          }
        }
        return this.call(t.text, args, scalar);
      }
      if (t.kind === "op" && t.text === "-") {
        const v = num(scalar(primary()));
        return isError(v) ? v : -v;
      }
      throw new Error(`unexpected ${t.text} in ${formula}`);
    };
    const binary = (ops: string[], lower: () => Value, apply: (op: string, a: Scalar, b: Scalar) => Scalar) => (): Value => {
      let left = lower();
      while (peek()?.kind === "op" && ops.includes(peek()!.text)) {
        const op = next().text;
        left = apply(op, scalar(left), scalar(lower()));
      }
      return left;
    };
    const arith = (op: string, a: Scalar, b: Scalar): Scalar => {
      const x = num(a);
      const y = num(b);
      if (isError(x)) return x;
      if (isError(y)) return y;
      if (op === "+") return x + y;
      if (op === "-") return x - y;
      if (op === "*") return x * y;
      return y === 0 ? { error: "#DIV/0!" } : x / y;
    };
    const term = binary(["*", "/"], primary, arith);
    const additive = binary(["+", "-"], term, arith);
    const comparison = binary(["=", "<>", "<", ">", "<=", ">="], additive, (op, a, b) => {
      if (isError(a)) return a;
      if (isError(b)) return b;
      const x = a ?? 0;
      const y = b ?? 0;
      switch (op) {
        case "=": return x === y;
        case "<>": return x !== y;
        case "<": return x < y;
        case ">": return x > y;
        case "<=": return x <= y;
        default: return x >= y;
      }
    });
    const v = scalar(comparison());
    if (i !== tokens.length) throw new Error(`trailing text in ${formula}`);
    return v;
  }

  private numbersOf(v: Value | undefined, skipSubtotals: boolean): number[] | { error: string } {
    if (v === undefined) return [];
    if (typeof v === "object" && v !== null && "range" in v) {
      const out: number[] = [];
      for (const [r, c] of v.range) {
        if (skipSubtotals && this.isSubtotal(r, c)) continue;
        const x = this.valueAt(r, c);
        if (isError(x)) return x;
        if (typeof x === "number") out.push(x);
      }
      return out;
    }
    if (isError(v)) return v;
    return typeof v === "number" ? [v] : [];
  }

  private call(name: string, args: (Value | undefined)[], scalar: (v: Value) => Scalar): Scalar {
    const upper = name.toUpperCase();
    if (upper.startsWith("OMSPAN.")) {
      return this.omspan(upper.slice("OMSPAN.".length), args.map((a) => (a === undefined ? null : scalar(a))));
    }
    switch (upper) {
      case "SUM":
      case "SUBTOTAL": {
        const items = upper === "SUBTOTAL" ? args.slice(1) : args;
        if (upper === "SUBTOTAL" && scalar(args[0]!) !== 9) throw new Error("only SUBTOTAL(9, …) is known here");
        let total = 0;
        for (const a of items) {
          const nums = this.numbersOf(a, upper === "SUBTOTAL");
          if (isError(nums)) return nums;
          for (const n of nums) total += n;
        }
        return total;
      }
      case "IF": {
        const c = scalar(args[0]!);
        if (isError(c)) return c;
        const branch = c && c !== 0 ? args[1] : args[2];
        return branch === undefined ? false : scalar(branch);
      }
      case "ISNUMBER":
        return typeof scalar(args[0]!) === "number";
      case "AND": {
        for (const a of args) {
          const v = scalar(a!);
          if (isError(v)) return v;
          if (!v) return false;
        }
        return true;
      }
      case "RANK.EQ": {
        const x = scalar(args[0]!);
        if (typeof x !== "number") return isError(x) ? x : { error: "#VALUE!" };
        const nums = this.numbersOf(args[1], false);
        if (isError(nums)) return nums;
        if (!nums.includes(x)) return { error: "#N/A" };
        return 1 + nums.filter((n) => n > x).length;
      }
      default:
        throw new Error(`the sheet evaluator does not know ${name}`);
    }
  }
}
