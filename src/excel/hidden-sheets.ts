/**
 * The add-in's own sheets: the query registry (very hidden: users cannot unhide it from the UI, and an
 * .xlsx library still reads it) and the staging sheet tables are written to before they replace the
 * old content. Also where the workbook's date system is probed.
 */
import type { Lang } from "../omspan/i18n";
import { parseRegistryRows, registryRows, type DateSystem, type ParsedRegistry, type RegistryEntry } from "../omspan/tables";

export const REGISTRY_SHEET = "OMSPAN_TABLES";
export const STAGING_SHEET = "OMSPAN_STAGING";
/** Columns of the registry's rows (registryRows). */
const REGISTRY_COLUMNS = 6;

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
  used.load("isNullObject,rowIndex,rowCount");
  await context.sync();
  if (used.isNullObject) return { entries: [], problems: [] };
  const all = sheet.getRangeByIndexes(0, 0, used.rowIndex + used.rowCount, REGISTRY_COLUMNS);
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
 * Deletes one of the add-in's very hidden sheets (queued; the caller syncs). Excel refuses to delete a
 * very hidden sheet ("the delete operation will fail with an InvalidOperation exception", Worksheet.delete):
 * it is made merely hidden first, in the same batch.
 */
export function deleteHiddenSheet(sheet: Excel.Worksheet): void {
  sheet.visibility = Excel.SheetVisibility.hidden;
  sheet.delete();
}

/** Where the date-system probe is written: beside the registry's columns, cleared straight after. */
const PROBE_CELL = "H1";

/**
 * The workbook's date system, or undefined when the probe answers something else (then the caller assumes
 * 1900 and says so). `Workbook.use1904DateSystem` exists only in recent requirement sets, so the probe works
 * everywhere: DATE(1904,1,1) is serial 0 in the 1904 system and 1462 in the 1900 one. The cell is set to
 * General first: a formula written into a Text cell stays text.
 */
export async function detectDateSystem(context: Excel.RequestContext): Promise<DateSystem | undefined> {
  const sheet = await hiddenSheet(context, REGISTRY_SHEET);
  const probe = sheet.getRange(PROBE_CELL);
  probe.numberFormat = [["General"]];
  probe.formulas = [["=DATE(1904,1,1)"]];
  probe.load("values");
  await context.sync();
  const v = probe.values[0]![0];
  probe.clear();
  await context.sync();
  return v === 0 ? 1904 : v === 1462 ? 1900 : undefined;
}

/** Said when the date-system probe answered something unexpected (then dates are written for 1900). */
export const unknownDateSystem = (lang: Lang) =>
  lang === "id"
    ? "Sistem tanggal buku kerja tidak dapat dipastikan; tanggal ditulis untuk sistem 1900. Periksa Opsi Excel › Lanjutan › \"Gunakan sistem tanggal 1904\"."
    : "The workbook's date system could not be told; dates were written for the 1900 system. Check Excel Options › Advanced › \"Use 1904 date system\".";
