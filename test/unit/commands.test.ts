/**
 * The ribbon's refresh commands against stand-ins for Office (test/support/office-standin.ts) and Excel
 * (Excel itself cannot run here): they are registered under the manifest's names as soon as the module
 * loads (a cold start's click comes before Office.onReady), forget the store's data, make Excel
 * recalculate the right scope, report the OMSPAN cells, and always complete the event — even when Excel fails.
 */
import { installOfficeStandin, type OfficeStandin, type OfficeStandinOptions } from "../support/office-standin";

interface FakeExcel {
  calls: string[];
  fail: boolean;
}

let office: OfficeStandin | undefined;

function installExcel(fake: FakeExcel): void {
  const sheet = (formulas: unknown[][]) => ({
    calculate: (markAllDirty: boolean) => fake.calls.push(`sheet.calculate(${markAllDirty})`),
    getRange: () => ({
      getSpecialCellsOrNullObject: (type: string) => {
        fake.calls.push(`specialCells(${type})`);
        return { isNullObject: false, load: () => undefined, areas: { load: () => undefined, items: [{ formulas }] } };
      },
    }),
  });
  const active = sheet([['=OMSPAN.REALISASI("600001";"52")', "=SUM(A1:A3)", 5], ["=omspan.realisasi(A1)", "", ""]]);
  const other = sheet([['=OMSPAN.REALISASI("")']]);
  const context = {
    sync: async () => undefined,
    workbook: {
      application: { calculate: (type: string) => fake.calls.push(`application.calculate(${type})`) },
      worksheets: { getActiveWorksheet: () => active, load: () => undefined, items: [active, other] },
    },
  };
  Object.assign(globalThis, {
    Excel: {
      CalculationType: { full: "Full" },
      SpecialCellType: { formulas: "Formulas" },
      run: async (cb: (c: typeof context) => Promise<unknown>) => {
        if (fake.fail) throw new Error("Excel is busy");
        return cb(context);
      },
    },
  });
}

async function load(fake: FakeExcel, options: OfficeStandinOptions = {}) {
  installExcel(fake);
  office = installOfficeStandin(options);
  let shared!: typeof import("../../src/shared-runtime");
  let commands!: typeof import("../../src/commands/commands");
  jest.isolateModules(() => {
    shared = require("../../src/shared-runtime");
    commands = require("../../src/commands/commands");
  });
  await new Promise((r) => setTimeout(r, 0));
  return { office, session: shared.session, commands };
}

afterEach(() => {
  office?.uninstall();
  office = undefined;
  delete (globalThis as Record<string, unknown>).Excel;
});

test("the manifest's ExecuteFunction names are registered", async () => {
  const { office } = await load({ calls: [], fail: false });
  expect([...office.actions.keys()].sort()).toEqual(["refreshSheet", "refreshWorkbook"]);
});

test("a cold start: the click that arrives before Office.onReady is not lost, and runs once Office is ready", async () => {
  const fake = { calls: [] as string[], fail: false };
  const { office } = await load(fake, { ready: "manual" });
  expect([...office.actions.keys()].sort()).toEqual(["refreshSheet", "refreshWorkbook"]);
  const click = office.click("refreshWorkbook");
  await new Promise((r) => setTimeout(r, 10));
  expect(fake.calls).toEqual([]); // Excel.run waits for onReady
  office.ready();
  await expect(click).resolves.toEqual({ registered: true, completed: true });
  expect(fake.calls[0]).toBe("application.calculate(Full)");
});

test("Refresh workbook forgets cached data, then fully recalculates and counts OMSPAN cells", async () => {
  const fake = { calls: [] as string[], fail: false };
  const { office, session, commands } = await load(fake);
  const order: string[] = [];
  session.store.subscribe(() => order.push("invalidated"));
  await expect(office.click("refreshWorkbook")).resolves.toEqual({ registered: true, completed: true });
  expect(order).toEqual(["invalidated"]);
  expect(fake.calls[0]).toBe("application.calculate(Full)");
  await expect(commands.refresh("workbook")).resolves.toEqual({ cells: 3 });
});

test("Refresh sheet recalculates the active sheet with every cell marked dirty", async () => {
  const fake = { calls: [] as string[], fail: false };
  const { commands } = await load(fake);
  await expect(commands.refresh("sheet")).resolves.toEqual({ cells: 2 });
  expect(fake.calls).toContain("sheet.calculate(true)");
  expect(fake.calls).not.toContain("application.calculate(Full)");
});

test("when Excel fails, the event is still completed (the button never spins forever)", async () => {
  const { office } = await load({ calls: [], fail: true });
  const error = jest.spyOn(console, "error").mockImplementation(() => undefined);
  await expect(office.click("refreshWorkbook")).resolves.toEqual({ registered: true, completed: true });
  expect(error).toHaveBeenCalled();
  error.mockRestore();
});
