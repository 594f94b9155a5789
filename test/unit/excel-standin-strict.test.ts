/**
 * The stand-in is at least as strict as Excel is documented to be. Each test is one refusal or limit of
 * Excel's that the add-in once got wrong; the Excel layer's own tests (test/integration/excel-findings-*)
 * show the add-in living with it. The client side is office.js itself, so sizes are what it sends.
 */
import { installExcelStandin, PAYLOAD_LIMIT, type ExcelStandin } from "../support/excel-standin";
import { installOfficeStandin } from "../support/office-standin";

let xl: ExcelStandin;
afterEach(() => xl?.uninstall());

test("a request's size is what office.js sends: a range per cell costs hundreds of bytes beyond its value", async () => {
  xl = installExcelStandin();
  await Excel.run(async (ctx) => {
    const s = ctx.workbook.worksheets.getItem("Sheet1");
    for (let r = 0; r < 1000; r++) s.getRangeByIndexes(r, 0, 1, 1).values = [[r]];
    await ctx.sync();
  });
  const sync = xl.syncs.find((s) => s.ops.filter((o) => o === "Range.values").length === 1000)!;
  const valuesAlone = JSON.stringify(Array.from({ length: 1000 }, (_, r) => [[r]])).length;
  expect(sync.requestBytes / 1000).toBeGreaterThan(400);
  expect(sync.requestBytes).toBeGreaterThan(valuesAlone * 20);
  // Some 11,500 such cells cross Excel on the web's 5 MB.
  expect((sync.requestBytes / 1000) * 12_000).toBeGreaterThan(PAYLOAD_LIMIT);
});

test("a very hidden sheet cannot be deleted (InvalidOperation); hidden first, it can; the last visible sheet cannot", async () => {
  xl = installExcelStandin();
  xl.model.addSheet("Secret").visibility = "VeryHidden";
  await expect(
    Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Secret").delete();
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: "InvalidOperation" });
  expect(xl.model.sheet("Secret")).toBeDefined();
  await Excel.run(async (ctx) => {
    const s = ctx.workbook.worksheets.getItem("Secret");
    s.visibility = Excel.SheetVisibility.hidden;
    s.delete();
    await ctx.sync();
  });
  expect(xl.model.sheet("Secret")).toBeUndefined();
  await expect(
    Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").delete();
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: "InvalidOperation" });
});

async function table(at = "Sheet1!A1:B4") {
  xl.put("Sheet1!A1", [["Kode", "Jumlah"], ["a", 1], ["b", 2], ["c", 3]]);
  await Excel.run(async (ctx) => {
    ctx.workbook.tables.add(at, true).name = "T";
    await ctx.sync();
  });
}

test("a totals row belongs to the table's range, not to its data body", async () => {
  xl = installExcelStandin();
  await table();
  xl.addTotalsRow("T", 1);
  const got = await Excel.run(async (ctx) => {
    const t = ctx.workbook.tables.getItem("T");
    const all = t.getRange();
    const body = t.getDataBodyRange();
    all.load("address");
    body.load("address,values");
    t.load("showTotals");
    await ctx.sync();
    return { all: all.address, body: body.address, values: body.values, totals: t.showTotals };
  });
  expect(got).toEqual({ all: "Sheet1!A1:B5", body: "Sheet1!A2:B4", values: [["a", 1], ["b", 2], ["c", 3]], totals: true });
});

test("a filtered table refuses shifted cells and writes into its body (FilteredRangeConflict) until its filters are cleared", async () => {
  xl = installExcelStandin();
  await table();
  xl.filterTable("T", 0, ["a"]);
  const shift = () =>
    Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A3:B3").insert(Excel.InsertShiftDirection.down);
      await ctx.sync();
    });
  await expect(shift()).rejects.toMatchObject({ code: "FilteredRangeConflict" });
  await expect(
    Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("B2").values = [[9]];
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: "FilteredRangeConflict" });
  const criteria = await Excel.run(async (ctx) => {
    const t = ctx.workbook.tables.getItem("T");
    const f = t.columns.getItemAt(0).filter;
    f.load("criteria");
    const auto = t.autoFilter;
    auto.load("isDataFiltered");
    await ctx.sync();
    const was = { criteria: f.criteria, filtered: auto.isDataFiltered };
    t.clearFilters();
    await ctx.sync();
    return was;
  });
  expect(criteria).toEqual({ criteria: { filterOn: "Values", values: ["a"] }, filtered: true });
  await shift();
  expect(xl.model.tables[0]!.box.rows).toBe(5);
});

