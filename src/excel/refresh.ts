/**
 * Refresh of a sheet, the workbook or one table: forget cached data; pull every dataset the tables need once
 * (tables and formulas share the store's pull); rewrite each table only after its pull succeeded;
 * recalculate this workbook's sheets so OMSPAN formulas re-run (error cells re-entered); compare; write
 * the change report. A failed pull or write is an outcome of that table, never the end of the refresh.
 */
import { InvalidArgumentError } from "../omspan/errors";
import { localizeError } from "../omspan/messages";
import type { DatasetData } from "../omspan/store/store";
import type { RegistryEntry } from "../omspan/tables";
import { detectDateSystem, readRegistry, unknownDateSystem, writeRegistry } from "./hidden-sheets";
import { locateTables, type LocatedTable } from "./locate-tables";
import { recalculate, rerunErrorCells, scanOmspanCells, settledValues, sheetsOf, type OmspanCell } from "./formula-cells";
import { runExcel } from "./excel-run";
import { refreshTable } from "./refresh-table";
import { writeChangeReport } from "./change-report";
import { label, type FormulaChange, type RefreshSummary, type TableDeps, type TableOutcome, type TableProgress } from "./table-outcome";

const pullKey = (e: RegistryEntry) => `${e.query.dataset}|${e.query.date ?? ""}`;

/** What a refresh covers: the active sheet, the workbook, or one table (by its registry id or name). */
export type RefreshScope = "sheet" | "workbook" | { readonly table: string };

/** The one table a scope names, among the located ones; InvalidArgumentError when the registry lacks it. */
function targetOf(located: readonly LocatedTable[], table: string): LocatedTable {
  const hit = located.find((l) => l.entry.tableId === table || l.found?.id === table) ?? located.find((l) => l.found?.name === table || l.entry.tableName === table);
  if (!hit) throw new InvalidArgumentError("table", { en: `${table} is not an OMSPAN table of this workbook`, id: `${table} bukan tabel OMSPAN buku kerja ini` }, table);
  return hit;
}

export async function refreshScope(deps: TableDeps, scope: RefreshScope, onProgress?: (p: TableProgress) => void): Promise<RefreshSummary> {
  const startedAt = new Date();
  const lang = deps.lang();
  // One table forgets only its own dataset: the other tables' and formulas' data stay as they were.
  if (typeof scope === "string") deps.store.invalidate();
  return runExcel(async (context) => {
    let sheets: Excel.Worksheet[] = [];
    if (typeof scope === "string") {
      sheets = await sheetsOf(context, scope);
      for (const s of sheets) s.load("name");
      await context.sync();
    }
    const registry = await readRegistry(context);
    const located = await locateTables(context, registry.entries);
    const target = typeof scope === "string" ? undefined : targetOf(located, scope.table);
    if (target) {
      deps.store.invalidate(target.entry.query.dataset);
      // The formulas re-run are the table's sheet's (a deleted table has none).
      if (target.found) sheets = [context.workbook.worksheets.getItem(target.found.sheet)];
    }
    const inScope = new Set(target ? (target.found ? [target.found.sheet] : []) : sheets.map((s) => s.name));
    let cells: OmspanCell[] | undefined;
    try {
      cells = await scanOmspanCells(context, sheets);
    } catch (err) {
      // Counting is for the report: a workbook too large to read must not stop the refresh.
      console.warn("OMSPAN: could not read the OMSPAN formula cells", err);
    }

    const jobs = target ? [target] : located.filter((l) => (l.found ? inScope.has(l.found.sheet) : scope === "workbook"));
    const pulls = new Map<string, Promise<DatasetData>>();
    for (const j of jobs) {
      if (!j.found || pulls.has(pullKey(j.entry))) continue;
      const { dataset, date } = j.entry.query;
      const pull = (async () => deps.store.get(deps.connection(), dataset, { params: date ? { date } : {} }))();
      pull.catch(() => undefined);
      pulls.set(pullKey(j.entry), pull);
    }
    onProgress?.({ phase: "pull", done: 0, total: pulls.size });
    const warnings: string[] = [];
    const detected = jobs.some((j) => j.found) ? await detectDateSystem(context) : 1900;
    if (detected === undefined) warnings.push(unknownDateSystem(lang));
    const dateSystem = detected ?? 1900;

    const outcomes: TableOutcome[] = [];
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
      let data: DatasetData;
      try {
        data = await pulls.get(pullKey(entry))!;
      } catch (err) {
        outcomes.push({ table: found.name, sheet: found.sheet, dataset: entry.query.dataset, status: "failed", notes: job.notes, error: localizeError(err, lang), address: found.address });
        continue;
      }
      const r = await refreshTable(context, { ...job, found }, data, dateSystem, lang, onProgress);
      outcomes.push(r.outcome);
      if (r.entry) entries.set(entry, r.entry);
      else if (job.notes.length) entries.set(entry, { ...entry, tableId: found.id, tableName: found.name, sheet: found.sheet, address: found.address });
    }
    if (jobs.length) {
      try {
        await writeRegistry(context, [...entries.values()].filter((e): e is RegistryEntry => e !== undefined));
        await context.sync();
      } catch (err) {
        // The tables are already current; only their remembered as-of and position are stale.
        warnings.push(`${lang === "id" ? "Register tabel tidak tersimpan" : "The table registry was not saved"}: ${localizeError(err, lang)}`);
      }
    }

    onProgress?.({ phase: "recalculate" });
    let rerun = 0;
    let unsettled = 0;
    const changes: FormulaChange[] = [];
    try {
      await recalculate(context, sheets);
      rerun = await rerunErrorCells(context, cells ?? []);
      if (cells?.length) {
        const after = await settledValues(context, cells, () => deps.store.whenIdle());
        unsettled = after.unsettled;
        cells.forEach((c, i) => {
          const now = after.values[i];
          if (now !== c.value && !(typeof now === "string" && (now === "#BUSY!" || now === "#GETTING_DATA"))) {
            changes.push({ address: c.address, formula: c.formula, before: c.value, after: now });
          }
        });
      }
    } catch (err) {
      // The tables are current; only the formulas' re-run or their report is incomplete.
      warnings.push(`${lang === "id" ? "Rumus OMSPAN tidak semuanya dihitung ulang" : "Not every OMSPAN formula was recalculated"}: ${localizeError(err, lang)}`);
    }
    onProgress?.({ phase: "report" });
    const summary: RefreshSummary = {
      scope: typeof scope === "string" ? scope : "table",
      tables: outcomes,
      formulas: { cells: cells?.length, rerun, unsettled, changes },
      registryProblems: registry.problems,
      startedAt,
      finishedAt: new Date(),
      warnings,
    };
    let reportSheet: string | undefined;
    if (outcomes.length || changes.length || registry.problems.length) {
      try {
        reportSheet = await writeChangeReport(context, summary, lang);
      } catch (err) {
        warnings.push(`${lang === "id" ? "Laporan perubahan tidak tertulis" : "The change report was not written"}: ${localizeError(err, lang)}`);
      }
    }
    onProgress?.({ phase: "done" });
    return { ...summary, reportSheet };
  });
}
