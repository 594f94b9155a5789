/**
 * What the pane and the ribbon get back from inserting or refreshing. The refresh's types are the core's
 * (src/omspan/workbook/outcome.ts: one refresh for Excel and for files); inserting is Excel's alone.
 */
import type { AsOf } from "../omspan/store/store";

export type {
  TableDeps,
  ProgressPhase,
  TableProgress,
  TableStatus,
  TableOutcome,
  FormulaChange,
  NotComputed,
  KeptAnswer,
  RefreshSummary,
} from "../omspan/workbook/outcome";
export { label } from "../omspan/workbook/outcome";

export interface InsertResult {
  readonly table: string;
  readonly address: string;
  readonly rows: number;
  readonly asOf: AsOf;
  /** Things the user should know (the date system could not be told, the as-of line was not written). */
  readonly warnings: readonly string[];
}
