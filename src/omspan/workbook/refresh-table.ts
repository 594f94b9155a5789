/**
 * Refreshing one table from its pull, on any workbook: shape the new rows, read the table as it is now
 * and its old rows (in bounded blocks) for the change report, stop before changing anything if growing or
 * shrinking would run into something, then replace it whole. A stale answer (OMSPAN could not be reached:
 * an older copy answered) never replaces a table: the table stays as it is and its as-of line says it is
 * stale. Every failure comes back as an outcome, never as a throw, and says whether the table changed.
 */
import { localizeError } from "../messages";
import { asOfStatus, type AsOf } from "../store/as-of";
import type { DatasetData } from "../store/dataset-data";
import type { Lang } from "../i18n";
import { asOfCaption, bodyRows, diffRows, shapeTable, type CellValue, type DateSystem, type RegistryEntry } from "../tables";
import type { LocatedTable } from "./locate";
import { label, type TableOutcome, type TableProgress } from "./outcome";
import { isPlacementError } from "./placement-error";
import type { TableLayout, WorkbookPort } from "./port";

const isBlankRow = (r: readonly CellValue[]) => r.every((v) => v === "" || v === null);

function* blocksOf(rows: number, size: number, get: (from: number, to: number) => CellValue[][]) {
  for (let from = 0; from < rows; from += size) yield* get(from, Math.min(rows, from + size));
}

export interface TableRefresh {
  readonly outcome: TableOutcome;
  /** The registry entry after the refresh (undefined: unchanged). */
  readonly entry?: RegistryEntry;
}

export type FoundTable = LocatedTable & { found: NonNullable<LocatedTable["found"]> };

/** What the table shows now, for a table kept as it was: its own as-of (from the registry), marked stale. */
function keptAsOf(entry: RegistryEntry, data: DatasetData): AsOf {
  const own = entry.asOf ? { fetchedAt: new Date(entry.asOf.fetchedAt), ...(entry.asOf.maxDate !== undefined ? { maxDate: entry.asOf.maxDate } : {}) } : { fetchedAt: data.asOf.fetchedAt };
  return { ...own, ...(data.asOf.stale ? { stale: data.asOf.stale } : {}) };
}

async function keepStale<L extends TableLayout>(port: WorkbookPort<L>, job: FoundTable, data: DatasetData): Promise<TableRefresh> {
  const { entry, found } = job;
  const asOf = keptAsOf(entry, data);
  const notes = [...job.notes];
  const pulled = data.asOf.fetchedAt.toISOString().slice(0, 16).replace("T", " ");
  notes.push(
    label(
      `kept as it was: OMSPAN could not be reached (the newest copy here was pulled ${pulled} UTC); its as-of line says it is stale`,
      `dibiarkan seperti semula: OMSPAN tidak dapat dihubungi (salinan terbaru di sini ditarik ${pulled} UTC); baris waktu tariknya menyatakan data lama`,
    ),
  );
  try {
    await port.writeCaption(found, asOfCaption(entry.query, asOf));
  } catch (err) {
    notes.push(label(`its as-of line could not be rewritten: ${err instanceof Error ? err.message : String(err)}`, `baris waktu tariknya tidak dapat ditulis ulang: ${err instanceof Error ? err.message : String(err)}`));
  }
  return { outcome: { table: found.name, sheet: found.sheet, dataset: entry.query.dataset, address: found.address, status: "skipped", reason: "stale", notes, asOf } };
}

