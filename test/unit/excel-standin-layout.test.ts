/**
 * The Excel stand-in's sheet layout behaves like Office.js where the report writer depends on it: setters
 * are queued and applied at sync (their arguments counted in the request), mistakes Office.js refuses are
 * refused at sync (a colour that is not #RRGGBB or a name, the wrong part of a conditional format, a colour
 * scale without a maximum, print title rows that are not rows), charts take one series per source column.
 */
import { installExcelStandin, type ExcelStandin } from "../support/excel-standin";

let xl: ExcelStandin;
beforeEach(() => (xl = installExcelStandin({ sheets: ["S", "T"] })));
afterEach(() => xl.uninstall());

const run = <T>(f: (ctx: Excel.RequestContext) => Promise<T>) => Excel.run((ctx) => f(ctx as unknown as Excel.RequestContext));

test("formats are applied at sync, per cell, later ones winning; widths per column", async () => {
  await run(async (ctx) => {
    const s = ctx.workbook.worksheets.getItem("S");
    s.getRange("A1:C1").format.font.bold = true;
    s.getRange("B1").format.fill.color = "#FF0000";
    s.getRange("B1:C1").format.columnWidth = 60;
    expect(xl.layout("S").formats).toHaveLength(0);
    await ctx.sync();
  });
  const l = xl.layout("S");
  expect(l.formatAt(0, 0)).toEqual({ "font.bold": true });
  expect(l.formatAt(0, 1)).toEqual({ "font.bold": true, "fill.color": "#FF0000" });
  expect([...l.columnWidths]).toEqual([[1, 60], [2, 60]]);
});

test("a colour Office.js would refuse fails the sync; operations after it are not applied", async () => {
  await expect(
    run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("S").getRange("A1");
      r.format.font.color = "rgb(1,2,3)";
      r.format.font.bold = true;
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: "InvalidArgument" });
  expect(xl.layout("S").formats).toHaveLength(0);
});

test("freeze panes: at a range of the sheet (not another's), or rows — on the active sheet's view (office-js #3148)", async () => {
  await run(async (ctx) => {
    const s = ctx.workbook.worksheets.getItem("S");
    s.freezePanes.freezeAt(s.getRange("A1:B7"));
    await ctx.sync();
  });
  expect(xl.layout("S").frozen).toEqual({ rows: 7, columns: 2 });
  await expect(
    run(async (ctx) => {
      ctx.workbook.worksheets.getItem("S").freezePanes.freezeAt(ctx.workbook.worksheets.getItem("T").getRange("A1"));
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: "InvalidArgument" });
  // T is not the active sheet: its freeze lands on the active sheet's view (S), T stays unfrozen.
  await run(async (ctx) => {
    ctx.workbook.worksheets.getItem("T").freezePanes.freezeRows(3);
    await ctx.sync();
  });
  expect(xl.layout("T").frozen).toEqual({ rows: 0, columns: 0 });
  expect(xl.layout("S").frozen).toEqual({ rows: 3, columns: 0 });
  await run(async (ctx) => {
    const t = ctx.workbook.worksheets.getItem("T");
    t.activate();
    t.freezePanes.freezeRows(3);
    await ctx.sync();
  });
  expect(xl.layout("T").frozen).toEqual({ rows: 3, columns: 0 });
});

test("conditional formats: a cell-value rule with its format; a colour scale needs minimum and maximum; the wrong part fails", async () => {
  await run(async (ctx) => {
    const cf = ctx.workbook.worksheets.getItem("S").getRange("G8:G20").conditionalFormats.add("CellValue");
    cf.cellValue.format.fill.color = "#FFC7CE";
    cf.cellValue.rule = { formula1: "0", operator: "LessThan" };
    await ctx.sync();
  });
  expect(xl.layout("S").conditional).toEqual([
    { box: { r0: 7, c0: 6, rows: 13, cols: 1 }, type: "CellValue", rule: { formula1: "0", operator: "LessThan" }, format: { "fill.color": "#FFC7CE" } },
  ]);
  await expect(
    run(async (ctx) => {
      const cf = ctx.workbook.worksheets.getItem("S").getRange("A1:A3").conditionalFormats.add("ColorScale");
      cf.colorScale.criteria = { minimum: { type: "LowestValue", color: "#F8696B" } } as never;
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: "InvalidArgument" });
  await expect(
    run(async (ctx) => {
      const cf = ctx.workbook.worksheets.getItem("S").getRange("A1:A3").conditionalFormats.add("CellValue");
      cf.colorScale.criteria = { minimum: { type: "LowestValue" }, maximum: { type: "HighestValue" } };
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: "InvalidObjectPath" });
});

test("charts: one series per source column that holds something (none of a blank one); added series take their values and categories; the title counts in the request", async () => {
  const title = "T".repeat(10_000);
  xl.put("S!B2", Array.from({ length: 12 }, (_, i) => [i, i * 2]));
  await run(async (ctx) => {
    const s = ctx.workbook.worksheets.getItem("S");
    const chart = s.charts.add("Line", s.getRange("B2:C13"), "Columns");
    chart.title.text = title;
    const extra = chart.series.add("Plan");
    extra.setValues(s.getRange("D2:D13"));
    extra.setXAxisValues(s.getRange("A2:A13"));
    chart.setPosition("F2");
    await ctx.sync();
  });
  const [chart] = xl.layout("S").charts;
  expect(chart!.series.map((x) => [x.name, x.values?.c0, x.xValues?.c0])).toEqual([["Series1", 1, undefined], ["Series2", 2, undefined], ["Plan", 3, 0]]);
  expect(chart!.anchor).toBe("F2");
  expect(Math.max(...xl.syncs.map((s) => s.requestBytes))).toBeGreaterThan(title.length);
  // A chart of a blank column has no series: getItemAt(0) fails the batch (the Kurva S plan column).
  await expect(
    run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("S");
      s.charts.add("Line", s.getRange("H2:H13"), "Columns").series.getItemAt(0).name = "Plan";
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: "ItemNotFound" });
});

test("page layout: orientation, paper, fit to one page wide, print title rows (rows only)", async () => {
  await run(async (ctx) => {
    const p = ctx.workbook.worksheets.getItem("S").pageLayout;
    p.orientation = "Landscape";
    p.paperSize = "A4";
    p.zoom = { horizontalFitToPages: 1 };
    p.setPrintTitleRows("$1:$7");
    await ctx.sync();
  });
  // A height left out stays one page tall: the whole report squeezed onto one sheet of paper.
  expect(xl.layout("S").page).toEqual({ orientation: "Landscape", paperSize: "A4", zoom: { horizontalFitToPages: 1, verticalFitToPages: 1 }, printTitleRows: "$1:$7" });
  await expect(
    run(async (ctx) => {
      ctx.workbook.worksheets.getItem("S").pageLayout.setPrintTitleRows("A1:B2");
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: "InvalidArgument" });
});

test("a deleted sheet takes its layout with it", async () => {
  await run(async (ctx) => {
    const s = ctx.workbook.worksheets.add("R");
    s.freezePanes.freezeRows(2);
    await ctx.sync();
    s.delete();
    await ctx.sync();
  });
  expect(() => xl.layout("R")).toThrow(/no sheet R/);
  await run(async (ctx) => {
    ctx.workbook.worksheets.add("R");
    await ctx.sync();
  });
  expect(xl.layout("R").frozen).toEqual({ rows: 0, columns: 0 });
});
