/**
 * Finds the registry's tables in the workbook as the user left them: by id, else by name, else — since a
 * table's id differs between platforms and sessions (office-js #1390, office-js-docs #297; a file's is a
 * number) — on the same sheet at the same place, or under an as-of caption of the same dataset. A renamed,
 * moved or resized table is noted and still refreshed; only one that none of these finds counts as deleted.
 */
import type { Label } from "../datasets/columns";
import { datasetSpec } from "../datasets/catalog";
import type { RegistryEntry } from "../tables";
import { CAPTION_PREFIX } from "../tables/shape";
import { parseA1 } from "./a1";
import { label } from "./outcome";
import type { PortTable } from "./port";

export interface LocatedTable {
  readonly entry: RegistryEntry;
  /** Absent: the table is gone. */
  readonly found?: PortTable;
  readonly notes: Label[];
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Matches registry entries to the workbook's tables. `captions` reads the lines above some tables; it is
 * asked only when an entry is found neither by id nor by name.
 */
export async function locateTables(
  entries: readonly RegistryEntry[],
  tables: readonly PortTable[],
  captions: (tables: readonly PortTable[]) => Promise<(string | undefined)[]>,
): Promise<LocatedTable[]> {
  const found: (PortTable | undefined)[] = entries.map((e) => tables.find((t) => t.id === e.tableId));
  entries.forEach((e, i) => (found[i] ??= tables.find((t) => same(t.name, e.tableName))));
  const relinked = new Set<number>();
  if (found.some((t) => !t)) {
    const claimed = new Set(found.filter((t): t is PortTable => !!t).map((t) => t.id));
    const captionOf = new Map<string, string | undefined>();
    for (let i = 0; i < entries.length; i++) {
      if (found[i]) continue;
      const entry = entries[i]!;
      const candidates = tables.filter((t) => same(t.sheet, entry.sheet) && !claimed.has(t.id));
      const was = parseA1(entry.address);
      let hit = candidates.find((t) => {
        const now = parseA1(t.address);
        return now.row === was.row && now.col === was.col;
      });
      if (!hit) {
        const unread = candidates.filter((t) => !captionOf.has(t.id) && parseA1(t.address).row > 0);
        if (unread.length) (await captions(unread)).forEach((c, k) => captionOf.set(unread[k]!.id, c));
        const labels = Object.values(datasetSpec(entry.query.dataset).label).map((l) => `${CAPTION_PREFIX}${l} · `);
        hit = candidates.find((t) => {
          const c = captionOf.get(t.id);
          return typeof c === "string" && labels.some((l) => c.startsWith(l));
        });
      }
      if (!hit) continue;
      found[i] = hit;
      relinked.add(i);
      claimed.add(hit.id);
    }
  }
  return entries.map((entry, i) => {
    const t = found[i];
    if (!t) return { entry, notes: [] };
    const now = parseA1(t.address);
    const was = parseA1(entry.address);
    const notes: Label[] = [];
    if (relinked.has(i)) notes.push(label("found again by its place and caption (its id changed, as between Excel for Windows, Mac and the web)", "ditemukan lagi dari letak dan keterangannya (id-nya berubah, seperti antara Excel Windows, Mac dan web)"));
    if (t.name !== entry.tableName) notes.push(label(`renamed from ${entry.tableName} to ${t.name}`, `diganti nama dari ${entry.tableName} menjadi ${t.name}`));
    if (!same(now.sheet, was.sheet) || now.row !== was.row || now.col !== was.col) {
      notes.push(label(`moved from ${entry.address} to ${t.address}`, `dipindah dari ${entry.address} ke ${t.address}`));
    } else if (now.rows !== was.rows || now.cols !== was.cols) {
      notes.push(label(`resized by the user (${entry.address} → ${t.address})`, `ukurannya diubah pengguna (${entry.address} → ${t.address})`));
    }
    return { entry, found: t, notes };
  });
}
