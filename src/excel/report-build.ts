/**
 * The pane's adapter to the report writer: pulls the tables a template's layout reads (through the session
 * store, so formulas and tables share the pull), builds the grid in the core and writes it with
 * writeReport. Outcomes, never throws: the pane shows `error` as it is (already in the user's language).
 */
import { localizeError } from "../omspan/messages";
import type { DatasetId } from "../omspan/routes";
import { buildReport, templateNeeds, type GridCounts, type ReportRequest, type TemplateData } from "../omspan/templates";
import { writeReport, type ReportWriteProgress } from "./report-writer";
import { label, type TableDeps } from "./table-outcome";
import { queued } from "./excel-queue";
import { runExcel } from "./excel-run";

export type ReportOutcome =
  | { readonly ok: true; readonly sheet: string; readonly counts: GridCounts; readonly syncs: number }
  | { readonly ok: false; readonly error: string };

export interface ReportAdapter {
  /** The tables the layout needs (DIPA first), pulled once through the store. */
  load(needs: readonly DatasetId[]): Promise<TemplateData>;
  /** Builds the request's report on a new sheet. */
  build(request: ReportRequest, onProgress?: (p: ReportWriteProgress) => void): Promise<ReportOutcome>;
}

export function reportAdapter(deps: TableDeps): ReportAdapter {
  const load = async (needs: readonly DatasetId[]): Promise<TemplateData> => {
    const conn = deps.connection();
    const pulled = await Promise.all([...new Set<DatasetId>(["dipa", ...needs])].map(async (d) => [d, (await deps.store.get(conn, d)).table] as const));
    return Object.fromEntries(pulled) as TemplateData;
  };
  return {
    load,
    async build(request, onProgress) {
      const lang = request.lang;
      try {
        const data = await load(templateNeeds(request.template));
        const { grid } = buildReport(request, data);
        const written = await queued(label(`Build report ${grid.sheetName}`, `Buat laporan ${grid.sheetName}`), () =>
          runExcel((context) => writeReport(context, grid, { lang, onProgress })),
        );
        return { ok: true, sheet: written.sheet, counts: written.counts, syncs: written.syncs };
      } catch (err) {
        return { ok: false, error: localizeError(err, lang) };
      }
    },
  };
}
