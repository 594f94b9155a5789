/**
 * The one place where failures become cell errors. Which error (#VALUE!, #N/A, #DIV/0!) is the core's
 * decision (formulas/cell-errors.ts), shared with `omspan calc`; the message is in Office's display
 * language. Excel shows a custom message only with #VALUE! and #N/A (the ErrorCode reference: "a custom
 * error message can't be used" for #DIV/0!), so #DIV/0! goes without one — the cell says enough.
 * Outside Excel (tests, preview) CustomFunctions.Error may not exist: a plain Error with the same message
 * is thrown instead.
 */
import { cellErrorKind } from "../omspan/formulas";
import { localizeError } from "../omspan/messages";
import { displayLang } from "../excel/display-language";

export function toCellError(err: unknown): Error | CustomFunctions.Error {
  const message = localizeError(err, displayLang()).slice(0, 255);
  if (typeof CustomFunctions !== "undefined" && typeof CustomFunctions.Error === "function") {
    const kind = cellErrorKind(err);
    const code =
      kind === "#N/A"
        ? CustomFunctions.ErrorCode.notAvailable
        : kind === "#DIV/0!"
          ? CustomFunctions.ErrorCode.divisionByZero
          : CustomFunctions.ErrorCode.invalidValue;
    return kind === "#DIV/0!" ? new CustomFunctions.Error(code) : new CustomFunctions.Error(code, message);
  }
  return new Error(message);
}
