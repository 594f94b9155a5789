/**
 * The workbook's tables as Excel shows them now — every table with its range (two syncs, however many),
 * and the line above some of them — for the core's matching rules (src/omspan/workbook/locate.ts), which
 * find the registry's tables by id, name, place or as-of caption.
 */
import type { RegistryEntry } from "../omspan/tables";
import { parseA1 } from "../omspan/workbook/a1";
import { locateTables as match, type LocatedTable } from "../omspan/workbook/locate";
import type { PortTable } from "../omspan/workbook/port";

export type { LocatedTable };

/** Every table of the workbook: id, name, sheet and whole range. */
export async function listTables(context: Excel.RequestContext): Promise<PortTable[]> {
  const tables = context.workbook.tables;
  tables.load("items/id,items/name");
  await context.sync();
  const ranges = tables.items.map((t) => {
    const r = t.getRange();
    r.load("address");
    return r;
  });
  await context.sync();
  return tables.items.map((t, i) => ({ id: t.id, name: t.name, sheet: parseA1(ranges[i]!.address).sheet, address: ranges[i]!.address }));
}

/** The text of the cell above each table (undefined for a table in row 1, or a cell holding no text). */
export async function tableCaptions(context: Excel.RequestContext, tables: readonly PortTable[]): Promise<(string | undefined)[]> {
  const cells = tables.map((t) => {
    const box = parseA1(t.address);
    if (box.row === 0) return undefined;
    const cell = context.workbook.worksheets.getItem(box.sheet).getRangeByIndexes(box.row - 1, box.col, 1, 1);
    cell.load("values");
    return cell;
  });
  await context.sync();
  return cells.map((c) => {
    const v = c?.values[0]![0];
    return typeof v === "string" ? v : undefined;
  });
}

/** The registry's entries located in the workbook (see the core's rules). */
export async function locateTables(context: Excel.RequestContext, entries: readonly RegistryEntry[]): Promise<LocatedTable[]> {
  return match(entries, await listTables(context), (t) => tableCaptions(context, t));
}
