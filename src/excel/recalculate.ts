/**
 * Re-running OMSPAN formulas after the store forgot its data (the ribbon's refresh). Custom functions
 * are not volatile, so a plain recalculation would keep their old values: the sheet is calculated with
 * every cell marked dirty, the workbook with a full calculation.
 */
const OMSPAN_CALL = /\bOMSPAN\./i;

/** Counts formulas calling OMSPAN functions in a worksheet (what the refresh touched). */
async function countOmspanCells(context: Excel.RequestContext, sheet: Excel.Worksheet): Promise<number> {
  const formulas = sheet.getRange().getSpecialCellsOrNullObject(Excel.SpecialCellType.formulas);
  formulas.load("isNullObject");
  const areas = formulas.areas;
  areas.load("items/formulas");
  await context.sync();
  if (formulas.isNullObject) return 0;
  let n = 0;
  for (const area of areas.items) {
    for (const row of area.formulas) for (const f of row) if (typeof f === "string" && OMSPAN_CALL.test(f)) n++;
  }
  return n;
}

/** Recalculates the active sheet or the whole workbook; returns how many OMSPAN cells it holds. */
export async function recalculateOmspanFormulas(scope: "sheet" | "workbook"): Promise<{ cells: number }> {
  return Excel.run(async (context) => {
    let cells = 0;
    if (scope === "sheet") {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      sheet.calculate(true);
      cells = await countOmspanCells(context, sheet);
    } else {
      context.workbook.application.calculate(Excel.CalculationType.full);
      const sheets = context.workbook.worksheets;
      sheets.load("items");
      await context.sync();
      for (const s of sheets.items) cells += await countOmspanCells(context, s);
    }
    await context.sync();
    return { cells };
  });
}
