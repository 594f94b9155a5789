/**
 * The ribbon's refresh commands against the two stand-ins — Office (test/support/office-standin.ts) and
 * Excel (test/support/excel-standin/), as Excel itself cannot run here: registered under the manifest's
 * names as soon as the module loads (a cold start's click comes before Office.onReady), they forget the
 * store's data, calculate this workbook's sheets only (never `application.calculate`, which recalculates
 * every open workbook), re-enter OMSPAN cells showing an error (office-js 4502), and always complete the
 * event — even when Excel fails.
 */
import { installExcelStandin, type ExcelStandin } from "../support/excel-standin";
import { installOfficeStandin, type OfficeStandin, type OfficeStandinOptions } from "../support/office-standin";

let xl: ExcelStandin;
let office: OfficeStandin | undefined;
let answer: number | string = 7;

async function load(options: OfficeStandinOptions = {}) {
  xl = installExcelStandin({ sheets: ["Data", "Lain"], evaluate: (f) => (/OMSPAN\./i.test(f) ? answer : undefined) });
  xl.put("Data!A1", [['=OMSPAN.REALISASI("600001";"52")', "=SUM(A1:A3)", 5], ["=omspan.realisasi(A1)", "", ""]]);
  xl.put("Lain!A1", [['=OMSPAN.REALISASI("")']]);
  office = installOfficeStandin({ displayLanguage: "id-ID", ...options });
  let shared!: typeof import("../../src/shared-runtime");
  let commands!: typeof import("../../src/commands/commands");
  jest.isolateModules(() => {
    shared = require("../../src/shared-runtime");
    commands = require("../../src/commands/commands");
  });
  await new Promise((r) => setTimeout(r, 0));
  return { office, session: shared.session, commands };
}

const opsOf = () => xl.syncs.flatMap((s) => s.ops);

afterEach(() => {
  xl?.uninstall();
  office?.uninstall();
  office = undefined;
  answer = 7;
});

test("the manifest's ExecuteFunction names are registered", async () => {
  const { office } = await load();
  expect([...office.actions.keys()].sort()).toEqual(["refreshSheet", "refreshWorkbook"]);
});

test("a cold start: the click that arrives before Office.onReady is not lost, and runs once Office is ready", async () => {
  const { office } = await load({ ready: "manual" });
  expect([...office.actions.keys()].sort()).toEqual(["refreshSheet", "refreshWorkbook"]);
  const click = office.click("refreshWorkbook");
  await new Promise((r) => setTimeout(r, 10));
  expect(xl.runs).toBe(0); // Excel.run waits for onReady
  office.ready();
  await expect(click).resolves.toEqual({ registered: true, completed: true });
  expect(opsOf()).toContain("Worksheet.calculate");
});

test("Refresh workbook forgets cached data, calculates this workbook's sheets only and counts OMSPAN cells", async () => {
  const { office, session, commands } = await load();
  const order: string[] = [];
  session.store.subscribe(() => order.push("invalidated"));
  await expect(office.click("refreshWorkbook")).resolves.toEqual({ registered: true, completed: true });
  expect(order[0]).toBe("invalidated");
  expect(opsOf().filter((o) => o === "Worksheet.calculate")).toHaveLength(2);
  expect(opsOf()).not.toContain("Application.calculate");
  const summary = await commands.refresh("workbook");
  expect(summary.formulas.cells).toBe(3);
  expect(summary.tables).toEqual([]);
});

test("Refresh sheet calculates the active sheet only", async () => {
  const { commands } = await load();
  const summary = await commands.refresh("sheet");
  expect(summary.formulas.cells).toBe(2);
  expect(opsOf().filter((o) => o === "Worksheet.calculate")).toHaveLength(1);
});

test("OMSPAN cells left showing #N/A by an outage re-run on refresh (a recalculation alone skips them)", async () => {
  answer = "#N/A";
  const { commands } = await load();
  expect(xl.values("Data!A1:A2")).toEqual([["#N/A"], ["#N/A"]]);
  answer = 1234;
  await Excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("Data").calculate(true);
    await ctx.sync();
  });
  expect(xl.values("Data!A1:A2")).toEqual([["#N/A"], ["#N/A"]]);
  const summary = await commands.refresh("workbook");
  expect(summary.formulas.rerun).toBe(3);
  expect(xl.values("Data!A1:A2")).toEqual([[1234], [1234]]);
  expect(xl.values("Lain!A1")).toEqual([[1234]]);
  expect(summary.formulas.changes.map((c) => [c.address, c.before, c.after])).toEqual([
    ["Data!A1", "#N/A", 1234],
    ["Data!A2", "#N/A", 1234],
    ["Lain!A1", "#N/A", 1234],
  ]);
});

test("when Excel fails, the event is still completed (the button never spins forever)", async () => {
  const { office } = await load();
  xl.failWhen(() => true);
  const error = jest.spyOn(console, "error").mockImplementation(() => undefined);
  await expect(office.click("refreshWorkbook")).resolves.toEqual({ registered: true, completed: true });
  expect(error).toHaveBeenCalled();
  error.mockRestore();
});
