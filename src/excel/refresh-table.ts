/**
 * Refreshing one table from its pull: shape the new rows, read the table as it is now (totals row, filters)
 * and its old rows (in bounded blocks) for the change report, stop if growing or shrinking would cut
 * through a neighbouring table, stage, then place. Every failure comes back as an outcome, never as a
 * throw, and says whether the table changed.
 */
import { localizeError } from "../omspan/messages";
import { asOfCaption, diffRows, shapeTable, type CellValue, type DateSystem, type RegistryEntry } from "../omspan/tables";
import type { DatasetData } from "../omspan/store/store";
import type { Lang } from "../omspan/i18n";
import type { LocatedTable } from "./locate-tables";
import { PlacementError, replaceTable, shiftBlocker } from "./place-table";
import { readTableShape } from "./table-shape";
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
  const skipped = (en: string, id: string, extra: Partial<TableOutcome> = {}): TableRefresh => ({
    outcome: { ...base, status: "skipped", notes: [...notes, label(en, id)], ...extra },
  });
  const shaped = shapeTable(data.table, entry.query, dateSystem);
  const table = context.workbook.tables.getItem(found.id);
  const shape = await readTableShape(context, table);
  if (!shape.showHeaders) {
    return skipped("has its header row turned off: turn it on (Table Design › Header Row), then refresh", "baris judulnya dimatikan: nyalakan (Desain Tabel › Baris Judul), lalu segarkan lagi");
  }
  if (shape.box.cols !== shaped.columns.length) {
    return skipped(`has ${shape.box.cols} columns, its query ${shaped.columns.length}: not rewritten`, `memiliki ${shape.box.cols} kolom, kuerinya ${shaped.columns.length}: tidak ditulis ulang`);
  }
  const oldBlocks = await readBody(context, table.getDataBodyRange(), shape.body.rows, shape.body.cols, shaped.rowBytes);
  const oldRows = oldBlocks.flat().filter((r) => !isBlankRow(r));
  const diff = diffRows(shaped.columns, oldRows, blocksOf(shaped.rowCount, 10_000, shaped.values));
  const newBody = bodyRows(shaped);
  const extra = newBody - shape.body.rows;
  if (extra !== 0) {
    const from = shape.body.row + (extra > 0 ? shape.body.rows - 1 : newBody);
    const blocker = await shiftBlocker(context, shape.box, from, found.id);
    if (blocker) {
      return extra > 0
        ? skipped(`needs ${extra} more rows but moving the cells below would cut through ${blocker}: move it, then refresh`, `perlu ${extra} baris lagi, tetapi menggeser sel di bawahnya akan memotong ${blocker}: pindahkan, lalu segarkan lagi`, { diff })
        : skipped(`has ${-extra} rows fewer but moving the cells below up would cut through ${blocker}: move it, then refresh`, `berkurang ${-extra} baris, tetapi menggeser sel di bawahnya ke atas akan memotong ${blocker}: pindahkan, lalu segarkan lagi`, { diff });
    }
  }
  if (shape.filters.length) {
    notes.push(label("was filtered: the filters were taken off for the write and put back", "sedang difilter: filternya dilepas saat menulis lalu dipasang kembali"));
  }
  try {
    onProgress?.({ phase: "write", table: found.name, done: 0, total: shaped.rowCount });
    const staged = await stageTable(context, shaped, (p) => onProgress?.({ phase: "write", table: found.name, done: p.rowsWritten, total: p.rowCount }));
    const placed = await replaceTable(context, { table, shape, staged, newBody, caption: asOfCaption(entry.query, data.asOf) });
    for (const w of placed.warnings) notes.push(label(`its as-of line or filters could not be put back: ${w}`, `baris waktu tarik atau filternya tidak dapat dipasang kembali: ${w}`));
    const asOf = { fetchedAt: data.asOf.fetchedAt.toISOString(), ...(data.asOf.maxDate !== undefined ? { maxDate: data.asOf.maxDate } : {}) };
    return {
      outcome: { ...base, address: placed.address, status: "refreshed", notes, diff, asOf: data.asOf },
      entry: { ...entry, tableId: found.id, tableName: found.name, sheet: found.sheet, address: placed.address, asOf },
    };
  } catch (err) {
    await dropStaging(context).catch(() => undefined);
    const changed = err instanceof PlacementError && err.changed;
    return { outcome: { ...base, status: "failed", changed, notes, error: localizeError(err instanceof PlacementError ? err.cause : err, lang) } };
  }
}
