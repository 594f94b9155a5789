/**
 * The change report sheet (`Perubahan`) in Excel: the core's rows (src/omspan/workbook/change-report.ts)
 * written into the sheet the add-in made for it — the one carrying its mark, a hidden sheet-scoped name
 * (`OMSPAN_CHANGE_REPORT`, which follows the sheet through renames and is kept in the file). A user's own
 * sheet called "Perubahan" is never cleared: the report then takes the next free name.
 */
import type { CellValue } from "../omspan/tables";
import { REPORT_MARK, REPORT_SHEET, reportRows } from "../omspan/workbook/change-report";
import { uniqueSheetName } from "../omspan/workbook/sheet-name";

export { REPORT_MARK, REPORT_SHEET, reportRows };

/** The add-in's report sheet: the one carrying its mark, or a new one under a free name. */
async function reportSheet(context: Excel.RequestContext): Promise<{ sheet: Excel.Worksheet; name: string; fresh: boolean }> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  const marks = sheets.items.map((sheet) => {
    const mark = sheet.names.getItemOrNullObject(REPORT_MARK);
    mark.load("isNullObject");
    return { sheet, mark };
  });
  await context.sync();
  const ours = marks.find((m) => !m.mark.isNullObject);
  if (ours) return { sheet: ours.sheet, name: ours.sheet.name, fresh: false };
  const name = uniqueSheetName(REPORT_SHEET, sheets.items.map((s) => s.name));
  const sheet = sheets.add(name);
  const mark = sheet.names.add(REPORT_MARK, "=TRUE", "OMSPAN for Excel: the change report of Refresh");
  mark.visible = false;
  return { sheet, name, fresh: true };
}

/** Rewrites the report sheet with the rows (visible; made, with its mark, when there is none); answers its name. */
export async function writeChangeReport(context: Excel.RequestContext, rows: CellValue[][]): Promise<string> {
  const { sheet, name, fresh } = await reportSheet(context);
  if (!fresh) {
    const used = sheet.getUsedRangeOrNullObject();
    used.load("isNullObject");
    await context.sync();
    if (!used.isNullObject) used.clear();
  }
  const STEP = 5000;
  for (let from = 0; from < rows.length; from += STEP) {
    const part = rows.slice(from, from + STEP);
    sheet.getRangeByIndexes(from, 0, part.length, part[0]!.length).values = part;
    await context.sync();
  }
  return name;
}
