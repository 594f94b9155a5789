/**
 * Random access to a model sheet's cells over its blocks (rows sorted, found by binary search), and the
 * little cell vocabulary the checks share: numbers, errors, addresses.
 */
import { a1Of, areaA1, type Area } from "../sheet-calc";
import { isModelError, type CellBlock, type CellRef, type ModelSheet, type ModelValue } from "./model";

export class SheetGrid {
  private readonly blocks: readonly CellBlock[];
  constructor(readonly sheet: ModelSheet) {
    this.blocks = [...sheet.blocks].sort((a, b) => a.top - b.top);
  }

  get name(): string {
    return this.sheet.name;
  }

  private block(row: number, col: number): CellBlock | undefined {
    let lo = 0;
    let hi = this.blocks.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const b = this.blocks[mid]!;
      if (row < b.top) hi = mid - 1;
      else if (row >= b.top + b.values.length) lo = mid + 1;
      else return col >= b.left && col < b.left + (b.values[0]?.length ?? 0) ? b : undefined;
    }
    return undefined;
  }

  value(row: number, col: number): ModelValue {
    const b = this.block(row, col);
    return b ? (b.values[row - b.top]![col - b.left] ?? null) : null;
  }

  formula(row: number, col: number): string | null {
    const b = this.block(row, col);
    return b ? (b.formulas[row - b.top]?.[col - b.left] ?? null) : null;
  }

  /** The last used row + 1. */
  get rowEnd(): number {
    const last = this.blocks[this.blocks.length - 1];
    return last ? last.top + last.values.length : 0;
  }

  /** Every cell holding something, row by row. */
  *cells(): Iterable<{ row: number; col: number; value: ModelValue; formula: string | null }> {
    for (const b of this.blocks) {
      for (let r = 0; r < b.values.length; r++) {
        const values = b.values[r]!;
        const formulas = b.formulas[r];
        for (let c = 0; c < values.length; c++) {
          const value = values[c] ?? null;
          const formula = formulas?.[c] ?? null;
          if (value === null && formula === null) continue;
          yield { row: b.top + r, col: b.left + c, value, formula };
        }
      }
    }
  }

  ref(row: number, col: number): CellRef {
    return { sheet: this.name, address: a1Of(row, col) };
  }

  area(a: Area): CellRef {
    return { sheet: this.name, address: areaA1(a) };
  }
}

/** A number a cell shows, or undefined (text, empty, an error). */
export const numberOf = (v: ModelValue): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/** The error code a cell shows, or undefined. */
export const errorOf = (v: ModelValue): string | undefined => (isModelError(v) ? v.error : undefined);

/** Rupiah as a finance officer reads them: 1.234.567 (Indonesian) or 1,234,567. */
export function rupiah(n: number, lang: "id" | "en"): string {
  const s = Math.round(Math.abs(n)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, lang === "id" ? "." : ",");
  return n < 0 ? `-${s}` : s;
}
