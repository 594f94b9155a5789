/**
 * Formulas as the user types them: Excel separates arguments with the locale's list separator, which is
 * `;` wherever the decimal separator is a comma (id-ID, de-DE, fr-FR…) and `,` elsewhere (en-US). The
 * catalogue's examples are written in the `;` form; the pane and the metadata show them in the user's.
 * Office.js writes `Range.formulas` in the `,` form whatever the locale, so insertion uses `formulaText(…, ",")`.
 */

/** Excel's argument separator. */
export type ListSeparator = ";" | ",";

/** Locales whose decimal separator is a comma, for runtimes whose Intl cannot say (tiny ICU builds). */
const COMMA_DECIMAL = /^(id|in|de|fr|es|it|nl|pt|ru|tr|pl|sv|da|nb|nn|no|fi|cs|sk|hu|ro|uk|el|bg|hr|sl|sr|lt|lv|et|vi)\b/i;

/**
 * The list separator of a locale (a BCP 47 tag such as "id-ID"). The decimal separator, when the host
 * knows it (Excel's `cultureInfo.numberFormat.numberDecimalSeparator`), decides: a comma decimal means
 * `;`. Otherwise the locale's own decimal separator (Intl), then a known list; English when unknown.
 */
export function listSeparatorFor(locale: string | undefined | null, decimalSeparator?: string): ListSeparator {
  if (decimalSeparator === ",") return ";";
  if (decimalSeparator === ".") return ",";
  const tag = (locale ?? "").trim();
  if (!tag) return ",";
  try {
    const decimal = new Intl.NumberFormat(tag).formatToParts(1.5).find((p) => p.type === "decimal")?.value;
    if (decimal === ",") return ";";
    if (decimal === ".") return ",";
  } catch {
    // An unknown tag: fall back to the list.
  }
  return COMMA_DECIMAL.test(tag) ? ";" : ",";
}

/** A formula written with `;` rewritten with `sep`: separators inside quoted text stay as they are. */
export function formulaInLocale(formula: string, sep: ListSeparator): string {
  if (sep === ";") return formula;
  let quoted = false;
  let out = "";
  for (const ch of formula) {
    if (ch === '"') quoted = !quoted;
    out += ch === ";" && !quoted ? "," : ch;
  }
  return out;
}

/** One argument of a formula being built: typed text (always quoted, so codes keep leading zeros) or a cell reference. */
export type FormulaArg = { readonly kind: "text"; readonly text: string } | { readonly kind: "ref"; readonly address: string };

function argText(a: FormulaArg | undefined): string {
  if (!a) return "";
  if (a.kind === "ref") return a.address;
  return a.text === "" ? "" : `"${a.text.replace(/"/g, '""')}"`;
}

/**
 * The formula text `=OMSPAN.NAME(a; b; …)`. Typed values are quoted: every argument reader of the core
 * accepts text (a month "3", a flag "TRUE", a date "2026-03-31"), and a code typed as a number would lose
 * its leading zeros. Trailing blank arguments are dropped; a blank in the middle stays empty (omitted).
 */
export function formulaText(name: string, args: readonly (FormulaArg | undefined)[], sep: ListSeparator): string {
  const parts = args.map(argText);
  while (parts.length && parts[parts.length - 1] === "") parts.pop();
  return `=OMSPAN.${name}(${parts.join(sep === ";" ? "; " : ", ")})`;
}
