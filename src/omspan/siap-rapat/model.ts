/**
 * The workbook model Siap Rapat checks: a read-only picture of a workbook, the same whether it is an
 * open Excel workbook (src/excel/siap-rapat-model.ts reads it in blocks) or an .xlsx file
 * (src/xlsx/siap-rapat-model.ts over XlsxBook). It is deliberately small — sheets as blocks of values
 * and formulas, the OMSPAN tables with their registry entries, the report sheets with their template —
 * so that it can be folded into the workbook port the refresh uses (src/omspan/workbook) as its
 * read side. Nothing here writes: the checks never touch a user's sheet.
 */
import type { RegistryEntry } from "../tables";
import type { Area } from "../sheet-calc";
import type { TemplateId } from "../templates";

/** An error a cell shows (`#N/A`, `#REF!`, `#BUSY!` …). */
export interface ModelError {
  readonly error: string;
}

/** A value as the cell shows it; null = empty. */
export type ModelValue = number | string | boolean | null | ModelError;

export const isModelError = (v: unknown): v is ModelError => typeof v === "object" && v !== null && "error" in v;

/** A rectangle of cells read at once (Excel: one range per block, never one per cell). */
export interface CellBlock {
  /** 0-based row and column of the block's top-left cell. */
  readonly top: number;
  readonly left: number;
  /** Rows of values as the cells show them. */
  readonly values: readonly (readonly ModelValue[])[];
  /** Rows of formulas in Excel's invariant English form (`=SUM(B8:B20)`), null where a cell holds none. */
  readonly formulas: readonly (readonly (string | null)[])[];
}

/**
 * The add-in's own sheets, told by their marks (a hidden sheet-scoped name, or the very hidden sheets'
 * names): never checked, never copied into a presented version, never a user's.
 */
export type OwnSheet = "registry" | "staging" | "change-report" | "siap-rapat" | "presented";

export interface ModelSheet {
  readonly name: string;
  readonly visibility: "visible" | "hidden" | "veryHidden";
  readonly own?: OwnSheet;
  /** The used cells, in blocks of whole rows of the used area (empty for the add-in's own sheets). */
  readonly blocks: readonly CellBlock[];
}

/** An OMSPAN table: where it is and what the registry remembers of it (its query and as-of). */
export interface ModelTable {
  readonly name: string;
  readonly sheet: string;
  /** The whole table, header (and totals row) included, 0-based. */
  readonly area: Area;
  /** The registry's row for it; absent for a table the registry does not know (not an OMSPAN table). */
  readonly entry?: RegistryEntry;
}

/** A report sheet the add-in built (its mark names the template); its scope and month are its own cells. */
export interface ModelReport {
  readonly sheet: string;
  readonly template: TemplateId;
}

export interface WorkbookModel {
  readonly sheets: readonly ModelSheet[];
  /** Every table that is an OMSPAN table (matched to a registry row). */
  readonly tables: readonly ModelTable[];
  readonly reports: readonly ModelReport[];
  /** Registry rows that could not be read. */
  readonly registryProblems: readonly { readonly row: number; readonly reason: string }[];
}

/** A cell or range a finding concerns, as a user finds it: the sheet and an A1 address on it. */
export interface CellRef {
  readonly sheet: string;
  /** `B12` or `B12:H12`. */
  readonly address: string;
}
