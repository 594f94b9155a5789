/**
 * OMSPAN text never becomes a formula. Excel reads a written value starting with `=`, `+`, `-` or `@`
 * as a formula (and a leading tab or CR is how CSV-style injection hides one); a leading apostrophe is
 * Excel's own "this is text" prefix — it is not part of the cell's value and is not shown.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The text as it must be written to a cell so that Excel keeps it as text. */
export function cellText(s: string): string {
  return FORMULA_START.test(s) || s.startsWith("'") ? `'${s}` : s;
}
