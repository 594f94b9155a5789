/**
 * The freeze kept in the workbook (issue 20), on the two stand-ins: the keeper writes the pin into the
 * registry sheet at H:M and clears it again; a refresh rewriting the registry (A:F) keeps it, and so does
 * the date-system probe (now at O1, still set to General first); the shared runtime, loading into a
 * workbook that holds a pin, makes the cells wait for it and freezes its store to it once Office is ready.
 */
import { insertTable, refreshWorkbook } from "../../src/excel/omspan-tables";
import { PROBE_CELL, REGISTRY_SHEET, detectDateSystem, readPin, readRegistry } from "../../src/excel/hidden-sheets";
import { excelPinKeeper } from "../../src/excel/pin-keeper";
import { parsePinRows, type Pin } from "../../src/omspan/snapshots/pin";
import { bigRealisasi } from "../support/big-realisasi";
import { installExcelStandin, type ExcelStandin } from "../support/excel-standin";
import { installOfficeStandin, type OfficeStandin } from "../support/office-standin";
import { tableDeps } from "../support/tables";

let xl: ExcelStandin;
let office: OfficeStandin | undefined;
afterEach(() => {
  xl?.uninstall();
  office?.uninstall();
  office = undefined;
});

const pin: Pin = {
  version: 1,
  frozenAt: "2026-12-02T10:00:00.000Z",
  entries: [
    { dataset: "realisasi", params: {}, snapshotId: "a".repeat(32), fetchedAt: "2026-12-02T09:04:00.000Z", maxDate: 20_790 },
    { dataset: "dipa", params: {}, snapshotId: "b".repeat(32), fetchedAt: "2026-12-02T09:05:00.000Z" },
  ],
};

/** A store whose every pull answers one fixed Realisasi (no network). */
function fixedDeps() {
  const data = bigRealisasi(50);
  const deps = tableDeps(() => ({ baseUrl: "http://127.0.0.1:9/", key: "k" }), "en");
  jest.spyOn(deps.store, "get").mockImplementation(async () => data);
  return deps;
}

test("the keeper writes the pin at H:M of the registry sheet as text and clears it; the registry and the probe leave it alone", async () => {
  xl = installExcelStandin({ sheets: ["Laporan"] });
  const deps = fixedDeps();
  await insertTable(deps, { query: { version: 1, dataset: "realisasi", lang: "en" }, at: "Laporan!A1" });
  await excelPinKeeper.save(pin);
  const sheet = xl.model.sheet(REGISTRY_SHEET)!;
  expect(sheet.get(0, 7)).toMatchObject({ v: "omspan-pin", nf: "@" });
  expect(await Excel.run((ctx) => readPin(ctx))).toEqual({ pin, problems: [] });
  // The registry is rewritten (an insert) and the date system probed: the pin is still whole.
  await insertTable(deps, { query: { version: 1, dataset: "realisasi", lang: "en" }, at: "Laporan!T1" });
  await Excel.run((ctx) => detectDateSystem(ctx));
  expect((await Excel.run((ctx) => readRegistry(ctx))).entries).toHaveLength(2);
  expect(parsePinRows(xl.values(`${REGISTRY_SHEET}!H1:M3`)).pin).toEqual(pin);
  // A frozen workbook refuses its refresh.
  await expect(refreshWorkbook(deps)).rejects.toMatchObject({ name: "FrozenError" });
  await excelPinKeeper.save(null);
  expect(await Excel.run((ctx) => readPin(ctx))).toEqual({ problems: [] });
  expect((await Excel.run((ctx) => readRegistry(ctx))).entries).toHaveLength(2);
  expect((await refreshWorkbook(deps)).tables.map((t) => t.status)).toEqual(["refreshed", "refreshed"]);
});

test("the probe cell (O1) left formatted as Text still tells the date system", async () => {
  xl = installExcelStandin({ sheets: ["Laporan"], date1904: true });
  xl.model.addSheet(REGISTRY_SHEET).visibility = "VeryHidden";
  await Excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem(REGISTRY_SHEET).getRange(PROBE_CELL).numberFormat = [["@"]];
    await ctx.sync();
  });
  expect(PROBE_CELL).toBe("O1");
  expect(await Excel.run((ctx) => detectDateSystem(ctx))).toBe(1904);
});

test("the shared runtime reads a workbook's pin once Office is ready: the store is frozen to it, and cells waited for it", async () => {
  xl = installExcelStandin({ sheets: ["Laporan"] });
  xl.model.addSheet(REGISTRY_SHEET).visibility = "VeryHidden";
  await Excel.run(async (ctx) => {
    const range = ctx.workbook.worksheets.getItem(REGISTRY_SHEET).getRange("H1:M3");
    range.numberFormat = [0, 1, 2].map(() => new Array(6).fill("@"));
    range.values = [
      ["omspan-pin", "1", pin.frozenAt, "", "", ""],
      ["realisasi", "{}", "a".repeat(32), "2026-12-02T09:04:00.000Z", "20790", ""],
      ["dipa", "{}", "b".repeat(32), "2026-12-02T09:05:00.000Z", "", ""],
    ];
    await ctx.sync();
  });
  office = installOfficeStandin({ ready: "manual" });
  let shared!: typeof import("../../src/shared-runtime");
  jest.isolateModules(() => {
    shared = require("../../src/shared-runtime");
  });
  // Loaded, Office not ready yet: a cell must wait rather than answer from the newest snapshot.
  expect(shared.session.workbookPending()).toBe(true);
  office.ready();
  await shared.session.workbookReady();
  expect(shared.session.workbookPending()).toBe(false);
  expect(shared.session.store.pin()).toEqual(pin);
  expect(() => shared.session.store.assertNotFrozen()).toThrow(/frozen/);
});

test("a workbook without a pin: the wait ends once the registry was read, nothing is frozen", async () => {
  xl = installExcelStandin({ sheets: ["Laporan"] });
  office = installOfficeStandin();
  let shared!: typeof import("../../src/shared-runtime");
  jest.isolateModules(() => {
    shared = require("../../src/shared-runtime");
  });
  await shared.session.workbookReady();
  expect(shared.session.workbookPending()).toBe(false);
  expect(shared.session.store.isFrozen()).toBe(false);
});
