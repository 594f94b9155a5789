/**
 * Siap Rapat's checks over a workbook model: freshness, errors, ties, domain. The datasets the figures
 * need are pulled once (through the caller's source: the store), then every check runs over the model;
 * a check that could not run says why. Pure of Office and files: the Excel adapter, the file adapter
 * and the tests all call `checkWorkbook`.
 */
import type { Label } from "../datasets/columns";
import { formulaSpec } from "../formulas";
import { localizeError } from "../messages";
import type { DatasetId } from "../routes";
import { omspanCells } from "../sheet-calc";
import { CheckContext, loadCheckData, type CheckSource } from "./context";
import { domainChecks } from "./domain";
import { errorChecks } from "./errors-check";
import { freshnessChecks } from "./freshness";
import type { WorkbookModel } from "./model";
import { gridCalcBook, readReportLayout, type ReportLayout } from "./report-layout";
import { tieMonths, tieReports, tieTotals } from "./ties";
import { CHECK_TITLES } from "./titles";
import { CHECK_IDS, CheckOptions, label, type CheckId, type CheckOptionsInput, type CheckOutcome, type CheckReport, type Finding } from "./types";

const FIGURES = new Set(["realisasi-bulanan", "ringkasan-satker", "kurva-s", "sisa-dana"]);

/** The datasets the checks compare against: those the reports read, and (live) every one the cells read. */
function wantedDatasets(model: WorkbookModel, ctxGrids: CheckContext["grids"], layouts: readonly ReportLayout[], live: boolean): Set<DatasetId> {
  const wanted = new Set<DatasetId>();
  if (layouts.some((l) => FIGURES.has(l.report.template))) for (const d of ["dipa", "realisasi", "dana"] as const) wanted.add(d);
  if (!live) return wanted;
  for (const t of model.tables) if (t.entry) wanted.add(t.entry.query.dataset);
  const named = (name: string, args: readonly unknown[]) => {
    try {
      for (const d of formulaSpec(name).prepare(args).datasets) wanted.add(d);
    } catch {
      // A wrong argument is that cell's error (errors.omspan names it).
    }
  };
  const reports = new Set(layouts.map((l) => l.grid.name.toLowerCase()));
  for (const l of layouts) for (const c of l.calls) named(c.name, c.args);
  for (const [name, grid] of ctxGrids) {
    if (reports.has(name)) continue;
    for (const c of omspanCells(gridCalcBook(grid))) if (c.name && c.args) named(c.name, c.args);
  }
  return wanted;
}

const errorLabel = (e: unknown): Label => ({ en: localizeError(e, "en"), id: localizeError(e, "id") });

export async function checkWorkbook(model: WorkbookModel, source: CheckSource, input: CheckOptionsInput = {}): Promise<CheckReport> {
  const options = CheckOptions.parse(input);
  const now = options.now ?? new Date();
  const probe = new CheckContext(model, { live: source.live, answers: new Map(), failures: new Map() }, options, now);
  const layouts = model.reports.flatMap((r) => {
    const grid = probe.grid(r.sheet);
    return grid ? [readReportLayout(r, grid)] : [];
  });
  const data = await loadCheckData(source, wantedDatasets(model, probe.grids, layouts, source.live));
  const ctx = new CheckContext(model, data, options, now);
  const found = new Map<CheckId, Finding[]>();
  const skipped = new Map<CheckId, Label>();
  const put = (id: CheckId, fs: readonly Finding[]) => found.set(id, [...(found.get(id) ?? []), ...fs]);

  const f = freshnessChecks(ctx, layouts);
  put("freshness.generation", f.generation);
  put("freshness.spread", f.spread);
  put("freshness.cutoff", f.cutoff);
  put("freshness.cutoff-age", f.cutoffAge);
  put("freshness.stale", f.stale);
  const e = errorChecks(ctx);
  put("errors.omspan", e.omspan);
  put("errors.dependent", e.dependent);
  put("errors.ref", e.ref);

  const noReports = label("no report built by the add-in in this workbook", "tidak ada laporan buatan add-in di buku kerja ini");
  const missing = (["dipa", "realisasi"] as const).find((d) => data.failures.has(d));
  if (!layouts.length) for (const id of ["ties.totals", "ties.months", "ties.reports", "domain.overspent", "domain.negative", "domain.kurva-s"] as const) skipped.set(id, noReports);
  else if (missing) {
    const why = errorLabel(data.failures.get(missing));
    for (const id of ["ties.totals", "ties.reports"] as const) skipped.set(id, label(`the ${missing} data could not be had: ${why.en}`, `data ${missing} tidak dapat diperoleh: ${why.id}`));
  }
  if (layouts.length) {
    if (!missing) {
      for (const l of layouts) put("ties.totals", tieTotals(ctx, l));
      put("ties.reports", tieReports(ctx, layouts));
    }
    for (const l of layouts) put("ties.months", tieMonths(ctx, l));
    const d = domainChecks(ctx, layouts);
    put("domain.overspent", d.overspent);
    put("domain.negative", d.negative);
    put("domain.kurva-s", d.kurva);
  }

  const rank = { info: 1, warn: 2, stop: 3 } as const;
  const outcomes: CheckOutcome[] = CHECK_IDS.map((id) => {
    const findings = found.get(id) ?? [];
    const note = skipped.get(id);
    const worst = findings.reduce<Finding["severity"] | undefined>((w, x) => (!w || rank[x.severity] > rank[w] ? x.severity : w), undefined);
    return { id, title: CHECK_TITLES[id], status: worst ?? (note ? "skipped" : "ok"), findings, examined: ctx.examined.get(id) ?? 0, ...(note ? { note } : {}) };
  });
  const all = outcomes.flatMap((o) => o.findings);
  const count = (s: Finding["severity"]) => all.filter((x) => x.severity === s).length;
  return {
    checkedAt: now,
    outcomes,
    counts: { stop: count("stop"), warn: count("warn"), info: count("info") },
    basis: source.live
      ? label("the data behind the workbook's cells", "data di balik sel buku kerja")
      : label("OMSPAN data pulled for this check", "data OMSPAN yang ditarik untuk pemeriksaan ini"),
  };
}
