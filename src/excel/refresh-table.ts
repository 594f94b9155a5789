/**
 * Refreshing one table from its pull: shape the new rows, read the old ones (in bounded blocks) for the
 * change report, stop if growing would cut through a neighbouring table, stage, then place. Every
 * failure leaves the old table as it was and comes back as an outcome, never as a throw.
 */
import { localizeError } from "../omspan/messages";
import { asOfCaption, diffRows, shapeTable, type CellValue, type DateSystem, type RegistryEntry } from "../omspan/tables";
import type { DatasetData } from "../omspan/store";
import type { Lang } from "../omspan/i18n";
import { parseA1 } from "./a1";
import type { LocatedTable } from "./locate-tables";
import { growthBlocker, placeStaged } from "./place-table";
import { bodyRows, dropStaging, readBody, stageTable } from "./table-writer";
import { label, type TableOutcome, type TableProgress } from "./table-outcome";

const isBlankRow = (r: readonly CellValue[]) => r.every((v) => v === "" || v === null);

function* blocksOf(rows: number, size: number, get: (from: number, to: number) => CellValue[][]) {
  for (let from = 0; from < rows; from += size) yield* get(from, Math.min(rows, from + size));
}

export interface TableRefresh {
  readonly outcome: TableOutcome;
  /** The registry entry after the refresh (undefined: unchanged). */
  readonly entry?: RegistryEntry;
}

export async function refreshTable(
  context: Excel.RequestContext,
  job: LocatedTable & { found: NonNullable<LocatedTable["found"]> },
  data: DatasetData,
  dateSystem: DateSystem,
  lang: Lang,
  onProgress?: (p: TableProgress) => void,
): Promise<TableRefresh> {
  const { entry, found } = job;
  const base = { table: found.name, sheet: found.sheet, dataset: entry.query.dataset, address: found.address };
  const notes = [...job.notes];
  const shaped = shapeTable(data.table, entry.query, dateSystem);
  const box = parseA1(found.address);
  if (box.cols !== shaped.columns.length) {
    notes.push(label(`has ${box.cols} columns, its query ${shaped.columns.length}: not rewritten`, `memiliki ${box.cols} kolom, kuerinya ${shaped.columns.length}: tidak ditulis ulang`));
    return { outcome: { ...base, status: "skipped", notes } };
  }
  const table = context.workbook.tables.getItem(found.id);
  const oldBlocks = await readBody(context, table.getDataBodyRange(), box.rows - 1, box.cols, shaped.rowBytes);
  const oldRows = oldBlocks.flat().filter((r) => !isBlankRow(r));
  const diff = diffRows(shaped.columns, oldRows, blocksOf(shaped.rowCount, 10_000, shaped.values));
  const newBody = bodyRows(shaped);
  if (newBody > box.rows - 1) {
    const blocker = await growthBlocker(context, box, found.id);
    if (blocker) {
      notes.push(label(`needs ${newBody - box.rows + 1} more rows but moving the cells below would cut through ${blocker}: move it, then refresh`, `perlu ${newBody - box.rows + 1} baris lagi, tetapi menggeser sel di bawahnya akan memotong ${blocker}: pindahkan, lalu segarkan lagi`));
      return { outcome: { ...base, status: "skipped", notes, diff } };
    }
  }
  try {
    onProgress?.({ phase: "write", table: found.name, done: 0, total: shaped.rowCount });
    const staged = await stageTable(context, shaped, (p) => onProgress?.({ phase: "write", table: found.name, done: p.rowsWritten, total: p.rowCount }));
    const placed = await placeStaged(context, { box, table, staged, newBody, caption: asOfCaption(entry.query, data.asOf) });
    const asOf = { fetchedAt: data.asOf.fetchedAt.toISOString(), ...(data.asOf.maxDate !== undefined ? { maxDate: data.asOf.maxDate } : {}) };
    return {
      outcome: { ...base, address: placed.address, status: "refreshed", notes, diff, asOf: data.asOf },
      entry: { ...entry, tableId: found.id, tableName: found.name, sheet: found.sheet, address: placed.address, asOf },
    };
  } catch (err) {
    await dropStaging(context).catch(() => undefined);
    return { outcome: { ...base, status: "failed", notes, error: localizeError(err, lang) } };
  }
}
