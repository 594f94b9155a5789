/**
 * The add-in's own sheets: the query registry (very hidden: users cannot unhide it from the UI, and an
 * .xlsx library still reads it) and the staging sheet tables are written to before they replace the
 * old content. Also where the workbook's date system is probed.
 */
import { parseRegistryRows, registryRows, type DateSystem, type ParsedRegistry, type RegistryEntry } from "../omspan/tables";

export const REGISTRY_SHEET = "OMSPAN_TABLES";
export const STAGING_SHEET = "OMSPAN_STAGING";

/** The sheet, created very hidden when absent. */
export async function hiddenSheet(context: Excel.RequestContext, name: string): Promise<Excel.Worksheet> {
  const existing = context.workbook.worksheets.getItemOrNullObject(name);
  existing.load("isNullObject");
  await context.sync();
  if (!existing.isNullObject) return existing;
  const sheet = context.workbook.worksheets.add(name);
  sheet.visibility = Excel.SheetVisibility.veryHidden;
  await context.sync();
  return sheet;
}

/** Reads the registry (an absent sheet is an empty registry). */
export async function readRegistry(context: Excel.RequestContext): Promise<ParsedRegistry> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(REGISTRY_SHEET);
  sheet.load("isNullObject");
  await context.sync();
  if (sheet.isNullObject) return { entries: [], problems: [] };
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("isNullObject");
  await context.sync();
  if (used.isNullObject) return { entries: [], problems: [] };
  const cells = sheet.getRange("A1").getResizedRange(0, 5);
  used.load("rowCount");
  await context.sync();
  const all = cells.getResizedRange(used.rowCount - 1, 0);
  all.load("values");
  await context.sync();
  return parseRegistryRows(all.values);
}

/** Rewrites the registry (queued; the caller syncs). Text format, so JSON is never read as a number. */
export async function writeRegistry(context: Excel.RequestContext, entries: readonly RegistryEntry[]): Promise<void> {
  const sheet = await hiddenSheet(context, REGISTRY_SHEET);
  const used = sheet.getUsedRangeOrNullObject();
  used.load("isNullObject");
  await context.sync();
  if (!used.isNullObject) used.clear();
  const rows = registryRows(entries);
  const range = sheet.getRange("A1").getResizedRange(rows.length - 1, rows[0]!.length - 1);
  range.numberFormat = rows.map((r) => r.map(() => "@"));
  // JSON starts with "{": never a formula; the marker and ids are plain text.
  range.values = rows;
}

/**
 * The workbook's date system. `Workbook.use1904DateSystem` exists only in recent requirement sets, so
 * the probe works everywhere: DATE(1904,1,1) is serial 0 in the 1904 system and 1462 in the 1900 one.
 */
export async function detectDateSystem(context: Excel.RequestContext): Promise<DateSystem> {
  const sheet = await hiddenSheet(context, STAGING_SHEET);
  const probe = sheet.getRange("A1");
  probe.formulas = [["=DATE(1904,1,1)"]];
  probe.load("values");
  await context.sync();
  const v = probe.values[0]![0];
  // The staging sheet is made afresh for each write: leave nothing behind if no write follows.
  sheet.delete();
  await context.sync();
  return v === 0 ? 1904 : 1900;
}
