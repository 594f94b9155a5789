/**
 * What the Siap Rapat tests share: a simulator on loopback with its "today" pinned (so OMSPAN's cut-off
 * is known), a Store over it, report grids built by the templates for a scope, a workbook file of them
 * written by the report writer (every value computed), and the checks run over a file's model.
 */
import { dataSource } from "../../src/omspan/formulas";
import { checkWorkbook, type CheckOptionsInput, type CheckReport, type CheckSource } from "../../src/omspan/siap-rapat";
import { Store, type Connection } from "../../src/omspan/store";
import { buildReport, templateNeeds, type ReportGrid, type ReportRequest, type TemplateData, type TemplateId } from "../../src/omspan/templates";
import { startSimulator, type RunningSimulator } from "../../src/simulator";
import { XlsxBook } from "../../src/xlsx/book";
import { computeReport, reportsWorkbook } from "../../src/xlsx/report/report-file";
import { xlsxWorkbookModel } from "../../src/xlsx/siap-rapat-model";

export interface SiapStack {
  readonly sim: RunningSimulator;
  readonly conn: Connection;
  readonly store: Store;
  readonly today: string;
  close(): Promise<void>;
}

export async function siapStack(opts: { today: string; year: number; profile?: "demo" | "full" }): Promise<SiapStack> {
  const sim = await startSimulator({ port: 0, host: "127.0.0.1", profile: opts.profile ?? "demo", today: opts.today });
  const key = await sim.mintKey({ year: opts.year });
  return { sim, conn: { baseUrl: sim.baseUrl, key }, store: new Store(), today: opts.today, close: () => sim.close() };
}

export const request = (template: TemplateId, scope: ReportRequest["scope"], month: number, year: number, lang: "id" | "en" = "id"): ReportRequest => ({ template, scope, month, year, lang });

/** The tables a template's layout reads, through the stack's store. */
export async function templateData(s: SiapStack, templates: readonly TemplateId[]): Promise<TemplateData> {
  const ids = [...new Set(templates.flatMap((t) => templateNeeds(t)))];
  const pulled = await Promise.all(ids.map((d) => s.store.get(s.conn, d)));
  return Object.fromEntries(pulled.map((d) => [d.dataset, d.table])) as unknown as TemplateData;
}

export async function grids(s: SiapStack, requests: readonly ReportRequest[]): Promise<ReportGrid[]> {
  const data = await templateData(s, requests.map((r) => r.template));
  return requests.map((r) => buildReport(r, data).grid);
}

/** A workbook file of the reports, as `omspan report build` writes one (sheet names made distinct). */
export async function reportFile(s: SiapStack, requests: readonly ReportRequest[]): Promise<Uint8Array> {
  const built = await grids(s, requests);
  const seen = new Set<string>();
  const sheets = await Promise.all(
    built.map(async (g) => {
      let name = g.sheetName;
      for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${g.sheetName.slice(0, 26)} (${n})`;
      seen.add(name.toLowerCase());
      const grid = { ...g, sheetName: name };
      const values = await computeReport(grid, async (ids) => dataSource(...(await Promise.all(ids.map((d) => s.store.get(s.conn, d))))));
      return { grid, valueAt: values.valueAt };
    }),
  );
  return reportsWorkbook(sheets);
}

export function storeSource(s: SiapStack, live = false): CheckSource {
  return { live, data: (d) => s.store.get(s.conn, d) };
}

export function checkFile(bytes: Uint8Array, source: CheckSource, opts: CheckOptionsInput = {}): Promise<CheckReport> {
  return checkWorkbook(xlsxWorkbookModel(XlsxBook.open(bytes)), source, opts);
}

/** The findings of one check. */
export const findingsOf = (r: CheckReport, id: string) => r.outcomes.find((o) => o.id === id)!.findings;
export const statusOf = (r: CheckReport, id: string) => r.outcomes.find((o) => o.id === id)!.status;

/** Noon of a day, local time (the checks count working days to the local date). */
export const noon = (day: string) => new Date(`${day}T12:00:00`);
