/**
 * Finds the registry's tables in the workbook as the user left them: by id, else by name. A renamed,
 * moved or resized table is noted and still refreshed; a deleted one is reported and leaves the registry.
 */
import type { Label } from "../omspan/datasets/columns";
import type { RegistryEntry } from "../omspan/tables";
import { parseA1 } from "./a1";
import { label } from "./table-outcome";

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

export async function locateTables(context: Excel.RequestContext, entries: readonly RegistryEntry[]): Promise<LocatedTable[]> {
  const byId = await lookUp(context, entries.map((e) => e.tableId));
  const byName = await lookUp(context, entries.map((e, i) => (byId[i] ? "" : e.tableName)).map((k) => k || "\u0000none"));
  const found = entries.map((_, i) => byId[i] ?? byName[i]);
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
    if (d.t.name !== entry.tableName) notes.push(label(`renamed from ${entry.tableName} to ${d.t.name}`, `diganti nama dari ${entry.tableName} menjadi ${d.t.name}`));
    if (now.sheet !== was.sheet || now.row !== was.row || now.col !== was.col) {
      notes.push(label(`moved from ${entry.address} to ${address}`, `dipindah dari ${entry.address} ke ${address}`));
    } else if (now.rows !== was.rows || now.cols !== was.cols) {
      notes.push(label(`resized by the user (${entry.address} → ${address})`, `ukurannya diubah pengguna (${entry.address} → ${address})`));
    }
    return { entry, found: { id: d.t.id, name: d.t.name, sheet: now.sheet, address }, notes };
  });
}
