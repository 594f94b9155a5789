/**
 * Table writer benchmark (figures, never pass/fail): a 100,000-row Realisasi table written through the
 * one table writer into the Excel stand-in — the number of syncs, the largest request, and the time
 * against the floor (the same cell values serialised once, JSON.stringify of the whole block), printed
 * as a ratio. Goal: largest request < 4 MB, ratio ≤ 2. The stand-in serialises every request to measure
 * it (as Office.js must, to send it) — that counts; the time it then spends applying the operations to
 * its cells stands for Excel's own work and is printed separately and subtracted for the ratio (the
 * ratio with it is printed too).
 */
import { parseTableQuery, shapeTable } from "../src/omspan/tables";
import { placeNew } from "../src/excel/place-table";
import { stageTable } from "../src/excel/table-writer";
import { installExcelStandin } from "../test/support/excel-standin";
import { bigRealisasi } from "../test/support/big-realisasi";
import { mb, median } from "./support";

const ROWS = 100_000;
const RUNS = 5;

interface Run {
  readonly ms: number;
  /** The stand-in applying operations (Excel's work). */
  readonly applyMs: number;
  readonly syncs: number;
  readonly largest: number;
}

async function writeOnce(shapedRows: number): Promise<Run> {
  const xl = installExcelStandin({ sheets: ["Data"] });
  try {
    const data = bigRealisasi(ROWS);
    const query = parseTableQuery({ version: 1, dataset: "realisasi", lang: "id" });
    const t0 = performance.now();
    await Excel.run(async (ctx) => {
      const shaped = shapeTable(data.table, query);
      if (shaped.rowCount !== shapedRows) throw new Error("unexpected row count");
      const staged = await stageTable(ctx, shaped);
      await placeNew(ctx, { box: { sheet: "Data", row: 1, col: 0, rows: 1, cols: shaped.columns.length }, staged, newBody: shaped.rowCount, name: "OMSPAN_realisasi" });
    });
    const ms = performance.now() - t0;
    const applyMs = xl.syncs.reduce((n, s) => n + s.applyMs, 0);
    return { ms, applyMs, syncs: xl.syncs.length, largest: Math.max(...xl.syncs.map((s) => s.requestBytes)) };
  } finally {
    xl.uninstall();
  }
}

function floorOnce(): number {
  const data = bigRealisasi(ROWS);
  const shaped = shapeTable(data.table, parseTableQuery({ version: 1, dataset: "realisasi", lang: "id" }));
  const cells = shaped.cells(0, shaped.rowCount);
  const t0 = performance.now();
  const json = JSON.stringify(cells);
  const ms = performance.now() - t0;
  if (json.length < ROWS) throw new Error("floor too small");
  return ms;
}

export async function runTablesBench(log: (line: string) => void): Promise<void> {
  const runs: Run[] = [];
  const floors: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Alternate which goes first: a shared machine's drift then falls on both.
    if (i % 2) floors.push(floorOnce());
    runs.push(await writeOnce(ROWS));
    if (!(i % 2)) floors.push(floorOnce());
  }
  const last = runs.at(-1)!;
  const ours = runs.map((r) => r.ms - r.applyMs);
  const ratios = ours.map((o, i) => o / floors[i]!);
  const withExcel = runs.map((r, i) => r.ms / floors[i]!);
  log(`table writer, ${ROWS.toLocaleString("en")} Realisasi rows × 16 columns into the Excel stand-in (${RUNS} runs):`);
  log(`  syncs: ${last.syncs}   largest request: ${mb(last.largest)} (${last.largest.toLocaleString("en")} bytes; goal < 4 MB)`);
  log(`  writer time: ${median(ours).toFixed(0)} ms (+ ${median(runs.map((r) => r.applyMs)).toFixed(0)} ms the stand-in applying them, Excel's work)`);
  log(`  floor (same values JSON.stringify'd once): ${median(floors).toFixed(0)} ms`);
  log(`  ratio writer/floor (median of runs): ${median(ratios).toFixed(2)}   (goal ≤ 2)   with the stand-in's applying: ${median(withExcel).toFixed(2)}`);
}
