/**
 * The largest report workbook, shared by the benches that read or write it (files, siap-rapat): every
 * report template for the whole key of a profile, built into one .xlsx by src/xlsx — the datasets the
 * templates read pulled once through a Store, the grids, the evaluator, the writing.
 */
import { OmspanClient } from "../src/omspan/wire/client";
import { dataSource, type DataSource } from "../src/omspan/formulas";
import type { DatasetId } from "../src/omspan/routes";
import { Store, type Connection } from "../src/omspan/store/store";
import { buildReport, templateNeeds, TEMPLATE_IDS, type TemplateData } from "../src/omspan/templates";
import { computeReport, reportsWorkbook, type ReportSheet } from "../src/xlsx/report/report-file";

export interface ReportData {
  /** The datasets the templates read (and Realisasi, which the OMSPAN formulas read). */
  readonly needs: readonly DatasetId[];
  readonly store: Store;
  readonly data: TemplateData;
  readonly source: DataSource;
  readonly pullMs: number;
}

/** Pulls each dataset the reports read, once (a fresh Store). */
export async function pullReportData(conn: Connection): Promise<ReportData> {
  const needs = [...new Set(TEMPLATE_IDS.flatMap((t) => templateNeeds(t)).concat(["realisasi"]))] as DatasetId[];
  const t0 = performance.now();
  const store = new Store((c) => new OmspanClient(c));
  const pulled = await Promise.all(needs.map((d) => store.get(conn, d)));
  const pullMs = performance.now() - t0;
  const data = Object.fromEntries(pulled.map((p) => [p.dataset, p.table])) as unknown as TemplateData;
  return { needs, store, data, source: dataSource(...pulled), pullMs };
}

/** Every template's grid for the whole key, each formula computed (the sheets of the workbook). */
export async function reportSheets(r: ReportData, year: number, month = 9): Promise<{ sheets: ReportSheet[]; formulas: number }> {
  const sheets: ReportSheet[] = [];
  let formulas = 0;
  for (const template of TEMPLATE_IDS) {
    const { grid, counts } = buildReport({ template, scope: { kind: "all" }, month, year, lang: "id" }, r.data);
    const { valueAt } = await computeReport(grid, async () => r.source);
    sheets.push({ grid, valueAt });
    formulas += counts.omspanFormulas + counts.excelFormulas;
  }
  return { sheets, formulas };
}

/** The workbook file of all of them. */
export async function largestReportWorkbook(r: ReportData, year: number, month = 9): Promise<{ bytes: Uint8Array; formulas: number }> {
  const { sheets, formulas } = await reportSheets(r, year, month);
  return { bytes: reportsWorkbook(sheets), formulas };
}
