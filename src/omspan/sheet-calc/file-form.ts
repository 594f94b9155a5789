/**
 * How formulas are spelled in a file versus in a cell. Excel stores newer functions with a `_xlfn.`
 * prefix (RANK.EQ is `_xlfn.RANK.EQ`: without it Excel shows #NAME?), and an add-in's custom functions
 * as `_xldudf_` + the name with its dots turned into underscores — the form a real Excel file holds for a
 * resolved custom function (`_xldudf_CONTOSO_ADD(1,2)`; office-js #2568, #3558, #5611). A cell whose
 * function Excel could not resolve keeps the typed name (`CONTOSO.ADD(1,2)`). Both are read; the
 * `_xldudf_` form is written, so the add-in recognises the cells when it loads.
 */
import { FORMULAS } from "../formulas/catalogue";
import { tokenize } from "./tokens";

/** Functions the evaluator knows that Excel stores with `_xlfn.` (Excel 2010 and later). */
const FUTURE_FUNCTIONS = new Set(["RANK.EQ", "RANK.AVG", "IFNA", "STDEV.S", "STDEV.P", "CONCAT", "IFS", "MAXIFS", "MINIFS", "SWITCH", "XLOOKUP"]);

const UDF = "_XLDUDF_";
/** `_XLDUDF_OMSPAN_REALISASI_BULAN` → `OMSPAN.REALISASI.BULAN`, for the catalogue's names. */
const FROM_UDF: ReadonlyMap<string, string> = new Map(Object.keys(FORMULAS).map((n) => [`${UDF}OMSPAN_${n.replace(/\./g, "_")}`, `OMSPAN.${n}`]));

/** A function's one name: upper case, no `_xlfn.`/`_xlws.`, an OMSPAN `_xldudf_` name read back. */
export function functionName(written: string): string {
  let name = written.toUpperCase();
  while (name.startsWith("_XLFN.") || name.startsWith("_XLWS.")) name = name.slice(6);
  if (name.startsWith(UDF)) return FROM_UDF.get(name) ?? name;
  return name;
}

/**
 * A formula that opens with an OMSPAN call (`=OMSPAN.PAGU(…`): its first token is that function, so
 * nothing needs tokenizing. Nearly every OMSPAN cell of a report is of this form, and Siap Rapat asks
 * of each of the largest workbook's 85,000 (tokenizing them was a sixth of its checks' time).
 */
const OPENS_WITH_CALL = /^=?\s*OMSPAN\.[A-Z0-9_.]*\(/i;

/** Whether a formula (either form) calls an OMSPAN function. */
export function callsOmspan(formula: string): boolean {
  if (OPENS_WITH_CALL.test(formula)) return true;
  if (!/OMSPAN[._]/i.test(formula)) return false;
  try {
    return rewriteNames(formula, (n) => n).omspan;
  } catch {
    // A formula the tokenizer does not read: by the name alone (it is listed as unsupported anyway).
    return /(^|[^A-Za-z0-9_."])(OMSPAN\.|_xldudf_OMSPAN_)/i.test(formula);
  }
}

/** Rewrites each function name of a formula through `map`, leaving texts and references as they are. */
function rewriteNames(formula: string, map: (normalised: string, written: string) => string): { text: string; omspan: boolean } {
  const body = formula.startsWith("=") ? formula.slice(1) : formula;
  let out = "";
  let at = 0;
  let omspan = false;
  for (const t of tokenize(body)) {
    if (t.kind !== "fn") continue;
    const written = body.slice(t.start, t.end - 1);
    const name = functionName(written);
    if (name.startsWith("OMSPAN.")) omspan = true;
    out += body.slice(at, t.start) + map(name, written) + "(";
    at = t.end;
  }
  return { text: out + body.slice(at), omspan };
}

/** A cell's formula (`=RANK.EQ(…)`, `=OMSPAN.PAGU(…)`) as a file stores it: no `=`, prefixes added. */
export function toFileFormula(formula: string): string {
  return rewriteNames(formula, (name, written) => {
    if (name.startsWith("OMSPAN.")) return `_xldudf_${name.replace(/\./g, "_")}`;
    if (FUTURE_FUNCTIONS.has(name)) return `_xlfn.${name}`;
    return written;
  }).text;
}

/** A file's formula as a user reads it in a cell: `=` added, prefixes dropped. */
export function toCellFormula(fileFormula: string): string {
  return "=" + rewriteNames(fileFormula, (name, written) => (name.startsWith("OMSPAN.") || FUTURE_FUNCTIONS.has(name) ? name : written)).text;
}
