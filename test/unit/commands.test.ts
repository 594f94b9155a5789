/**
 * The ribbon's refresh commands against a stand-in for Office/Excel (Excel itself cannot run here):
 * they are registered under the manifest's names, forget the store's data, make Excel recalculate the
 * right scope, report the OMSPAN cells, and always complete the event — even when Excel fails.
 */
type Handler = (event: { completed: () => void }) => Promise<void>;

interface FakeExcel {
  calls: string[];
  fail: boolean;
}

function installOffice(fake: FakeExcel): Record<string, Handler> {
  const registry: Record<string, Handler> = {};
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
    Office: {
      onReady: () => Promise.resolve({ host: "Excel" }),
      actions: { associate: (name: string, fn: Handler) => (registry[name] = fn) },
    },
    Excel: {
      CalculationType: { full: "Full" },
      SpecialCellType: { formulas: "Formulas" },
      run: async (cb: (c: typeof context) => Promise<unknown>) => {
        if (fake.fail) throw new Error("Excel is busy");
        return cb(context);
      },
    },
  });
  return registry;
}

async function load(fake: FakeExcel) {
  const registry = installOffice(fake);
  let shared!: typeof import("../../src/shared-runtime");
  let commands!: typeof import("../../src/commands/commands");
  jest.isolateModules(() => {
    shared = require("../../src/shared-runtime");
    commands = require("../../src/commands/commands");
  });
  await new Promise((r) => setTimeout(r, 0));
  return { registry, session: shared.session, commands };
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Office;
  delete (globalThis as Record<string, unknown>).Excel;
});

test("the manifest's ExecuteFunction names are registered", async () => {
  const { registry } = await load({ calls: [], fail: false });
  expect(Object.keys(registry).sort()).toEqual(["refreshSheet", "refreshWorkbook"]);
});

test("Refresh workbook forgets cached data, then fully recalculates and counts OMSPAN cells", async () => {
  const fake = { calls: [] as string[], fail: false };
  const { registry, session, commands } = await load(fake);
  const order: string[] = [];
  session.store.subscribe(() => order.push("invalidated"));
  const completed = jest.fn();
  await registry.refreshWorkbook!({ completed });
  expect(order).toEqual(["invalidated"]);
  expect(fake.calls[0]).toBe("application.calculate(Full)");
  expect(completed).toHaveBeenCalledTimes(1);
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
  const { registry } = await load({ calls: [], fail: true });
  const completed = jest.fn();
  const error = jest.spyOn(console, "error").mockImplementation(() => undefined);
  await registry.refreshWorkbook!({ completed });
  expect(completed).toHaveBeenCalledTimes(1);
  expect(error).toHaveBeenCalled();
  error.mockRestore();
});
