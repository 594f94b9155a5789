/**
 * Workbook files without Excel (figures, never pass/fail): every report template for the whole key of
 * the simulator's full profile built into one workbook by src/xlsx — the pulls, the evaluator, the
 * writing — with peak RSS; then the overlay's raw cost: rewriting N cached values of that file against
 * a plain unzip + zip of the same file (fflate), side by side.
 */
import { unzipSync, zipSync } from "fflate";
import { XlsxBook } from "../src/xlsx/book";
import { reportsWorkbook } from "../src/xlsx/report/report-file";
import type { CellWrite } from "../src/xlsx/sheet-edit";
import { pullReportData, reportSheets } from "./report-workbook";
import { mb, median, startSimulatorChild } from "./support";

const YEAR = 2026;
const RUNS = 3;

export async function runFilesBench(log: (line: string) => void): Promise<void> {
  const sim = await startSimulatorChild("full", YEAR);
  try {
    const conn = { baseUrl: sim.baseUrl, key: sim.key };
    const report = await pullReportData(conn);
    const { needs, pullMs } = report;
    const runs: { calcMs: number; writeMs: number; bytes: Uint8Array; formulas: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t1 = performance.now();
      const { sheets, formulas } = await reportSheets(report, YEAR);
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
