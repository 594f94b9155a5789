/**
 * Excel's argument separator for this user, from Excel's own culture (ExcelApi 1.11: the culture's name
 * and its decimal separator, or the separator the user set in Excel's options instead of the system's;
 * Office.js exposes no list separator itself). The core decides from those
 * (src/omspan/formulas/locale.ts); a failed read falls back to the display language's locale.
 */
import { runExcel } from "./excel-run";
import { listSeparatorFor, type ListSeparator } from "../omspan/formulas";

export async function excelListSeparator(fallbackLocale?: string): Promise<ListSeparator> {
  try {
    return await runExcel(async (context) => {
      const app = context.workbook.application;
      // The user may have set Excel's own separators (Options › Advanced), overriding the culture's.
      app.load("useSystemSeparators,decimalSeparator");
      const culture = app.cultureInfo;
      culture.load("name");
      const number = culture.numberFormat;
      number.load("numberDecimalSeparator");
      await context.sync();
      return listSeparatorFor(culture.name, app.useSystemSeparators ? number.numberDecimalSeparator : app.decimalSeparator);
    });
  } catch (err) {
    console.warn("OMSPAN: Excel's culture could not be read; using the display language's separator", err);
    return listSeparatorFor(fallbackLocale);
  }
}
