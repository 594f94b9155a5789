/**
 * Finding OMSPAN formula cells on a large workbook without tripping Excel on the web's 5 MB answer
 * limit, a count that fails never failing the refresh, and the 1904 date system detected.
 */
import { refreshWorkbook } from "../../src/excel/omspan-tables";
import { detectDateSystem } from "../../src/excel/hidden-sheets";
import { Store } from "../../src/omspan/store/store";
import { installExcelStandin, type ExcelStandin } from "../support/excel-standin";

let xl: ExcelStandin;
afterEach(() => xl?.uninstall());

const deps = () => ({ store: new Store(), connection: () => ({ baseUrl: "http://127.0.0.1:9/", key: "unused" }), lang: () => "en" as const });
const CELLS = 30_000;
const filter = `program=${"05601WA,".repeat(25)}05601WA`;

let answer: number | string = 1;

function bigSheet() {
  xl = installExcelStandin({ sheets: ["Big"], evaluate: (f) => (f.startsWith("=OMSPAN.") ? answer : undefined) });
  const rows = Array.from({ length: CELLS / 3 }, () => Array.from({ length: 3 }, () => `=OMSPAN.REALISASI("600001";"52";;;"${filter}")`));
  xl.put("Big!A1", rows);
}

test("30,000 OMSPAN cells with long formulas (over 5 MB of formulas) are counted in bounded reads", async () => {
  bigSheet();
  // Loading every area's formulas at once — the old way — is more than Excel on the web answers.
  await expect(
    Excel.run(async (ctx) => {
      const areas = ctx.workbook.worksheets.getItem("Big").getUsedRangeOrNullObject().getSpecialCellsOrNullObject(Excel.SpecialCellType.formulas).areas;
      areas.load("items/formulas");
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
  const summary = await refreshWorkbook(deps());
  expect(summary.formulas.cells).toBe(CELLS);
  expect(xl.syncs.slice(1).every((s) => !s.error)).toBe(true);
});

test("after an outage, 30,000 OMSPAN cells showing #N/A are re-entered in batches under the request limit", async () => {
  answer = "#N/A";
  bigSheet();
  answer = 2;
  const summary = await refreshWorkbook(deps());
  answer = 1;
  expect(summary.formulas.rerun).toBe(CELLS);
  expect(xl.syncs.every((s) => !s.error)).toBe(true);
  expect(xl.values("Big!A1:C1")).toEqual([[2, 2, 2]]);
  expect(summary.formulas.changes).toHaveLength(CELLS);
});

test("a count that fails never fails the refresh: the sheets are still calculated", async () => {
  xl = installExcelStandin({ sheets: ["S"], evaluate: () => 1 });
  xl.put("S!A1", [['=OMSPAN.REALISASI("600001")']]);
  xl.failWhen(({ ops }) => ops.includes("RangeCollection.load"));
  const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
  const summary = await refreshWorkbook(deps());
  warn.mockRestore();
  expect(summary.formulas.cells).toBeUndefined();
  expect(xl.syncs.flatMap((s) => s.ops)).toContain("Worksheet.calculate");
});

test("the workbook's date system is detected (1904 for old Mac files)", async () => {
  for (const date1904 of [false, true]) {
    xl = installExcelStandin({ date1904 });
    await expect(Excel.run((ctx) => detectDateSystem(ctx))).resolves.toBe(date1904 ? 1904 : 1900);
    xl.uninstall();
  }
});
