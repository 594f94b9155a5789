/**
 * The Excel stand-in behaves like Office.js where the add-in depends on it — each behaviour here is one
 * a test elsewhere relies on, so the stand-in cannot quietly become more forgiving than Excel.
 */
import { installExcelStandin, PAYLOAD_LIMIT, type ExcelStandin } from "../support/excel-standin";

let xl: ExcelStandin;
afterEach(() => xl?.uninstall());

test("a property is readable only after load and sync (PropertyNotLoaded before)", async () => {
  xl = installExcelStandin();
  xl.put("Sheet1!A1", [[5]]);
  await Excel.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1");
    expect(() => r.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    r.load("values");
    expect(() => r.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    await ctx.sync();
    expect(r.values).toEqual([[5]]);
  });
});

test("every sync is recorded with its size; a request over 5 MB is refused and applies nothing", async () => {
  xl = installExcelStandin();
  const big = Array.from({ length: 60_000 }, () => ["x".repeat(100)]);
  await expect(
    Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange(`A1:A${big.length}`).values = big;
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
  const last = xl.syncs.at(-1)!;
  expect(last.requestBytes).toBeGreaterThan(PAYLOAD_LIMIT);
  expect(xl.values("Sheet1!A1")).toEqual([[""]]);
});

test("an answer over 5 MB is refused (reading the whole grid of a sheet)", async () => {
  xl = installExcelStandin();
  await expect(
    Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange();
      r.load("formulas");
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
});

test("tables cannot overlap; cells typed the Excel way (formulas, apostrophe, leading zeros need @)", async () => {
  xl = installExcelStandin();
  xl.put("Sheet1!A1", [["a", "b"], ["007", "'=1+1"], ["=1+1", "-5"]]);
  expect(xl.values("Sheet1!A2:B3")).toEqual([[7, "=1+1"], ["#NAME?", -5]]);
  await Excel.run(async (ctx) => {
    const s = ctx.workbook.worksheets.getItem("Sheet1");
    s.getRange("D1").numberFormat = [["@"]];
    s.getRange("D1").values = [["007"]];
    ctx.workbook.tables.add("Sheet1!A1:B3", true);
    await ctx.sync();
    ctx.workbook.tables.add("Sheet1!B2:C4", true);
    await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
  });
  expect(xl.values("Sheet1!D1")).toEqual([["007"]]);
  expect(xl.model.tables).toHaveLength(1);
});

test("a recalculation skips formula cells showing an error (office-js 4502) unless the platform re-runs them", async () => {
  for (const errorCellsRecalculate of [false, true]) {
    let v: number | string = "#N/A";
    xl = installExcelStandin({ errorCellsRecalculate, evaluate: () => v });
    xl.put("Sheet1!A1", [["=OMSPAN.X()"]]);
    v = 1;
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").calculate(true);
      await ctx.sync();
    });
    expect(xl.values("Sheet1!A1")).toEqual([[errorCellsRecalculate ? 1 : "#N/A"]]);
    xl.uninstall();
  }
});

test("DATE follows the workbook's date system (1904 for old Mac files); very hidden sheets are kept", async () => {
  xl = installExcelStandin({ date1904: true });
  xl.put("Sheet1!A1", [["=DATE(1904,1,1)", "=DATE(2026,1,1)"]]);
  expect(xl.values("Sheet1!A1:B1")).toEqual([[0, 46023 - 1462]]);
  await Excel.run(async (ctx) => {
    ctx.workbook.worksheets.add("Hidden").visibility = Excel.SheetVisibility.veryHidden;
    await ctx.sync();
  });
  expect(xl.model.sheet("Hidden")!.visibility).toBe("VeryHidden");
});

test("calculation and screen-updating suspensions are recorded per sync", async () => {
  xl = installExcelStandin();
  await Excel.run(async (ctx) => {
    ctx.workbook.application.suspendApiCalculationUntilNextSync();
    ctx.workbook.application.suspendScreenUpdatingUntilNextSync();
    ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[1]];
    await ctx.sync();
  });
  expect(xl.syncs.find((s) => s.ops.includes("Range.values"))).toMatchObject({ calcSuspended: true, screenSuspended: true });
});
