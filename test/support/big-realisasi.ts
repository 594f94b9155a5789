/**
 * A Realisasi dataset of any size for the table-writer tests and the bench: the demo ministry's rows
 * (the simulator's own generator) repeated with fresh ROWNUMs and registers, built by the core's
 * TableBuilder — the same columns and conversions as a real pull.
 */
import { datasetSpec } from "../../src/omspan/datasets/catalog";
import type { DatasetData } from "../../src/omspan/store/store";
import { TableBuilder } from "../../src/omspan/columnar/table-builder";
import { generateMinistry, realisasiRecords } from "../../src/simulator";

export function bigRealisasi(rows: number): DatasetData {
  const base = realisasiRecords(generateMinistry("demo", 2026, { today: "2026-11-28" }));
  const builder = new TableBuilder(datasetSpec("realisasi"));
  const page: Record<string, string>[] = [];
  for (let i = 0; i < rows; i++) {
    const r = base[i % base.length]!;
    const round = Math.floor(i / base.length);
    page.push({ ...r, ROWNUM: String(i + 1), KDREGISTER: round ? String(round).padStart(8, "0") : r.KDREGISTER });
  }
  builder.addPage(page, 1);
  const table = builder.build();
  return { dataset: "realisasi", params: {}, table, asOf: { fetchedAt: new Date(), maxDate: 20_419 }, pages: 1, requests: 1, memo: (_n, b) => b() };
}
