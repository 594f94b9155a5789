/**
 * The add-in's own sheets: the query registry (very hidden: users cannot unhide it from the UI, and an
 * .xlsx library — `omspan refresh` — still reads it) and the staging sheet tables are written to before
 * they replace the old content. The registry sheet holds, side by side and each on its own columns:
 *   A:F  the registry's rows (registryRows),
 *   H:M  a frozen workbook's pin (pinRows; none when not frozen),
 *   O1   the date-system probe, cleared straight after.
 * Each writer clears only its own columns, so rewriting the registry never drops the pin.
 */
import { parsePinRows, pinRows, PIN_COLUMNS, type ParsedPin, type Pin } from "../omspan/snapshots/pin";
import { PIN_COLUMN, REGISTRY_COLUMNS, REGISTRY_SHEET, parseRegistryRows, registryRows, type DateSystem, type ParsedRegistry, type RegistryEntry } from "../omspan/tables";
import { unknownDateSystem } from "../omspan/workbook/refresh";

export const STAGING_SHEET = "OMSPAN_STAGING";
/** Where the date-system probe is written: O1, clear of the registry's and the pin's columns. */
export const PROBE_CELL = "O1";

export { unknownDateSystem, REGISTRY_SHEET, REGISTRY_COLUMNS, PIN_COLUMN };

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

/** The registry sheet's rows in `cols` columns from `col` (none when the sheet or its cells are absent). */
async function registryBlock(context: Excel.RequestContext, col: number, cols: number): Promise<unknown[][] | undefined> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(REGISTRY_SHEET);
  sheet.load("isNullObject");
  await context.sync();
  if (sheet.isNullObject) return undefined;
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("isNullObject,rowIndex,rowCount");
  await context.sync();
  if (used.isNullObject) return undefined;
  const all = sheet.getRangeByIndexes(0, col, used.rowIndex + used.rowCount, cols);
  all.load("values");
  await context.sync();
  return all.values;
}

/** Reads the registry, columns A:F (an absent sheet is an empty registry). */
export async function readRegistry(context: Excel.RequestContext): Promise<ParsedRegistry> {
  const rows = await registryBlock(context, 0, REGISTRY_COLUMNS);
  return rows ? parseRegistryRows(rows) : { entries: [], problems: [] };
}

/** Reads a frozen workbook's pin, columns H:M (none: not frozen). */
export async function readPin(context: Excel.RequestContext): Promise<ParsedPin> {
  const rows = await registryBlock(context, PIN_COLUMN, PIN_COLUMNS);
  return rows ? parsePinRows(rows) : { problems: [] };
}

/** Clears `cols` columns from `col` of the sheet's used rows (queued after one sync). */
async function clearColumns(context: Excel.RequestContext, sheet: Excel.Worksheet, col: number, cols: number): Promise<void> {
  const used = sheet.getUsedRangeOrNullObject();
  used.load("isNullObject,rowIndex,rowCount");
  await context.sync();
  if (!used.isNullObject) sheet.getRangeByIndexes(0, col, used.rowIndex + used.rowCount, cols).clear();
}

/** Writes rows of text at a column of the registry sheet (Text format, so JSON is never read as a number). */
function writeText(sheet: Excel.Worksheet, col: number, rows: readonly string[][]): void {
  const range = sheet.getRangeByIndexes(0, col, rows.length, rows[0]!.length);
  range.numberFormat = rows.map((r) => r.map(() => "@"));
  // JSON starts with "{": never a formula; the markers and ids are plain text.
  range.values = rows.map((r) => [...r]);
}

/** Rewrites the registry, columns A:F (queued; the caller syncs). */
export async function writeRegistry(context: Excel.RequestContext, entries: readonly RegistryEntry[]): Promise<void> {
  const sheet = await hiddenSheet(context, REGISTRY_SHEET);
  await clearColumns(context, sheet, 0, REGISTRY_COLUMNS);
  writeText(sheet, 0, registryRows(entries));
}

/** Keeps a pin in the registry sheet (columns H:M), or clears it (null); synced. */
export async function writePin(context: Excel.RequestContext, pin: Pin | null): Promise<void> {
  const sheet = await hiddenSheet(context, REGISTRY_SHEET);
  await clearColumns(context, sheet, PIN_COLUMN, PIN_COLUMNS);
  if (pin) writeText(sheet, PIN_COLUMN, pinRows(pin));
  await context.sync();
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
