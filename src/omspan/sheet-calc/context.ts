/**
 * What a formula is evaluated against: the values of the cells it reads (final values: the recalculation
 * hands them in dependency order), the sheets, SUBTOTAL's rule, and the resolver of OMSPAN calls.
 */
import { SheetError } from "./errors";
import type { Node } from "./parse";
import type { Area } from "./refs";
import type { Scalar } from "./values";

/** A range as a value: what SUM and RANK.EQ read cell by cell. */
export interface RangeValue {
  readonly range: true;
  readonly sheet: string;
  readonly area: Area;
}
export type Value = Scalar | RangeValue;

export const isRange = (v: Value | undefined): v is RangeValue => typeof v === "object" && v !== null && "range" in v;

/** An OMSPAN call's answer: one value, or a spilled grid. */
export type OmspanAnswer = Scalar | Scalar[][];

export interface EvalContext {
  /** The formula's own sheet. */
  readonly sheet: string;
  /** The sheet's name as the workbook spells it, or undefined for a sheet that does not exist. */
  sheetOf(written: string): string | undefined;
  /** A cell's final value. */
  value(sheet: string, row: number, col: number): Scalar;
  /** Whether a cell holds a SUBTOTAL formula (SUBTOTAL skips those, as Excel does). */
  isSubtotal(sheet: string, row: number, col: number): boolean;
  /** Answers `OMSPAN.<name>(args)`; throws UnsupportedFormulaError when it cannot. */
  omspan(name: string, args: readonly unknown[]): OmspanAnswer;
}

export type Evaluator = (node: Node | undefined) => Value | undefined;

/** One value where one is needed: a one-cell range is that cell; a larger range is #VALUE!. */
export function scalarOf(v: Value | undefined, ctx: EvalContext): Scalar {
  if (v === undefined) return null;
  if (!isRange(v)) return v;
  const { area, sheet } = v;
  if (area.top !== area.bottom || area.left !== area.right) return new SheetError("#VALUE!");
  return ctx.value(sheet, area.top, area.left);
}

/** A range's values, row by row. */
export function rangeRows(v: RangeValue, ctx: EvalContext): Scalar[][] {
  const rows: Scalar[][] = [];
  for (let r = v.area.top; r <= v.area.bottom; r++) {
    const row: Scalar[] = [];
    for (let c = v.area.left; c <= v.area.right; c++) row.push(ctx.value(v.sheet, r, c));
    rows.push(row);
  }
  return rows;
}

