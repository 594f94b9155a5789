/**
 * Report writer benchmark (figures, never pass/fail): every template built for the whole key of the
 * simulator's full profile (~510 satker), the largest written through the report writer into the Excel
 * stand-in — syncs, formulas (OMSPAN and ordinary), the largest request against the 5 MB limit, and the
 * build time (core grid + writer; the stand-in's applying, Excel's own work, printed apart).
 */
import { writeReport } from "../src/excel/report-writer";
import { OmspanClient } from "../src/omspan/wire/client";
import { Store } from "../src/omspan/store/store";
import { buildReport, TEMPLATE_IDS, type ReportGrid } from "../src/omspan/templates";
import { installExcelStandin, PAYLOAD_LIMIT } from "../test/support/excel-standin";
import { mb, median, startSimulatorChild } from "./support";

const YEAR = 2026;
const RUNS = 3;

export async function runReportsBench(log: (line: string) => void): Promise<void> {
  const sim = await startSimulatorChild("full", YEAR);
  try {
    const conn = { baseUrl: sim.baseUrl, key: sim.key };
    const store = new Store((c) => new OmspanClient(c));
    const [dipa, dana, ikpa] = await Promise.all((["dipa", "dana", "ikpa-satker"] as const).map((d) => store.get(conn, d)));
    const data = { dipa: dipa!.table, dana: dana!.table, "ikpa-satker": ikpa!.table };
    const request = (template: (typeof TEMPLATE_IDS)[number]) => ({ template, scope: { kind: "all" }, month: 9, year: YEAR, lang: "id" });
    const size = (g: ReportGrid) => g.cells.length * (g.cells[0]?.length ?? 0);
    log("reports, whole key of the full profile (month 9):");
    let largest: { template: string; grid: ReportGrid } | undefined;
    for (const template of TEMPLATE_IDS) {
      const { grid, counts } = buildReport(request(template), data);
      log(`  ${template.padEnd(18)} ${String(counts.rows).padStart(6)} rows × ${counts.columns} cols, ${counts.omspanFormulas} OMSPAN + ${counts.excelFormulas} Excel formulas`);
      if (!largest || size(grid) > size(largest.grid)) largest = { template, grid };
    }
    const runs: { ms: number; applyMs: number; syncs: number; largestRequest: number; formulas: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const xl = installExcelStandin({ sheets: ["Sheet1"] });
      try {
        const t0 = performance.now();
        const { grid, counts } = buildReport(request(largest!.template as never), data);
        await Excel.run((ctx) => writeReport(ctx as unknown as Excel.RequestContext, grid, { lang: "id" }));
        const ms = performance.now() - t0;
        runs.push({
          ms,
          applyMs: xl.syncs.reduce((n, s) => n + s.applyMs, 0),
          syncs: xl.syncs.length,
          largestRequest: Math.max(...xl.syncs.map((s) => s.requestBytes)),
          formulas: counts.omspanFormulas + counts.excelFormulas,
        });
      } finally {
        xl.uninstall();
      }
    }
    const last = runs.at(-1)!;
    log(`largest, ${largest!.template}, written into the Excel stand-in (${RUNS} runs):`);
    log(`  syncs: ${last.syncs}   formulas: ${last.formulas.toLocaleString("en")}`);
    log(`  largest request: ${mb(last.largestRequest)} (${last.largestRequest.toLocaleString("en")} bytes) vs limit ${mb(PAYLOAD_LIMIT)}: ${last.largestRequest < PAYLOAD_LIMIT ? "under" : "OVER"}`);
    log(`  build time (grid + writer): ${median(runs.map((r) => r.ms - r.applyMs)).toFixed(0)} ms (+ ${median(runs.map((r) => r.applyMs)).toFixed(0)} ms the stand-in applying, Excel's work)`);
  } finally {
    await sim.close();
  }
}