test("inserting rows inside a table across its width makes it grow; a table the shift only partly covers blocks it", async () => {
  xl = installExcelStandin();
  await table();
  await Excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("Sheet1").getRange("A3:B4").insert(Excel.InsertShiftDirection.down);
    await ctx.sync();
  });
  expect(xl.model.tables[0]!.box.rows).toBe(6);
  await expect(
    Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("B3:C3").insert(Excel.InsertShiftDirection.down);
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: "InsertDeleteConflict" });
});

test("while the user edits a cell, a batch fails — unless it asked delayForCellEdit, which waits for the edit to end", async () => {
  xl = installExcelStandin();
  xl.startCellEdit();
  const write = (v: number) => async (ctx: Excel.RequestContext) => {
    ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[v]];
    await ctx.sync();
  };
  await expect(Excel.run(write(1))).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
  let done = false;
  const delayed = Excel.run({ delayForCellEdit: true }, write(2)).then(() => (done = true));
  await new Promise((r) => setTimeout(r, 20));
  expect(done).toBe(false);
  xl.endCellEdit();
  await delayed;
  expect(xl.values("Sheet1!A1")).toEqual([[2]]);
});

test("a formula written into a Text cell stays text, and so does an apostrophe", async () => {
  xl = installExcelStandin();
  await Excel.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B1");
    r.numberFormat = [["@", "General"]];
    r.formulas = [["=DATE(1904,1,1)", "=DATE(1904,1,1)"]];
    ctx.workbook.worksheets.getItem("Sheet1").getRange("C1:D1").numberFormat = [["@", "General"]];
    ctx.workbook.worksheets.getItem("Sheet1").getRange("C1:D1").values = [["'x", "'x"]];
    await ctx.sync();
  });
  expect(xl.values("Sheet1!A1:D1")).toEqual([["=DATE(1904,1,1)", 1462, "'x", "x"]]);
});

test("a selection of several areas: getSelectedRange throws, getSelectedRanges gives them", async () => {
  xl = installExcelStandin();
  xl.select("Sheet1!A1:B2,D4");
  await expect(
    Excel.run(async (ctx) => {
      ctx.workbook.getSelectedRange().load("address");
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: "InvalidSelection" });
  const areas = await Excel.run(async (ctx) => {
    const a = ctx.workbook.getSelectedRanges();
    a.load("areaCount,address");
    await ctx.sync();
    return [a.areaCount, a.address];
  });
  expect(areas).toEqual([2, "Sheet1!A1:B2,Sheet1!D4"]);
});

test("an unquoted sheet name that reads as a cell reference is not an address (TW1 is column TW, row 1)", async () => {
  xl = installExcelStandin({ sheets: ["TW1"] });
  const at = (address: string) =>
    Excel.run(async (ctx) => {
      ctx.workbook.tables.add(address, true);
      await ctx.sync();
    });
  await expect(at("TW1!A1:B3")).rejects.toMatchObject({ code: "InvalidArgument" });
  await at("'TW1'!A1:B3");
  expect(xl.model.tables).toHaveLength(1);
});

test("concurrent runs interleave their batches (two refreshes at once really do meet)", async () => {
  xl = installExcelStandin();
  const run = () =>
    Excel.run(async (ctx) => {
      for (let i = 0; i < 3; i++) {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").load("values");
        await ctx.sync();
      }
    });
  await Promise.all([run(), run()]);
  const order = xl.syncs.filter((s) => s.ops.includes("Range.load")).map((s) => s.run);
  expect(order).toEqual([1, 2, 1, 2, 1, 2]);
});

test("a ribbon command that has not completed its event after 5 minutes is cut off (on the test's clock)", async () => {
  const office = installOfficeStandin();
  try {
    jest.useFakeTimers();
    Office.actions.associate("slow", () => new Promise<void>(() => undefined));
    Office.actions.associate("quick", (event: Office.AddinCommands.Event) => {
      event.completed();
      return new Promise<void>(() => undefined);
    });
    const slow = office.click("slow");
    const quick = office.click("quick");
    await jest.advanceTimersByTimeAsync(5 * 60 * 1000 + 1);
    await expect(slow).resolves.toEqual({ registered: true, completed: false, timedOut: true });
    await expect(quick).resolves.toEqual({ registered: true, completed: true });
  } finally {
    jest.useRealTimers();
    office.uninstall();
  }
});
