/**
 * One refresh, for every workbook (the ribbon, the pane, `omspan refresh` on files): refuse a frozen
 * workbook before anything is forgotten; forget cached data; pull every dataset the tables need once
 * (tables and formulas share the store's pull); rewrite each table only after its pull succeeded, keep it
 * as it is when the pull was answered stale; make the OMSPAN formulas current; rebuild the reports computed
 * from data (reconciliations); compare; write the change report. A failed pull or write is an outcome of that table, never the end of the refresh.
 */
import { FrozenError, InvalidArgumentError } from "../errors";
import { localizeError } from "../messages";
import type { Lang } from "../i18n";
import type { DatasetId } from "../routes";
import type { DatasetData } from "../store/dataset-data";
import { pinAsOf } from "../snapshots/pin";
import type { RegistryEntry } from "../tables";
import { keptWarning, reportRows } from "./change-report";
import { locateTables, type LocatedTable } from "./locate";
import { label, type FormulaChange, type KeptAnswer, type RefreshSummary, type TableDeps, type TableOutcome, type TableProgress } from "./outcome";
import type { FormulaCellState, RebuiltReport, TableLayout, WorkbookPort } from "./port";
import { refreshTable } from "./refresh-table";

/** What a refresh covers: the active sheet, the workbook, or one table (by its registry id or name). */
export type RefreshScope = "sheet" | "workbook" | { readonly table: string };

export interface RefreshOptions {
  /**
   * Forget the store's answers first (the user's Refresh; default). False when the caller has just pulled
   * for several workbooks at once (`omspan refresh a.xlsx b.xlsx`: each dataset once for all of them).
   */
  readonly forget?: boolean;
}

const pullKey = (e: RegistryEntry) => `${e.query.dataset}|${e.query.date ?? ""}`;
const STILL_CALCULATING = new Set(["#BUSY!", "#GETTING_DATA"]);

/** The one table a scope names, among the located ones; InvalidArgumentError when the registry lacks it. */
function targetOf(located: readonly LocatedTable[], table: string): LocatedTable {
  const hit = located.find((l) => l.entry.tableId === table || l.found?.id === table) ?? located.find((l) => l.found?.name === table || l.entry.tableName === table);
  if (!hit) throw new InvalidArgumentError("table", { en: `${table} is not an OMSPAN table of this workbook`, id: `${table} bukan tabel OMSPAN buku kerja ini` }, table);
  return hit;
}

/** Refuses a frozen workbook: the store's pin (the add-in) or the one kept in the workbook (a file). */
async function assertNotFrozen(port: WorkbookPort<TableLayout>, deps: TableDeps): Promise<void> {
  deps.store.assertNotFrozen();
  const kept = await port.readPin();
  if (kept.pin) throw new FrozenError({ asOf: pinAsOf(kept.pin) });
}

const warn = (lang: Lang, id: string, en: string, err: unknown) => `${lang === "id" ? id : en}: ${localizeError(err, lang)}`;

