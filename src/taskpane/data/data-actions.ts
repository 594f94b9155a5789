/**
 * What the Data view needs from the runtime, handed in as props: pulling through the shared store (with
 * a cancel signal and progress of its own) and, inside Excel only, inserting through the table writer
 * (src/excel/pane-insert.ts). Without `insert` the view says Excel is needed instead of offering it.
 */
import type { InsertResult } from "../../excel/table-outcome";
import type { PullProgress } from "../../omspan/wire/client";
import type { DatasetId, RouteParams } from "../../omspan/routes";
import type { DatasetData } from "../../omspan/store/store";
import type { TableQueryInput } from "../../omspan/tables";

/** Where an inserted table goes: a new sheet, or at the selected cell. */
export type InsertTarget = "new-sheet" | "selection";

export interface DataActions {
  pull(
    dataset: DatasetId,
    params: RouteParams,
    opts: { signal: AbortSignal; onProgress: (p: PullProgress) => void },
  ): Promise<DatasetData>;
  insert?: (query: TableQueryInput, target: InsertTarget) => Promise<InsertResult>;
}
