/**
 * The tables a report layout reads (DIPA, DataFA, IKPA per satker) from the simulator's own generator,
 * built by the core's TableBuilder — the columns and conversions of a real pull, without a server: for
 * the pane's component tests, whose jsdom has no fetch.
 */
import { datasetSpec } from "../../src/omspan/datasets/catalog";
import type { DatasetId } from "../../src/omspan/routes";
import { TableBuilder } from "../../src/omspan/columnar/table-builder";
import type { Table } from "../../src/omspan/columnar/table";
import type { TemplateData } from "../../src/omspan/templates";
// The generator's own modules, not the package index: that pulls the key signer (jose), which jsdom loads as ESM.
import { generateMinistry } from "../../src/simulator/ministry";
import { danaRecords, dipaRecords, ikpaSatkerRecords } from "../../src/simulator/records";

function table(dataset: DatasetId, rows: readonly object[]): Table {
  const builder = new TableBuilder(datasetSpec(dataset));
  builder.addPage(rows.map((r, i) => ({ ROWNUM: String(i + 1), ...r })) as never, 1);
  return builder.build();
}

export function reportTables(profile: "demo" | "full" = "demo", year = 2026): TemplateData {
  const m = generateMinistry(profile, year, { today: `${year}-11-28` });
  return { dipa: table("dipa", dipaRecords(m)), dana: table("dana", danaRecords(m)), "ikpa-satker": table("ikpa-satker", ikpaSatkerRecords(m)) };
}