export async function refreshTable<L extends TableLayout>(
  port: WorkbookPort<L>,
  job: FoundTable,
  data: DatasetData,
  dateSystem: DateSystem,
  lang: Lang,
  onProgress?: (p: TableProgress) => void,
): Promise<TableRefresh> {
  const { entry, found } = job;
  if (asOfStatus(data.asOf) === "stale") return keepStale(port, job, data);
  const base = { table: found.name, sheet: found.sheet, dataset: entry.query.dataset, address: found.address };
  const notes = [...job.notes];
  const skipped = (en: string, id: string, extra: Partial<TableOutcome> = {}): TableRefresh => ({
    outcome: { ...base, status: "skipped", notes: [...notes, label(en, id)], ...extra },
  });
  const shaped = shapeTable(data.table, entry.query, dateSystem);
  const layout = await port.layout(found);
  if (!layout.showHeaders) {
    return skipped("has its header row turned off: turn it on (Table Design › Header Row), then refresh", "baris judulnya dimatikan: nyalakan (Desain Tabel › Baris Judul), lalu segarkan lagi", { reason: "shape" });
  }
  if (layout.columns !== shaped.columns.length) {
    return skipped(`has ${layout.columns} columns, its query ${shaped.columns.length}: not rewritten`, `memiliki ${layout.columns} kolom, kuerinya ${shaped.columns.length}: tidak ditulis ulang`, { reason: "shape" });
  }
  if (layout.refusal) return skipped(layout.refusal.en, layout.refusal.id, { reason: "shape" });
  const oldBlocks = await port.readBody(found, layout, shaped.rowBytes);
  const oldRows = oldBlocks.flat().filter((r) => !isBlankRow(r));
  const diff = diffRows(shaped.columns, oldRows, blocksOf(shaped.rowCount, 10_000, shaped.values));
  const newBody = bodyRows(shaped);
  const extra = newBody - layout.bodyRows;
  if (extra !== 0) {
    const b = await port.blocker(found, layout, newBody);
    if (b) {
      const extraOf = { diff, reason: "blocked" as const };
      if (b.kind === "occupied") {
        return skipped(`needs ${extra} more rows but would grow into ${b.what}, which is in use: move it, then refresh`, `perlu ${extra} baris lagi, tetapi akan tumbuh ke ${b.what} yang sedang dipakai: pindahkan, lalu segarkan lagi`, extraOf);
      }
      return extra > 0
        ? skipped(`needs ${extra} more rows but moving the cells below would cut through ${b.what}: move it, then refresh`, `perlu ${extra} baris lagi, tetapi menggeser sel di bawahnya akan memotong ${b.what}: pindahkan, lalu segarkan lagi`, extraOf)
        : skipped(`has ${-extra} rows fewer but moving the cells below up would cut through ${b.what}: move it, then refresh`, `berkurang ${-extra} baris, tetapi menggeser sel di bawahnya ke atas akan memotong ${b.what}: pindahkan, lalu segarkan lagi`, extraOf);
    }
  }
  if (layout.filtered) {
    notes.push(label("was filtered: the filters were taken off for the write and put back", "sedang difilter: filternya dilepas saat menulis lalu dipasang kembali"));
  }
  try {
    onProgress?.({ phase: "write", table: found.name, done: 0, total: shaped.rowCount });
    const placed = await port.replace(found, layout, {
      shaped,
      bodyRows: newBody,
      caption: asOfCaption(entry.query, data.asOf),
      onRows: (done, total) => onProgress?.({ phase: "write", table: found.name, done, total }),
    });
    for (const w of placed.warnings) notes.push(label(`its as-of line or filters could not be put back: ${w}`, `baris waktu tarik atau filternya tidak dapat dipasang kembali: ${w}`));
    const asOf = { fetchedAt: data.asOf.fetchedAt.toISOString(), ...(data.asOf.maxDate !== undefined ? { maxDate: data.asOf.maxDate } : {}) };
    return {
      outcome: { ...base, address: placed.address, status: "refreshed", notes, diff, asOf: data.asOf },
      entry: { ...entry, tableId: found.id, tableName: found.name, sheet: found.sheet, address: placed.address, asOf },
    };
  } catch (err) {
    const changed = isPlacementError(err) && err.changed;
    return { outcome: { ...base, status: "failed", changed, notes, error: localizeError(isPlacementError(err) ? err.cause : err, lang) } };
  }
}
