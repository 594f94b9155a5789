/**
 * The ribbon's refresh commands against the Excel stand-in (Excel itself cannot run here): registered
 * under the manifest's names, they forget the store's data, calculate this workbook's sheets only (never
 * `application.calculate`, which recalculates every open workbook), re-enter OMSPAN cells showing an
 * error (office-js 4502), and always complete the event — even when Excel fails.
 */
import { installExcelStandin, type ExcelStandin } from "../support/excel-standin";

type Handler = (event: { completed: () => void }) => Promise<void>;

let xl: ExcelStandin;
let answer: number | string = 7;

/** The Office global the commands module registers with (the ribbon side; Excel is the stand-in). */
function installOffice(): Record<string, Handler> {
  const registry: Record<string, Handler> = {};
  Object.assign(globalThis, {
    Office: {
      onReady: () => Promise.resolve({ host: "Excel" }),
      actions: { associate: (name: string, fn: Handler) => (registry[name] = fn) },
      context: { displayLanguage: "id-ID" },
    },
  });
  return registry;
}

async function load() {
  xl = installExcelStandin({ sheets: ["Data", "Lain"], evaluate: (f) => (/OMSPAN\./i.test(f) ? answer : undefined) });
  xl.put("Data!A1", [['=OMSPAN.REALISASI("600001";"52")', "=SUM(A1:A3)", 5], ["=omspan.realisasi(A1)", "", ""]]);
  xl.put("Lain!A1", [['=OMSPAN.REALISASI("")']]);
  const registry = installOffice();
  let shared!: typeof import("../../src/shared-runtime");
  let commands!: typeof import("../../src/commands/commands");
  jest.isolateModules(() => {
    shared = require("../../src/shared-runtime");
    commands = require("../../src/commands/commands");
  });
  await new Promise((r) => setTimeout(r, 0));
  return { registry, session: shared.session, commands };
}

const opsOf = () => xl.syncs.flatMap((s) => s.ops);

afterEach(() => {
  xl?.uninstall();
  delete (globalThis as Record<string, unknown>).Office;
  answer = 7;
});

test("the manifest's ExecuteFunction names are registered", async () => {
  const { registry } = await load();
  expect(Object.keys(registry).sort()).toEqual(["refreshSheet", "refreshWorkbook"]);
});

test("Refresh workbook forgets cached data, calculates this workbook's sheets only and counts OMSPAN cells", async () => {
  const { registry, session, commands } = await load();
  const order: string[] = [];
  session.store.subscribe(() => order.push("invalidated"));
  const completed = jest.fn();
  await registry.refreshWorkbook!({ completed });
  expect(order[0]).toBe("invalidated");
  expect(completed).toHaveBeenCalledTimes(1);
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
  const { registry } = await load();
  xl.failWhen(() => true);
  const completed = jest.fn();
  const error = jest.spyOn(console, "error").mockImplementation(() => undefined);
  await registry.refreshWorkbook!({ completed });
  expect(completed).toHaveBeenCalledTimes(1);
  expect(error).toHaveBeenCalled();
  error.mockRestore();
});
