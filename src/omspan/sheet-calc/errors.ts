/**
 * The evaluator's two kinds of "no": a cell's error value (what Excel would show: #DIV/0!, #N/A…), and a
 * formula it will not evaluate at all (an unknown function, a construct it does not read, a circular
 * reference). The second is never guessed: the caller lists the cell and keeps what the file had.
 */
import type { OmspanError } from "../errors";

/** Excel's error values. */
export type SheetErrorCode = "#NULL!" | "#DIV/0!" | "#VALUE!" | "#REF!" | "#NAME?" | "#NUM!" | "#N/A" | "#SPILL!" | "#CALC!" | "#GETTING_DATA";

export const SHEET_ERROR_CODES: readonly SheetErrorCode[] = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!", "#CALC!", "#GETTING_DATA"];

/** An error value in a cell; `cause` holds the OMSPAN failure behind an OMSPAN cell's error. */
export class SheetError {
  constructor(
    readonly code: SheetErrorCode,
    readonly cause?: OmspanError,
  ) {}
}

export const isSheetError = (v: unknown): v is SheetError => v instanceof SheetError;

/** A formula the evaluator does not evaluate; `reason` says what (both languages). */
export class UnsupportedFormulaError extends Error {
  override readonly name = "UnsupportedFormulaError";
  constructor(readonly reason: { readonly en: string; readonly id: string }) {
    super(reason.en);
  }
}

export function unsupported(en: string, id: string): UnsupportedFormulaError {
  return new UnsupportedFormulaError({ en, id });
}
