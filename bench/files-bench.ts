/**
 * Workbook files without Excel (figures, never pass/fail): every report template for the whole key of
 * the simulator's full profile built into one workbook by src/xlsx — the pulls, the evaluator, the
 * writing — with peak RSS; the overlay's raw cost: rewriting N cached values of that file against a plain
 * unzip + zip of the same file (fflate), side by side; then `omspan refresh` of that workbook a week later
 * (the simulator's "today" moved seven days, so values really change), each run in a child process of its
 * own (files-refresh-child.ts) against the floor measured the same way: each dataset it needs pulled once,
 * plus unzip + zip of the same file.
 */
import { spawn } from "node:child_process";
import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { unzipSync, zipSync } from "fflate";
import { XlsxBook } from "../src/xlsx/book";
import { reportsWorkbook } from "../src/xlsx/report/report-file";
import type { CellWrite } from "../src/xlsx/sheet-edit";
import { pullReportData, reportSheets } from "./report-workbook";
import { mb, median, startSimulatorChild } from "./support";

const YEAR = 2026;
/** November: the month a week's move of "today" (21 → 28 November) changes. */
const MONTH = 11;
const BUILT_ON = `${YEAR}-11-21`;
const REFRESHED_ON = `${YEAR}-11-28`;
const RUNS = 3;

export async function runFilesBench(log: (line: string) => void): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "omspan-files-bench-"));
  try {
    const built = await buildAndOverlay(log);
    const file = path.join(dir, "laporan.xlsx");
    await writeFile(file, built);
    await refreshBench(log, dir, file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function buildAndOverlay(log: (line: string) => void): Promise<Uint8Array> {
  const sim = await startSimulatorChild("full", YEAR, BUILT_ON);
  try {
    const conn = { baseUrl: sim.baseUrl, key: sim.key };
    const report = await pullReportData(conn);
    const { needs, pullMs } = report;
    const runs: { calcMs: number; writeMs: number; bytes: Uint8Array; formulas: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t1 = performance.now();
      const { sheets, formulas } = await reportSheets(report, YEAR, MONTH);
      const t2 = performance.now();
      const bytes = reportsWorkbook(sheets);
      runs.push({ calcMs: t2 - t1, writeMs: performance.now() - t2, bytes, formulas });
    }
    const last = runs.at(-1)!;
    const calc = median(runs.map((r) => r.calcMs));
    const write = median(runs.map((r) => r.writeMs));
    log(`every template, whole key of the full profile (month ${MONTH}, today ${BUILT_ON}), one workbook (${RUNS} runs):`);
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
    return last.bytes;
  } finally {
    await sim.close();
  }
}

interface ChildRun {
  readonly out: Record<string, unknown>;
  readonly stderr: string;
}

/** Runs files-refresh-child.ts in a fresh Node (the same TypeScript loader as bin/omspan.js). */
function child(args: readonly string[]): Promise<ChildRun> {
  const script = path.join(__dirname, "files-refresh-child.ts");
  const p = spawn(process.execPath, ["-r", path.join(__dirname, "..", "bin", "register-ts.js"), script, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  p.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  p.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) =>
    p.once("exit", (code) => {
      const line = stdout.trim().split("\n").at(-1) ?? "";
      if (code !== 0 || !line.startsWith("{")) reject(new Error(`bench child ${args[0]} exited ${code}: ${stderr}`));
      else resolve({ out: JSON.parse(line) as Record<string, unknown>, stderr: stderr.trim() });
    }),
  );
}

async function refreshBench(log: (line: string) => void, dir: string, built: string): Promise<void> {
  const sim = await startSimulatorChild("full", YEAR, REFRESHED_ON);
  try {
    const keyFile = path.join(dir, "omspan.key");
    await writeFile(keyFile, sim.key, { mode: 0o600 });
    const rows: { refreshMs: number; pullMs: number; zipMs: number; maxRss: number; startRss: number; line: string; datasets: string }[] = [];
    for (let i = 0; i < RUNS; i++) {
      // A fresh copy of the built file each run: every run rewrites last week's values.
      const file = path.join(dir, `run-${i}.xlsx`);
      await copyFile(built, file);
      const floor = await child(["floor", file, sim.baseUrl, keyFile]);
      const refresh = await child(["refresh", file, sim.baseUrl, keyFile]);
      if (refresh.out.code !== 0) throw new Error(`omspan refresh exited ${String(refresh.out.code)}: ${refresh.stderr}`);
      rows.push({
        refreshMs: refresh.out.ms as number,
        pullMs: floor.out.pullMs as number,
        zipMs: floor.out.zipMs as number,
        maxRss: refresh.out.maxRss as number,
        startRss: refresh.out.startRss as number,
        line: refresh.stderr,
        datasets: (floor.out.datasets as string[]).join(", "),
      });
      await rm(file, { force: true });
    }
    const ratios = rows.map((r) => r.refreshMs / (r.pullMs + r.zipMs));
    const refreshMs = median(rows.map((r) => r.refreshMs));
    const pullMs = median(rows.map((r) => r.pullMs));
    const zipMs = median(rows.map((r) => r.zipMs));
    log(`omspan refresh of that workbook a week later (today ${REFRESHED_ON}), each run a child process (${RUNS} runs):`);
    log(`  ${rows.at(-1)!.line}`);
    log(`  refresh: ${refreshMs.toFixed(0)} ms   floor: pulls (${rows[0]!.datasets}) once ${pullMs.toFixed(0)} ms + unzip/zip ${zipMs.toFixed(0)} ms`);
    log(`  refresh ÷ floor: ${median(ratios).toFixed(2)} (runs ${ratios.map((r) => r.toFixed(2)).join(", ")}; goal ≤ 1.5)`);
    log(`  peak RSS of the refreshing process: ${mb(Math.max(...rows.map((r) => r.maxRss)))} (of which Node + modules at start: ${mb(median(rows.map((r) => r.startRss)))})`);
  } finally {
    await sim.close();
  }
}
