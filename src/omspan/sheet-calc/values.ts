/**
 * Cell values and Excel's rules for them: an empty cell is `null` (0 in arithmetic, "" in text),
 * text that reads as a number counts as one in arithmetic, comparisons order numbers < text < logicals
 * and compare text without case.
 */
import { isSheetError, SheetError } from "./errors";

/** One cell's value. */
export type Scalar = number | string | boolean | null | SheetError;

/** A number, or the error that stops the arithmetic. */
export function toNumber(v: Scalar): number | SheetError {
  if (isSheetError(v)) return v;
  if (v === null) return 0;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  const t = v.trim();
  if (t !== "" && Number.isFinite(Number(t))) return Number(t);
  return new SheetError("#VALUE!");
}

/** Text as `&` joins it. */
export function toText(v: Scalar): string | SheetError {
  if (isSheetError(v)) return v;
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return typeof v === "number" ? numberText(v) : v;
}

/** Excel shows at most 15 significant digits. */
function numberText(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(15)));
}

/** A condition (IF, AND): numbers and logicals; text is #VALUE!. */
export function toBool(v: Scalar): boolean | SheetError {
  if (isSheetError(v)) return v;
  if (v === null) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  const t = v.trim().toUpperCase();
  if (t === "TRUE") return true;
  if (t === "FALSE") return false;
  return new SheetError("#VALUE!");
}

const rank = (v: number | string | boolean) => (typeof v === "number" ? 0 : typeof v === "string" ? 1 : 2);

/** Compares as Excel's = < > do; an empty cell takes the other side's kind (0, "" or FALSE). */
export function compare(a: Scalar, b: Scalar): number | SheetError {
  if (isSheetError(a)) return a;
  if (isSheetError(b)) return b;
  const blank = (other: Scalar) => (typeof other === "string" ? "" : typeof other === "boolean" ? false : 0);
  const x = a === null ? blank(b) : a;
  const y = b === null ? blank(a) : b;
  if (rank(x) !== rank(y)) return rank(x) - rank(y);
  if (typeof x === "string") {
    const p = x.toLowerCase();
    const q = (y as string).toLowerCase();
    return p < q ? -1 : p > q ? 1 : 0;
  }
  const p = Number(x);
  const q = Number(y);
  return p < q ? -1 : p > q ? 1 : 0;
}

/** Arithmetic of two values (+ - * / ^). */
export function arithmetic(op: string, a: Scalar, b: Scalar): Scalar {
  const x = toNumber(a);
  if (isSheetError(x)) return x;
  const y = toNumber(b);
  if (isSheetError(y)) return y;
  switch (op) {
    case "+":
      return x + y;
    case "-":
      return x - y;
    case "*":
      return x * y;
    case "/":
      return y === 0 ? new SheetError("#DIV/0!") : x / y;
    default: {
      const r = Math.pow(x, y);
      return Number.isFinite(r) ? r : new SheetError("#NUM!");
    }
  }
}
