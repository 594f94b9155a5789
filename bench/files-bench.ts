/**
 * Workbook files without Excel (figures, never pass/fail): every report template for the whole key of
 * the simulator's full profile built into one workbook by src/xlsx — the pulls, the evaluator, the
 * writing — with peak RSS; then the overlay's raw cost: rewriting N cached values of that file against
 * a plain unzip + zip of the same file (fflate), side by side.
 */
import { unzipSync, zipSync } from "fflate";
import { OmspanClient } from "../src/omspan/wire/client";
import { dataSource } from "../src/omspan/formulas";
import type { DatasetId } from "../src/omspan/routes";
import { Store } from "../src/omspan/store/store";
import { buildReport, templateNeeds, TEMPLATE_IDS, type TemplateData } from "../src/omspan/templates";
import { XlsxBook } from "../src/xlsx/book";
import { computeReport, reportsWorkbook, type ReportSheet } from "../src/xlsx/report/report-file";
import type { CellWrite } from "../src/xlsx/sheet-edit";
import { mb, median, startSimulatorChild } from "./support";

const YEAR = 2026;
const RUNS = 3;

export async function runFilesBench(log: (line: string) => void): Promise<void> {
  const sim = await startSimulatorChild("full", YEAR);
  try {
    const conn = { baseUrl: sim.baseUrl, key: sim.key };
    const needs = [...new Set(TEMPLATE_IDS.flatMap((t) => templateNeeds(t)).concat(["realisasi"]))] as DatasetId[];
    // The pulls' floor: each dataset the reports read, pulled once.
    const t0 = performance.now();
    const store = new Store((c) => new OmspanClient(c));
    const pulled = await Promise.all(needs.map((d) => store.get(conn, d)));
    const pullMs = performance.now() - t0;
    const data = Object.fromEntries(pulled.map((p) => [p.dataset, p.table])) as unknown as TemplateData;
    const source = dataSource(...pulled);
    const runs: { calcMs: number; writeMs: number; bytes: Uint8Array; formulas: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t1 = performance.now();
      const sheets: ReportSheet[] = [];
      let formulas = 0;
      for (const template of TEMPLATE_IDS) {
        const { grid, counts } = buildReport({ template, scope: { kind: "all" }, month: 9, year: YEAR, lang: "id" }, data);
        const { valueAt } = await computeReport(grid, async () => source);
        sheets.push({ grid, valueAt });
        formulas += counts.omspanFormulas + counts.excelFormulas;
      }
      const t2 = performance.now();
      const bytes = reportsWorkbook(sheets);
      runs.push({ calcMs: t2 - t1, writeMs: performance.now() - t2, bytes, formulas });
    }
    const last = runs.at(-1)!;
    const calc = median(runs.map((r) => r.calcMs));
    const write = median(runs.map((r) => r.writeMs));
    log(`every template, whole key of the full profile (month 9), one workbook (${RUNS} runs):`);
    log(`  formulas computed: ${last.formulas.toLocaleString("en")}   file: ${mb(last.bytes.length)}`);
    log(`  pulls (${needs.join(", ")}), once: ${pullMs.toFixed(0)} ms`);
    log(`  grids + evaluator: ${calc.toFixed(0)} ms   writing the .xlsx: ${write.toFixed(0)} ms   report build: ${(calc + write).toFixed(0)} ms (+ pulls ${(pullMs + calc + write).toFixed(0)} ms)`);
    log(`  peak RSS: ${mb(process.resourceUsage().maxRSS * 1024)}`);

    // The overlay's raw cost against a plain unzip + zip of the same file.
    const overlay: number[] = [];
    const plain: number[] = [];
    let rewritten = 0;
    for (let i = 0; i < RUNS; i++) {
      const t3 = performance.now();
      const book = XlsxBook.open(last.bytes);
      rewritten = 0;
      for (const s of book.sheets()) {
        const writes: CellWrite[] = [];
        for (const c of book.scan(s.name).cells) {
          if (!c.formula || typeof c.value !== "number") continue;
          writes.push({ row: c.row, col: c.col, content: { kind: "formula", formula: c.formula.text, value: c.value + 1, array: c.formula.ref, cm: c.cm } });
        }
        book.writeCells(s.name, writes);
        rewritten += writes.length;
      }
      book.save();
      overlay.push(performance.now() - t3);
      const t4 = performance.now();
      zipSync(unzipSync(last.bytes), { level: 6 });
      plain.push(performance.now() - t4);
    }
    const o = median(overlay);
    const z = median(plain);
    log(`overlay rewriting ${rewritten.toLocaleString("en")} cached values of that file: ${o.toFixed(0)} ms   unzip + zip of the same file: ${z.toFixed(0)} ms   ratio ${(o / z).toFixed(2)}`);
  } finally {
    await sim.close();
  }
}
