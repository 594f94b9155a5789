/**
 * Siap Rapat over the largest report workbook (figures, never pass/fail): every template for the whole
 * key of the simulator's full profile, one .xlsx written by src/xlsx (bench/report-workbook.ts), checked
 * as `omspan check` does — the model read from the file (the overlay's scan of every sheet into blocks),
 * then checkWorkbook against OMSPAN data pulled once beforehand (the pull timed on its own, so the runs
 * time the checks alone). For each step: the median time of bounded runs, the heap it allocates
 * (heapUsed + arrayBuffers before any collection) and what its result holds after one; peak RSS; the
 * findings per check and what each examined.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DatasetId } from "../src/omspan/routes";
import { checkWorkbook, type CheckReport, type CheckSource, type WorkbookModel } from "../src/omspan/siap-rapat";
import { Store } from "../src/omspan/store/store";
import { OmspanClient } from "../src/omspan/wire/client";
import { XlsxBook } from "../src/xlsx/book";
import { xlsxWorkbookModel } from "../src/xlsx/siap-rapat-model";
import { largestReportWorkbook, pullReportData } from "./report-workbook";
import { mb, median, startSimulatorChild } from "./support";

const YEAR = 2026;
/** Bounded: two cores, shared. */
const RUNS = 3;
const gcFn = (globalThis as { gc?: () => void }).gc;
/** A full collection, then a moment for V8 to release the buffers it collected (arrayBuffers lag). */
async function settle(): Promise<void> {
  gcFn?.();
  await new Promise((r) => setTimeout(r, 50));
  gcFn?.();
}
const used = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

/** A step run RUNS times after a warm-up: median time, the most a run allocated, what its result holds. */
async function measure<T>(step: () => T | Promise<T>): Promise<{ ms: number; allocated: number; held: number; result: T }> {
  await step();
  const times: number[] = [];
  let allocated = 0;
  for (let i = 0; i < RUNS; i++) {
    await settle();
    const before = used();
    const t0 = performance.now();
    await step();
    times.push(performance.now() - t0);
    allocated = Math.max(allocated, used() - before);
  }
  await settle();
  const before = used();
  const result = await step();
  await settle();
  return { ms: median(times), allocated, held: used() - before, result };
}

/** `omspan check FILE` as a user runs it, in its own process: wall time, exit code, its peak RSS. */
function cliCheck(file: string, baseUrl: string, key: string): Promise<{ ms: number; code: number | null; rss: number }> {
  const root = path.resolve(__dirname, "..");
  const args = ["-r", path.join(root, "bench", "rss-on-exit.js"), path.join(root, "bin", "omspan.js"), "check", file, "--json", "--upstream", baseUrl, "--today", `${YEAR}-10-15`];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    // The key by environment, never on a command line.
    const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, OMSPAN_KEY: key } });
    let err = "";
    child.stderr!.on("data", (c: Buffer) => (err += c.toString()));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ ms: performance.now() - t0, code, rss: Number(/omspan-bench-maxrss (\d+)/.exec(err)?.[1] ?? NaN) }));
  });
}

const cellsOf = (m: WorkbookModel) => m.sheets.reduce((n, s) => n + s.blocks.reduce((k, b) => k + b.values.reduce((j, r) => j + r.length, 0), 0), 0);

export async function runSiapRapatBench(log: (line: string) => void): Promise<void> {
  const sim = await startSimulatorChild("full", YEAR);
  try {
    const conn = { baseUrl: sim.baseUrl, key: sim.key };
    const b0 = performance.now();
    const built = await largestReportWorkbook(await pullReportData(conn), YEAR);
    const bytes = built.bytes;
    log(`the workbook: every template, whole key of the full profile (month 9): ${mb(bytes.length)}, ${built.formulas.toLocaleString("en")} formulas, built in ${((performance.now() - b0) / 1000).toFixed(1)} s (not part of the figures)`);

    // The data the checks compare against, pulled once through a fresh Store (as `omspan check` does).
    const store = new Store((c) => new OmspanClient(c));
    const asked = new Set<DatasetId>();
    const source: CheckSource = { live: false, data: (d) => (asked.add(d), store.get(conn, d)) };
    const p0 = performance.now();
    await Promise.all((["dipa", "realisasi", "dana"] as const).map((d) => store.get(conn, d)));
    const pullMs = performance.now() - p0;

    const read = await measure(() => xlsxWorkbookModel(XlsxBook.open(bytes)));
    const model = read.result;
    const check = await measure(() => checkWorkbook(model, source, { now: new Date(`${YEAR}-10-15T12:00:00`) }));
    const report: CheckReport = check.result;

    log(`  model: ${model.sheets.length} sheets, ${model.reports.length} reports, ${cellsOf(model).toLocaleString("en")} cells in blocks`);
    log(`  pull of the data compared against (${[...asked].join(", ")}), once: ${pullMs.toFixed(0)} ms`);
    log(`  reading the model from the file: ${read.ms.toFixed(0)} ms (median of ${RUNS}); heap ${mb(read.allocated)} allocated, ${mb(read.held)} held by the model`);
    log(`  checkWorkbook, data held: ${check.ms.toFixed(0)} ms (median of ${RUNS}); heap ${mb(check.allocated)} allocated, ${mb(check.held)} held by its report`);
    log(`  omspan check's work without the pull: ${(read.ms + check.ms).toFixed(0)} ms (+ pull ${(pullMs + read.ms + check.ms).toFixed(0)} ms)`);
    log(`  peak RSS of this process (the workbook build included): ${mb(process.resourceUsage().maxRSS * 1024)}`);
    const dir = mkdtempSync(path.join(os.tmpdir(), "omspan-bench-check-"));
    try {
      const file = path.join(dir, "rapat.xlsx");
      writeFileSync(file, bytes);
      const cli = [];
      for (let i = 0; i < 2; i++) cli.push(await cliCheck(file, sim.baseUrl, sim.key));
      const best = cli.reduce((a, b) => (b.ms < a.ms ? b : a));
      log(`  \`omspan check rapat.xlsx --json\` in its own process (node start, pulls, read, checks; best of ${cli.length}): ${best.ms.toFixed(0)} ms, exit ${best.code}, peak RSS ${mb(best.rss)}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const { stop, warn, info } = report.counts;
    log(`  findings: stop ${stop} · warn ${warn} · info ${info}`);
    for (const o of report.outcomes) {
      const by = (s: string) => o.findings.filter((f) => f.severity === s).length;
      log(`    ${o.id.padEnd(22)} ${o.status.padEnd(8)} examined ${String(o.examined).padStart(8)}   stop ${by("stop")} warn ${by("warn")} info ${by("info")}`);
    }
  } finally {
    await sim.close();
  }
}
