/**
 * Finds the registry's tables in the workbook as the user left them: by id, else by name, else — since
 * `Table.id` differs between platforms and sessions (office-js #1390, office-js-docs #297) — on the same
 * sheet at the same place, or under an as-of caption of the same dataset. A renamed, moved or resized
 * table is noted and still refreshed; only one that none of these finds counts as deleted.
 */
import type { Label } from "../omspan/datasets/columns";
import type { RegistryEntry } from "../omspan/tables";
import { parseA1 } from "./a1";
import { label } from "./table-outcome";
import { datasetSpec } from "../omspan/datasets/catalog";
import { CAPTION_PREFIX } from "./place-table";

export interface LocatedTable {
  readonly entry: RegistryEntry;
  /** Absent: the table is gone. */
  readonly found?: { id: string; name: string; sheet: string; address: string };
  readonly notes: Label[];
}

async function lookUp(context: Excel.RequestContext, keys: readonly string[]): Promise<(Excel.Table | undefined)[]> {
  const tables = keys.map((k) => {
    const t = context.workbook.tables.getItemOrNullObject(k);
    t.load("isNullObject");
    return t;
  });
  await context.sync();
  return tables.map((t) => (t.isNullObject ? undefined : t));
}

/** A table of the entry's sheet at the entry's place, or under a caption of its dataset (not one already claimed). */
async function bySheet(context: Excel.RequestContext, entry: RegistryEntry, claimed: Set<string>): Promise<Excel.Table | undefined> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(entry.sheet);
  sheet.load("isNullObject");
  await context.sync();
  if (sheet.isNullObject) return undefined;
  const tables = sheet.tables;
  tables.load("items/id");
  await context.sync();
  const candidates = tables.items
    .filter((t) => !claimed.has(t.id))
    .map((t) => {
      const r = t.getRange();
      r.load("address,rowIndex,columnIndex");
      return { t, r };
    });
  await context.sync();
  const was = parseA1(entry.address);
  const samePlace = candidates.find(({ r }) => r.rowIndex === was.row && r.columnIndex === was.col);
  if (samePlace) return samePlace.t;
  const captions = candidates
    .filter(({ r }) => r.rowIndex > 0)
    .map((c) => {
      const cell = sheet.getRangeByIndexes(c.r.rowIndex - 1, c.r.columnIndex, 1, 1);
      cell.load("values");
      return { ...c, cell };
    });
  await context.sync();
  const labels = Object.values(datasetSpec(entry.query.dataset).label).map((l) => `${CAPTION_PREFIX}${l} · `);
  return captions.find(({ cell }) => typeof cell.values[0]![0] === "string" && labels.some((l) => (cell.values[0]![0] as string).startsWith(l)))?.t;
}

export async function locateTables(context: Excel.RequestContext, entries: readonly RegistryEntry[]): Promise<LocatedTable[]> {
  const byId = await lookUp(context, entries.map((e) => e.tableId));
  const byName = await lookUp(context, entries.map((e, i) => (byId[i] ? "" : e.tableName)).map((k) => k || "\u0000none"));
  const found: (Excel.Table | undefined)[] = entries.map((_, i) => byId[i] ?? byName[i]);
  const relinked = new Set<number>();
  if (found.some((t) => !t)) {
    for (const t of found) t?.load("id");
    await context.sync();
    const claimed = new Set(found.filter((t): t is Excel.Table => !!t).map((t) => t.id));
    for (let i = 0; i < entries.length; i++) {
      if (found[i]) continue;
      const t = await bySheet(context, entries[i]!, claimed);
      if (!t) continue;
      found[i] = t;
      relinked.add(i);
      t.load("id");
      await context.sync();
      claimed.add(t.id);
    }
  }
  const details = found.map((t) => {
    if (!t) return undefined;
    t.load("id,name");
    const r = t.getRange();
    r.load("address");
    return { t, r };
  });
  await context.sync();
  return entries.map((entry, i) => {
    const d = details[i];
    if (!d) return { entry, notes: [] };
    const address = d.r.address;
    const now = parseA1(address);
    const was = parseA1(entry.address);
    const notes: Label[] = [];
    if (relinked.has(i)) notes.push(label("found again by its place and caption (its id changed, as between Excel for Windows, Mac and the web)", "ditemukan lagi dari letak dan keterangannya (id-nya berubah, seperti antara Excel Windows, Mac dan web)"));
    if (d.t.name !== entry.tableName) notes.push(label(`renamed from ${entry.tableName} to ${d.t.name}`, `diganti nama dari ${entry.tableName} menjadi ${d.t.name}`));
    if (now.sheet !== was.sheet || now.row !== was.row || now.col !== was.col) {
      notes.push(label(`moved from ${entry.address} to ${address}`, `dipindah dari ${entry.address} ke ${address}`));
    } else if (now.rows !== was.rows || now.cols !== was.cols) {
      notes.push(label(`resized by the user (${entry.address} → ${address})`, `ukurannya diubah pengguna (${entry.address} → ${address})`));
    }
    return { entry, found: { id: d.t.id, name: d.t.name, sheet: now.sheet, address }, notes };
  });
}
