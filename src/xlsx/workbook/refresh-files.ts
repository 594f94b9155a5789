/**
 * Refreshing workbook files (what `omspan refresh` runs): open every file, refuse one that is open in
 * Excel or frozen, pull each dataset once for all of them (their tables' and their OMSPAN formulas'),
 * then run the core's one refresh on each file in memory and replace it atomically. A file any of whose
 * pulls failed is not written at all: a failed pull leaves it byte-identical — never a table half-old or
 * a formula's cached value turned into an error. Stale answers (`--allow-stale`) are written only as the
 * refresh writes them: tables kept, their as-of lines and Perubahan saying stale and from when.
 */
import { FrozenError } from "../../omspan/errors";
import { pinAsOf } from "../../omspan/snapshots/pin";
import type { DatasetId, RouteParams } from "../../omspan/routes";
import type { DatasetData } from "../../omspan/store/dataset-data";
import type { RefreshSummary, TableDeps } from "../../omspan/workbook/outcome";
import { refreshBook } from "../../omspan/workbook/refresh";
import { readWorkbookFile, refuseIfOpen, writeFileAtomic } from "../atomic-file";
import { XlsxBook } from "../book";
import { replaceOmspanWithValues } from "../values-copy";
import { FileWorkbook } from "./file-workbook";
import { readPin, readRegistry } from "./owned-sheets";

export interface FileJob {
  /** The workbook to refresh. */
  readonly source: string;
  /** Where the refreshed workbook goes (the source itself, replaced, unless `--out`). */
  readonly target: string;
}

export interface FileResult {
  readonly job: FileJob;
  /** The refresh's summary, when it ran. */
  readonly summary?: RefreshSummary;
  /** Why the file was not refreshed (it is unchanged). */
  readonly error?: unknown;
  readonly written: boolean;
  /** With `values`: OMSPAN formulas replaced by their values. */
  readonly replaced?: number;
}

export interface RefreshFilesOptions {
  /** Write a copy for a colleague without the add-in: every OMSPAN formula replaced by its value. */
  readonly values?: boolean;
  /** Lets a test fail or kill the process between the temporary file and the rename. */
  readonly hooks?: { readonly beforeRename?: (temp: string) => Promise<void> | void };
}

interface Opened {
  readonly job: FileJob;
  readonly bytes: Uint8Array;
  readonly book: XlsxBook;
  readonly needs: readonly string[];
}

const pullKey = (dataset: DatasetId, params: RouteParams) => `${dataset}|${params.date ?? ""}`;

async function open(job: FileJob): Promise<Opened> {
  await refuseIfOpen(job.source);
  if (job.target !== job.source) await refuseIfOpen(job.target);
  const bytes = await readWorkbookFile(job.source);
  const book = XlsxBook.open(bytes);
  const pin = readPin(book).pin;
  if (pin) throw new FrozenError({ asOf: pinAsOf(pin) });
  const needs = new Set(readRegistry(book).entries.map((e) => pullKey(e.query.dataset, e.query.date ? { date: e.query.date } : {})));
  for (const d of book.omspanDatasets()) needs.add(pullKey(d, {}));
  return { job, bytes, book, needs: [...needs] };
}

export async function refreshFiles(jobs: readonly FileJob[], deps: TableDeps, opts: RefreshFilesOptions = {}): Promise<FileResult[]> {
  const opened = await Promise.all(jobs.map((job) => open(job).then((o) => ({ o }), (error: unknown) => ({ job, error }))));
  // Each dataset once, for every file.
  const pulls = new Map<string, Promise<DatasetData>>();
  for (const x of opened) {
    if (!("o" in x)) continue;
    for (const k of x.o.needs) {
      if (pulls.has(k)) continue;
      const [dataset, date] = k.split("|") as [DatasetId, string];
      const p = (async () => deps.store.get(deps.connection(), dataset, { params: date ? { date } : {} }))();
      p.catch(() => undefined);
      pulls.set(k, p);
    }
  }
  const results: FileResult[] = [];
  for (const x of opened) {
    if (!("o" in x)) {
      results.push({ job: x.job, error: x.error, written: false });
      continue;
    }
    const { job, bytes, book, needs } = x.o;
    const failed = await firstFailure(needs.map((k) => pulls.get(k)!));
    if (failed !== undefined) {
      results.push({ job, error: failed, written: false });
      continue;
    }
    try {
      const summary = await refreshBook(new FileWorkbook(book), deps, "workbook", undefined, { forget: false });
      const replaced = opts.values ? replaceOmspanWithValues(book) : undefined;
      // Nothing of the add-in's in it: the file is left as it is (a copy, byte for byte, for --out).
      const untouched = book.pkg.touched().length === 0;
      if (!untouched || job.target !== job.source) await writeFileAtomic(job.target, untouched ? bytes : book.save(), opts.hooks);
      results.push({ job, summary, written: !untouched || job.target !== job.source, ...(replaced !== undefined ? { replaced } : {}) });
    } catch (error) {
      results.push({ job, error, written: false });
    }
  }
  return results;
}

async function firstFailure(pulls: readonly Promise<unknown>[]): Promise<unknown> {
  const settled = await Promise.allSettled(pulls);
  const bad = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  return bad ? (bad.reason ?? new Error("a pull failed")) : undefined;
}
