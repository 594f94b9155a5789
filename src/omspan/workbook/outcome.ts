/**
 * What a refresh gives back, whichever workbook it ran on (Excel through Office.js, or an .xlsx file):
 * per table, per OMSPAN formula cell, the datasets kept from an earlier pull, and progress events on the
 * way. Notes carry both languages; the faces pick one.
 */
import type { Label } from "../datasets/columns";
import type { DatasetId } from "../routes";
import type { AsOf, Connection, Store } from "../store/store";
import type { StaleMark } from "../store/as-of";
import type { Lang } from "../i18n";
import type { TableDiff } from "../tables";
import type { RebuiltReport } from "./port";

/** What the refresh needs from the runtime (the shared runtime's session, the CLI, or a test). */
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
  /** Renamed, moved, resized, blocked, kept from an earlier pull…: reported, never fatal. */
  readonly notes: readonly Label[];
  /** Why a pull or a write failed, in the user's language. */
  readonly error?: string;
  /** For a failure: whether the table is no longer as it was (rows added or removed, content not written). */
  readonly changed?: boolean;
  readonly diff?: TableDiff;
  /** The as-of of what the table shows now (for a table kept as it was, its own, marked stale). */
  readonly asOf?: AsOf;
  /** Where the table is now. */
  readonly address?: string;
  /** Why the table was skipped, for a caller that maps it (a file's exit code): in the way, or kept stale. */
  readonly reason?: "blocked" | "stale" | "shape";
}

export interface FormulaChange {
  readonly address: string;
  readonly formula: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** A formula the refresh could not compute (a file's ordinary formula of a function the evaluator does not know): listed, never guessed. */
export interface NotComputed {
  readonly address: string;
  readonly formula: string;
  readonly reason: Label;
}

/** A dataset answered from an earlier pull because OMSPAN could not be reached (store.staleAnswers). */
export interface KeptAnswer {
  readonly dataset: DatasetId;
  /** When the copy that answered was pulled. */
  readonly fetchedAt: Date;
  readonly maxDate?: number;
  readonly stale: StaleMark;
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
    /** Formulas not computed (files: the evaluator does not know them), kept as they were. */
    readonly notComputed?: readonly NotComputed[];
  };
  /** Registry rows that could not be read (reported; the rest refreshes). */
  readonly registryProblems: readonly { row: number; reason: string }[];
  /** Datasets answered from an earlier pull (OMSPAN could not be reached), and from when. */
  readonly stale?: readonly KeptAnswer[];
  /** Report sheets rebuilt from the pull (reconciliations); a failed one also has a warning. */
  readonly reports?: readonly RebuiltReport[];
  /** The sheet holding the change report. */
  readonly reportSheet?: string;
  /** Steps after the tables that failed without undoing them (saving the registry, writing the report), and stale data. */
  readonly warnings: readonly string[];
  readonly startedAt: Date;
  readonly finishedAt: Date;
}

export const label = (en: string, id: string): Label => ({ en, id });
