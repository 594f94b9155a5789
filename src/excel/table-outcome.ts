/**
 * What the pane and the ribbon get back from inserting or refreshing: per table, per OMSPAN formula
 * cell, and progress events on the way. Notes carry both languages; the faces pick one.
 */
import type { Label } from "../omspan/datasets/columns";
import type { DatasetId } from "../omspan/routes";
import type { AsOf, Connection, Store } from "../omspan/store/store";
import type { Lang } from "../omspan/i18n";
import type { TableDiff } from "../omspan/tables";

/** What the table code needs from the runtime (the shared runtime's session, or a test's). */
export interface TableDeps {
  readonly store: Store;
  connection(): Connection;
  lang(): Lang;
}

export type ProgressPhase = "pull" | "write" | "recalculate" | "report" | "done";

export interface TableProgress {
  readonly phase: ProgressPhase;
  /** The table being worked on, where there is one. */
  readonly table?: string;
  readonly done?: number;
  readonly total?: number;
}

export type TableStatus = "refreshed" | "failed" | "deleted" | "skipped";

export interface TableOutcome {
  readonly table: string;
  readonly sheet?: string;
  readonly dataset: DatasetId;
  readonly status: TableStatus;
  /** Renamed, moved, resized, blocked…: reported, never fatal. */
  readonly notes: readonly Label[];
  /** Why a pull or a write failed, in the user's language. */
  readonly error?: string;
  /** For a failure: whether the table is no longer as it was (rows added or removed, content not written). */
  readonly changed?: boolean;
  readonly diff?: TableDiff;
  readonly asOf?: AsOf;
  /** Where the table is now. */
  readonly address?: string;
}

export interface FormulaChange {
  readonly address: string;
  readonly formula: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface RefreshSummary {
  readonly scope: "sheet" | "workbook" | "table";
  readonly tables: readonly TableOutcome[];
  readonly formulas: {
    /** OMSPAN formula cells found (undefined when they could not be read). */
    readonly cells?: number;
    /** Cells in an error state whose formula was re-entered. */
    readonly rerun: number;
    /** Cells still calculating when the refresh had nothing left to wait for (not counted as changed). */
    readonly unsettled: number;
    readonly changes: readonly FormulaChange[];
  };
  /** Registry rows that could not be read (reported; the rest refreshes). */
  readonly registryProblems: readonly { row: number; reason: string }[];
  /** The sheet holding the change report. */
  readonly reportSheet?: string;
  /** Steps after the tables that failed without undoing them (saving the registry, writing the report). */
  readonly warnings: readonly string[];
  readonly startedAt: Date;
  readonly finishedAt: Date;
}

export interface InsertResult {
  readonly table: string;
  readonly address: string;
  readonly rows: number;
  readonly asOf: AsOf;
  /** Things the user should know (the date system could not be told, the as-of line was not written). */
  readonly warnings: readonly string[];
}

export const label = (en: string, id: string): Label => ({ en, id });
