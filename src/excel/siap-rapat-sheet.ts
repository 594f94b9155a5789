/**
 * The `Siap Rapat` sheet: each check, its status and the findings with links to their cells
 * (src/omspan/siap-rapat/sheet-rows.ts). Like the change report, the add-in writes only into a sheet it
 * made — one carrying its mark, the hidden sheet-scoped name `OMSPAN_SIAP_RAPAT` (it follows the sheet
 * through renames and is kept in the file); a user's own sheet called "Siap Rapat" is never touched:
 * the result then takes "Siap Rapat (2)".
 */
import type { Lang } from "../omspan/i18n";
import { SIAP_RAPAT_MARK, siapRapatRows, type CheckReport } from "../omspan/siap-rapat";
import { uniqueSheetName } from "../omspan/workbook/sheet-name";

export const SIAP_RAPAT_SHEET = "Siap Rapat";
const STEP = 2000;

async function ownSheet(context: Excel.RequestContext): Promise<{ sheet: Excel.Worksheet; name: string; fresh: boolean }> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  const marks = sheets.items.map((sheet) => {
    const mark = sheet.names.getItemOrNullObject(SIAP_RAPAT_MARK);
    mark.load("isNullObject");
    return { sheet, mark };
  });
  await context.sync();
  const ours = marks.find((m) => !m.mark.isNullObject);
  if (ours) return { sheet: ours.sheet, name: ours.sheet.name, fresh: false };
  const name = uniqueSheetName(SIAP_RAPAT_SHEET, sheets.items.map((s) => s.name));
  const sheet = sheets.add(name);
  const mark = sheet.names.add(SIAP_RAPAT_MARK, "=TRUE", "OMSPAN for Excel: the checks of Siap Rapat");
  mark.visible = false;
  return { sheet, name, fresh: true };
}

/** Rewrites the add-in's Siap Rapat sheet (made, with its mark, when there is none) and shows it; answers its name. */
export async function writeSiapRapatSheet(context: Excel.RequestContext, report: CheckReport, lang: Lang): Promise<string> {
  const rows = siapRapatRows(report, lang).map((r) => r.map((c) => (typeof c === "object" ? c.formula : c)));
  const { sheet, name, fresh } = await ownSheet(context);
  if (!fresh) {
    const used = sheet.getUsedRangeOrNullObject();
    used.load("isNullObject");
    await context.sync();
    if (!used.isNullObject) used.clear();
  }
  for (let from = 0; from < rows.length; from += STEP) {
    const part = rows.slice(from, from + STEP);
    sheet.getRangeByIndexes(from, 0, part.length, part[0]!.length).formulas = part;
    await context.sync();
  }
  sheet.getRangeByIndexes(0, 0, 1, 1).format.font.bold = true;
  sheet.getRangeByIndexes(3, 0, 1, rows[0]!.length).format.font.bold = true;
  [14, 44, 90].forEach((w, c) => (sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = w * 5.25 + 4));
  sheet.activate();
  await context.sync();
  return name;
}
