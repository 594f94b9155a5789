/**
 * The workbook port: what one refresh (refresh.ts) needs from a workbook, whichever it is. Two adapters
 * implement it — src/excel (Office.js, inside one Excel.run) and src/xlsx (an .xlsx file in memory,
 * saved atomically by the caller). The orchestration decides (what to pull, which tables to rewrite,
 * skip or keep, what changed, what the change report says); an adapter only reads and writes, and says
 * what its workbook cannot do: Excel moves the cells below a growing table, a file does not
 * (`Blocker.kind`); Excel computes OMSPAN formulas itself, a file has them computed by the core's
 * sheet evaluator (`recompute`).
 */
import type { Label } from "../datasets/columns";
import type { Lang } from "../i18n";
import type { DatasetId } from "../routes";
import type { DatasetData } from "../store/dataset-data";
import type { ParsedPin } from "../snapshots/pin";
import type { CellValue, DateSystem, ParsedRegistry, RegistryEntry, ShapedTable } from "../tables";
import type { NotComputed } from "./outcome";

/** A table of the workbook as the port lists it. */
export interface PortTable {
  /** The id the workbook gives it now (Excel's Table.id, a file's table id). */
  readonly id: string;
  readonly name: string;
  readonly sheet: string;
  /** Sheet-qualified range of the whole table, header and totals row included (`Laporan!A2:P40`). */
  readonly address: string;
}

/** What a table is now, read before it is touched. An adapter may carry more (its own handles) in `L`. */
export interface TableLayout {
  readonly showHeaders: boolean;
  readonly columns: number;
  /** Rows of the data body (no header, no totals row). */
  readonly bodyRows: number;
  /** The user filtered it: the filters come off for the write and go back on (a note says so). */
  readonly filtered: boolean;
  /** Why this workbook cannot rewrite the table (a file's filtered table): it is skipped with this. */
  readonly refusal?: Label;
}

/** What is in the way of a table growing or shrinking. */
export interface Blocker {
  /** As the user finds it: `Tetangga (Laporan!O20:R21)`, `Laporan!A40`. */
  readonly what: string;
  /**
   * "cut": moving the cells below would cut through it (Excel moves them, within the table's columns);
   * "occupied": the table would grow into cells in use (a file's cells are never moved).
   */
  readonly kind: "cut" | "occupied";
  /** Growing (true) or shrinking. */
  readonly growing: boolean;
}

/** New content for a table: header and rows shaped from the pull, the body's row count, the as-of line. */
export interface TableWrite {
  readonly shaped: ShapedTable;
  /** Body rows (an empty dataset keeps one blank row). */
  readonly bodyRows: number;
  readonly caption: string;
  readonly onRows?: (written: number, total: number) => void;
}

export interface Placed {
  /** Where the table is now. */
  readonly address: string;
  /** Last steps that failed after the content was in place (the as-of line, the filters). */
  readonly warnings: readonly string[];
}

/** An OMSPAN formula cell as the refresh found it. */
export interface FormulaCellState {
  readonly sheet: string;
  /** Sheet-qualified address of the cell. */
  readonly address: string;
  readonly row: number;
  readonly col: number;
  /** As a user reads it in the cell (`=OMSPAN.REALISASI(…)`). */
  readonly formula: string;
  readonly value: unknown;
  readonly isError: boolean;
}

export interface RecomputeEnv {
  /** The refresh's pull of a dataset (shared with its tables: one pull each). */
  readonly pull: (dataset: DatasetId) => Promise<DatasetData>;
  /** Settles once the store has no pull in flight (Excel's cells pull on their own). */
  readonly whenIdle: () => Promise<void>;
  /** Where the rewritten tables are now: ordinary formulas reading them depend on them. */
  readonly rewritten: readonly string[];
}

export interface Recomputed {
  /** Each cell's value after, in the order given. */
  readonly values: readonly unknown[];
  /** Cells in an error state whose formula was re-entered (Excel). */
  readonly rerun: number;
  /** Cells still calculating when nothing was left to wait for (Excel). */
  readonly unsettled: number;
  /** Formulas that could not be computed (a file's), kept as they were. */
  readonly notComputed?: readonly NotComputed[];
  /** Datasets the formulas read, where the adapter knows. */
  readonly datasets?: readonly DatasetId[];
}

/** A report sheet rebuilt from data by the refresh (a Rekonsiliasi: its lists follow the pull). */
export type RebuiltReport =
  | { readonly sheet: string; readonly ok: true; readonly balanced: boolean }
  | { readonly sheet: string; readonly ok: false; readonly error: string };

export interface WorkbookPort<L extends TableLayout = TableLayout> {
  /** The registry (columns A:F of the very hidden sheet OMSPAN_TABLES); none is an empty registry. */
  readRegistry(): Promise<ParsedRegistry>;
  /** A frozen workbook's pin (columns H:M of the same sheet). */
  readPin(): Promise<ParsedPin>;
  writeRegistry(entries: readonly RegistryEntry[]): Promise<void>;
  /** The sheets of a scope: the active one, or every one but the add-in's very hidden ones. */
  sheets(scope: "sheet" | "workbook"): Promise<string[]>;
  /** Every table of the workbook. */
  tables(): Promise<PortTable[]>;
  /** The text in the cell just above each table (its as-of line, if any); undefined where there is none. */
  captions(tables: readonly PortTable[]): Promise<(string | undefined)[]>;
  /** 1900 or 1904; undefined when it cannot be told (then 1900, and the refresh says so). */
  dateSystem(): Promise<DateSystem | undefined>;
  layout(table: PortTable): Promise<L>;
  /** The body's rows as plain values (Excel's `values`), in blocks. */
  readBody(table: PortTable, layout: L, rowBytes: number): Promise<CellValue[][][]>;
  /** What growing or shrinking the body to `bodyRows` would run into; nothing is changed. */
  blocker(table: PortTable, layout: L, bodyRows: number): Promise<Blocker | undefined>;
  /** Replaces header and body whole, or throws PlacementError saying whether the table changed. */
  replace(table: PortTable, layout: L, write: TableWrite): Promise<Placed>;
  /** Rewrites the as-of line above a table (only an empty cell or one holding an as-of line). */
  writeCaption(table: PortTable, caption: string): Promise<void>;
  scanFormulas(sheets: readonly string[]): Promise<FormulaCellState[]>;
  /** Makes the OMSPAN formulas (and what depends on them) current; their values after. */
  recompute(sheets: readonly string[], cells: readonly FormulaCellState[], env: RecomputeEnv): Promise<Recomputed>;
  /**
   * Rebuilds the report sheets that are computed from data rather than formulas alone (the
   * reconciliations, whose unmatched lists follow the pull), within `sheets`; each its own outcome.
   * Optional: a workbook that has none, or an adapter that cannot yet (files), leaves it out.
   */
  rebuildReports?(sheets: readonly string[], env: { readonly pull: RecomputeEnv["pull"]; readonly dateSystem: DateSystem; readonly lang: Lang }): Promise<RebuiltReport[]>;
  /** Rewrites the change report sheet (the one carrying the add-in's mark, or a new one); answers its name. */
  writeChangeReport(rows: CellValue[][]): Promise<string>;
}
