/**
 * The builder's arguments: each typed text or a cell taken from the selection (its address goes into
 * the formula, its values into the preview, as Excel would hand them over). Checked with the core's own
 * rules (arity, then `prepare`), so the pane says exactly what a cell would.
 */
import { checkArity, formulaSpec, formulaText, type FormulaArg, type ListSeparator, type Prepared } from "../../omspan/formulas";
import { isOmspanError } from "../../omspan/errors";
import type { Lang } from "../../omspan/i18n";
import { localizeError } from "../../omspan/messages";

export type BuilderArg = { readonly kind: "text"; readonly text: string } | { readonly kind: "ref"; readonly address: string; readonly values: unknown[][] };

export const blankArg: BuilderArg = { kind: "text", text: "" };

/** An argument's value as a cell receives it: omitted, text, one cell's value, or a range's matrix. */
function valueOf(a: BuilderArg | undefined): unknown {
  if (!a) return undefined;
  if (a.kind === "text") return a.text.trim() === "" ? undefined : a.text;
  return a.values.length === 1 && a.values[0]!.length === 1 ? a.values[0]![0] : a.values;
}

/** The argument values up to the last given one (trailing blanks are omitted arguments). */
export function argValues(args: readonly BuilderArg[]): unknown[] {
  const values = args.map(valueOf);
  while (values.length && values[values.length - 1] === undefined) values.pop();
  return values;
}

/** The formula text in a separator (`,` for Range.formulas; the user's for display). */
export function builtFormula(name: string, args: readonly BuilderArg[], sep: ListSeparator): string {
  const parts: FormulaArg[] = args.map((a) => (a.kind === "ref" ? { kind: "ref", address: a.address } : { kind: "text", text: a.text.trim() }));
  return formulaText(name, parts, sep);
}

export interface Checked {
  readonly prepared?: Prepared;
  /** Messages by argument name; `""` for one about the whole call (the argument count). */
  readonly problems: Readonly<Record<string, string>>;
}

/** Checks the arguments before any pull: the count, then the function's own argument rules. */
export function checkArgs(name: string, args: readonly BuilderArg[], lang: Lang): Checked {
  const spec = formulaSpec(name);
  const values = argValues(args);
  try {
    checkArity(spec.name, spec, values);
    return { prepared: spec.prepare(values), problems: {} };
  } catch (err) {
    const argument = isOmspanError(err) && typeof err.detail?.argument === "string" ? err.detail.argument : "";
    const known = spec.params.some((p) => p.name === argument);
    return { problems: { [known ? argument : ""]: localizeError(err, lang) } };
  }
}
