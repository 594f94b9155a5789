/**
 * What every check reads: the model's user sheets as grids, the reports' layouts, the data the figures
 * are compared against (pulled once per dataset before the checks run, failures kept to say why a check
 * was skipped), the options, and a way to make findings with at most `maxCells` cells each.
 */
import type { Label } from "../datasets/columns";
import type { DatasetData } from "../store/dataset-data";
import type { DatasetId } from "../routes";
import type { CellRef, WorkbookModel } from "./model";
import { SheetGrid } from "./sheet-grid";
import type { CheckId, CheckOptions, Finding, Severity } from "./types";

/**
 * Where the figures come from. In Excel: the store behind the cells (`live`: what the cells show is
 * this data). From the command line: a pull made for the check (not the data the file was computed
 * from, which the file does not hold).
 */
export interface CheckSource {
  /** A dataset's answer (the store's; pulled if not held). */
  data(dataset: DatasetId): Promise<DatasetData>;
  readonly live: boolean;
}

export interface CheckData {
  readonly live: boolean;
  readonly answers: ReadonlyMap<DatasetId, DatasetData>;
  /** Datasets that could not be had, with why (a check that needs one is skipped, saying so). */
  readonly failures: ReadonlyMap<DatasetId, unknown>;
}

/** Pulls the datasets once each; a failure is kept, never thrown (the checks that need it say so). */
export async function loadCheckData(source: CheckSource, datasets: Iterable<DatasetId>): Promise<CheckData> {
  const answers = new Map<DatasetId, DatasetData>();
  const failures = new Map<DatasetId, unknown>();
  await Promise.all(
    [...new Set(datasets)].map(async (d) => {
      try {
        answers.set(d, await source.data(d));
      } catch (e) {
        failures.set(d, e);
      }
    }),
  );
  return { live: source.live, answers, failures };
}

export class CheckContext {
  /** User sheets by lower-case name (the add-in's own are never checked). */
  readonly grids = new Map<string, SheetGrid>();
  constructor(
    readonly model: WorkbookModel,
    readonly data: CheckData,
    readonly options: CheckOptions,
    readonly now: Date,
  ) {
    for (const s of model.sheets) if (!s.own) this.grids.set(s.name.toLowerCase(), new SheetGrid(s));
  }

  grid(sheet: string): SheetGrid | undefined {
    return this.grids.get(sheet.toLowerCase());
  }

  /** How many figures, cells or marks each check examined (an "ok" that examined nothing says so). */
  readonly examined = new Map<CheckId, number>();
  count(check: CheckId, n = 1): void {
    this.examined.set(check, (this.examined.get(check) ?? 0) + n);
  }

  /** A finding, its cells capped at `maxCells`. */
  finding(check: CheckId, severity: Severity, message: Label, cells: readonly CellRef[] = []): Finding {
    const max = this.options.maxCells;
    return { check, severity, message, cells: cells.slice(0, max), ...(cells.length > max ? { more: cells.length - max } : {}) };
  }
}
