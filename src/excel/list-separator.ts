/**
 * Excel's argument separator for this user, from Excel's own culture (ExcelApi 1.11: the culture's name
 * and its decimal separator; Office.js exposes no list separator itself). The core decides from those
 * (src/omspan/formulas/locale.ts); a failed read falls back to the display language's locale.
 */
import { runExcel } from "./excel-run";
import { listSeparatorFor, type ListSeparator } from "../omspan/formulas";

export async function excelListSeparator(fallbackLocale?: string): Promise<ListSeparator> {
  try {
    return await runExcel(async (context) => {
      const culture = context.workbook.application.cultureInfo;
      culture.load("name");
      const number = culture.numberFormat;
      number.load("numberDecimalSeparator");
      await context.sync();
      return listSeparatorFor(culture.name, number.numberDecimalSeparator);
    });
  } catch (err) {
    console.warn("OMSPAN: Excel's culture could not be read; using the display language's separator", err);
    return listSeparatorFor(fallbackLocale);
  }
}
