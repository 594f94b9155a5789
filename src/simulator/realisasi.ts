/**
 * The Realisasi table: every visible payment row of the ministry, columnar (typed arrays) so the full
 * profile's ~400,000 rows cost a few megabytes, and records are built only for the page being served.
 *
 * Row order is the ROWNUM order and is stable: by payment day, then DIPA line order, then the line's own
 * payment order. New days only ever append, so a row keeps its number as the cut-off moves forward.
 */
import { daysInYear, isWorkingDay } from "./calendar";
import type { DipaLine } from "./dipa";
import { planLine } from "./realisasi-plan";

/** Columnar realisation rows up to the cut-off. */
export interface RealisasiTable {
  readonly length: number;
  /** Index into the ministry's DIPA lines. */
  readonly line: Int32Array;
  /** Day index in the fiscal year (TANGGAL). */
  readonly day: Uint16Array;
  /** Whole rupiah; negative on correction rows. */
  readonly amount: Float64Array;
}

/** Builds the visible rows (day ≤ cutoff) of a year's realisation; cutoff null means none yet. */
export function buildRealisasi(year: number, lines: readonly DipaLine[], cutoff: number | null): RealisasiTable {
  const empty = { length: 0, line: new Int32Array(0), day: new Uint16Array(0), amount: new Float64Array(0) };
  if (cutoff === null) return empty;
  const lastDay = daysInYear(year) - 1;
  const working = new Uint8Array(lastDay + 1);
  for (let d = 0; d <= lastDay; d++) working[d] = isWorkingDay(year, d) ? 1 : 0;
  const isWorking = (d: number) => working[d] === 1;

  const buckets: number[][] = Array.from({ length: lastDay + 1 }, () => []);
  let count = 0;
  let lineNo = 0;
  let satker = "";
  lines.forEach((line, idx) => {
    lineNo = line.satker.kode === satker ? lineNo + 1 : 0;
    satker = line.satker.kode;
    for (const p of planLine(year, line, lineNo, lastDay, isWorking)) {
      if (p.day > cutoff) continue;
      buckets[p.day]!.push(idx, p.amount);
      count++;
    }
  });

  const table = { length: count, line: new Int32Array(count), day: new Uint16Array(count), amount: new Float64Array(count) };
  let r = 0;
  buckets.forEach((bucket, day) => {
    for (let i = 0; i < bucket.length; i += 2) {
      table.line[r] = bucket[i]!;
      table.day[r] = day;
      table.amount[r] = bucket[i + 1]!;
      r++;
    }
  });
  return table;
}

/** Realisation per DIPA line over the visible rows. */
export function actualPerLine(table: RealisasiTable, lineCount: number): Float64Array {
  const out = new Float64Array(lineCount);
  for (let i = 0; i < table.length; i++) out[table.line[i]!]! += table.amount[i]!;
  return out;
}