export async function refreshBook<L extends TableLayout>(
  port: WorkbookPort<L>,
  deps: TableDeps,
  scope: RefreshScope,
  onProgress?: (p: TableProgress) => void,
  opts: RefreshOptions = {},
): Promise<RefreshSummary> {
  const startedAt = new Date();
  const lang = deps.lang();
  await assertNotFrozen(port, deps);
  const forget = opts.forget ?? true;
  // One table forgets only its own dataset: the other tables' and formulas' data stay as they were.
  if (forget && typeof scope === "string") deps.store.invalidate();
  let sheets = typeof scope === "string" ? await port.sheets(scope) : [];
  const registry = await port.readRegistry();
  const located = await locateTables(registry.entries, await port.tables(), (t) => port.captions(t));
  const target = typeof scope === "string" ? undefined : targetOf(located, scope.table);
  if (target) {
    if (forget) deps.store.invalidate(target.entry.query.dataset);
    // The formulas re-run are the table's sheet's (a deleted table has none).
    sheets = target.found ? [target.found.sheet] : [];
  }
  const inScope = new Set(sheets.map((s) => s.toLowerCase()));
  let cells: FormulaCellState[] | undefined;
  try {
    cells = await port.scanFormulas(sheets);
  } catch (err) {
    // Counting is for the report: a workbook too large to read must not stop the refresh.
    console.warn("OMSPAN: could not read the OMSPAN formula cells", err);
  }

  const jobs = target ? [target] : located.filter((l) => (l.found ? inScope.has(l.found.sheet.toLowerCase()) : scope === "workbook"));
  // The connection is asked for inside each pull: not being connected is each table's failure, not the refresh's.
  const get = (dataset: DatasetId, params = {}) => (async () => deps.store.get(deps.connection(), dataset, { params }))();
  const pulls = new Map<string, Promise<DatasetData>>();
  for (const j of jobs) {
    if (!j.found || pulls.has(pullKey(j.entry))) continue;
    const { dataset, date } = j.entry.query;
    const pull = get(dataset, date ? { date } : {});
    pull.catch(() => undefined);
    pulls.set(pullKey(j.entry), pull);
  }
  onProgress?.({ phase: "pull", done: 0, total: pulls.size });
  const warnings: string[] = [];
  const detected = jobs.some((j) => j.found) ? await port.dateSystem() : 1900;
  if (detected === undefined) warnings.push(unknownDateSystem(lang));
  const dateSystem = detected ?? 1900;

  const outcomes: TableOutcome[] = [];
  const rewritten: string[] = [];
  const used = new Set<DatasetId>();
  const entries = new Map(registry.entries.map((e) => [e, e] as [RegistryEntry, RegistryEntry | undefined]));
  for (const job of jobs) {
    const { entry, found } = job;
    if (!found) {
      entries.set(entry, undefined);
      outcomes.push({
        table: entry.tableName, sheet: entry.sheet, dataset: entry.query.dataset, status: "deleted",
        notes: [label(`no longer in the workbook (was ${entry.address}); its query was forgotten`, `sudah tidak ada di buku kerja (dulu ${entry.address}); kuerinya dilupakan`)],
      });
      continue;
    }
    used.add(entry.query.dataset);
    let data: DatasetData;
    try {
      data = await pulls.get(pullKey(entry))!;
    } catch (err) {
      outcomes.push({ table: found.name, sheet: found.sheet, dataset: entry.query.dataset, status: "failed", notes: job.notes, error: localizeError(err, lang), address: found.address });
      continue;
    }
    const r = await refreshTable(port, { ...job, found }, data, dateSystem, lang, onProgress);
    outcomes.push(r.outcome);
    if (r.outcome.status === "refreshed" && r.outcome.address) rewritten.push(r.outcome.address);
    if (r.entry) entries.set(entry, r.entry);
    else if (job.notes.length) entries.set(entry, { ...entry, tableId: found.id, tableName: found.name, sheet: found.sheet, address: found.address });
  }
  if (jobs.length) {
    try {
      await port.writeRegistry([...entries.values()].filter((e): e is RegistryEntry => e !== undefined));
    } catch (err) {
      // The tables are already current; only their remembered as-of and position are stale.
      warnings.push(warn(lang, "Register tabel tidak tersimpan", "The table registry was not saved", err));
    }
  }

  onProgress?.({ phase: "recalculate" });
  let rerun = 0;
  let unsettled = 0;
  let notComputed: RefreshSummary["formulas"]["notComputed"];
  let formulaDatasets: readonly DatasetId[] | undefined;
  const changes: FormulaChange[] = [];
  try {
    const after = await port.recompute(sheets, cells ?? [], {
      pull: (dataset) => get(dataset),
      whenIdle: () => deps.store.whenIdle(),
      rewritten,
    });
    rerun = after.rerun;
    unsettled = after.unsettled;
    notComputed = after.notComputed;
    formulaDatasets = after.datasets;
    (cells ?? []).forEach((c, i) => {
      const now = after.values[i];
      if (now !== c.value && !(typeof now === "string" && STILL_CALCULATING.has(now))) {
        changes.push({ address: c.address, formula: c.formula, before: c.value, after: now });
      }
    });
  } catch (err) {
    // The tables are current; only the formulas' re-run or their report is incomplete.
    warnings.push(warn(lang, "Rumus OMSPAN tidak semuanya dihitung ulang", "Not every OMSPAN formula was recalculated", err));
  }
  let reports: RebuiltReport[] | undefined;
  if (port.rebuildReports && typeof scope === "string") {
    try {
      reports = await port.rebuildReports(sheets, { pull: (dataset) => get(dataset), dateSystem, lang });
      for (const r of reports) if (!r.ok) warnings.push(`${r.sheet}: ${r.error}`);
      if (reports.length) used.add("realisasi");
    } catch (err) {
      warnings.push(warn(lang, "Laporan rekonsiliasi tidak dibangun ulang", "The reconciliation reports were not rebuilt", err));
    }
  }
  const stale = keptAnswers(deps, formulaDatasets ? new Set([...used, ...formulaDatasets]) : undefined);
  if (stale.length) warnings.push(keptWarning(stale, lang));

  onProgress?.({ phase: "report" });
  const summary: RefreshSummary = {
    scope: typeof scope === "string" ? scope : "table",
    tables: outcomes,
    formulas: { cells: cells?.length, rerun, unsettled, changes, ...(notComputed?.length ? { notComputed } : {}) },
    registryProblems: registry.problems,
    ...(stale.length ? { stale } : {}),
    ...(reports?.length ? { reports } : {}),
    startedAt,
    finishedAt: new Date(),
    warnings,
  };
  let reportSheet: string | undefined;
  if (outcomes.length || changes.length || registry.problems.length || stale.length || notComputed?.length) {
    try {
      reportSheet = await port.writeChangeReport(reportRows(summary, lang));
    } catch (err) {
      warnings.push(warn(lang, "Laporan perubahan tidak tertulis", "The change report was not written", err));
    }
  }
  onProgress?.({ phase: "done" });
  return { ...summary, reportSheet };
}

/** The stale answers the store holds (of the datasets this workbook used, where that is known). */
function keptAnswers(deps: TableDeps, used: ReadonlySet<DatasetId> | undefined): KeptAnswer[] {
  const out = new Map<DatasetId, KeptAnswer>();
  for (const a of deps.store.staleAnswers()) {
    if (!a.asOf.stale || (used && !used.has(a.dataset))) continue;
    const k: KeptAnswer = { dataset: a.dataset, fetchedAt: a.asOf.fetchedAt, ...(a.asOf.maxDate !== undefined ? { maxDate: a.asOf.maxDate } : {}), stale: a.asOf.stale };
    const was = out.get(a.dataset);
    if (!was || was.fetchedAt > k.fetchedAt) out.set(a.dataset, k);
  }
  return [...out.values()];
}

/** Said when the date system could not be told (then dates are written for 1900). */
export const unknownDateSystem = (lang: Lang) =>
  lang === "id"
    ? "Sistem tanggal buku kerja tidak dapat dipastikan; tanggal ditulis untuk sistem 1900. Periksa Opsi Excel › Lanjutan › \"Gunakan sistem tanggal 1904\"."
    : "The workbook's date system could not be told; dates were written for the 1900 system. Check Excel Options › Advanced › \"Use 1904 date system\".";
