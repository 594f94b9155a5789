/**
 * The Rumus view's Excel adapters against the one Excel stand-in, and its value preview against the real
 * simulator and server: the preview is the catalogue's own value, and the formula the pane inserts into
 * the active cell evaluates (as a cell) to that same value.
 */
import { insertFormulaAtActiveCell, readSelection } from "../../src/excel/active-cell";
import { excelListSeparator } from "../../src/excel/list-separator";
import { evaluateFormula, formulaSpec } from "../../src/omspan/formulas";
import { Store } from "../../src/omspan/store/store";
import { builtFormula, type BuilderArg } from "../../src/taskpane/formulas/builder-args";
import { previewFormulaValue } from "../../src/taskpane/formulas/preview-value";
import { NotConnectedError } from "../../src/omspan/errors";
import { installExcelStandin, type ExcelStandin } from "../support/excel-standin";
import { omspanEvaluator } from "../support/omspan-evaluator";
import { startStack, type Stack } from "../support/stack";

let stack: Stack;
let xl: ExcelStandin | undefined;
beforeAll(async () => void (stack = await startStack()));
afterAll(() => stack?.close());
afterEach(() => xl?.uninstall());

const conn = () => ({ baseUrl: stack.proxyBase, key: stack.key });
const text = (t: string): BuilderArg => ({ kind: "text", text: t });

test("the value preview is the catalogue's value for the same arguments, from one pull through the store", async () => {
  const store = new Store();
  const deps = { store, connection: conn };
  const value = await previewFormulaValue(deps, "REALISASI", ["600001", "52"]);
  expect(typeof value).toBe("number");
  const held = await store.get(conn(), "realisasi");
  expect(value).toBe(evaluateFormula(formulaSpec("REALISASI"), ["600001", "52"], held));
  expect(value).not.toBe(0);
  expect(store.pulls).toBe(1);
  // A second preview reads the same pull (as the cells do).
  await previewFormulaValue(deps, "PAGU", ["600001", "52"]);
  await previewFormulaValue(deps, "REALISASI.BULAN", ["600001", "52", "3"]);
  expect(store.pulls).toBe(2);
});

test("without a connection the preview says so (NotConnectedError), before any pull", async () => {
  const store = new Store();
  await expect(previewFormulaValue({ store, connection: () => { throw new NotConnectedError(); } }, "PAGU", ["600001"])).rejects.toBeInstanceOf(NotConnectedError);
  expect(store.pulls).toBe(0);
});

test("the formula inserted into the active cell is the builder's, and the cell answers the previewed value", async () => {
  const store = new Store();
  xl = installExcelStandin({ sheets: ["Laporan"], evaluate: omspanEvaluator(store, conn) });
  xl.select("Laporan!C4:D6", "Laporan!D5");
  const args = [text("600001"), text("52"), text(""), text(""), text("")];
  const formula = builtFormula("REALISASI", args, ",");
  expect(formula).toBe('=OMSPAN.REALISASI("600001", "52")');
  const address = await insertFormulaAtActiveCell(formula);
  expect(address).toBe("Laporan!D5");
  await xl.model.settle();
  const preview = await previewFormulaValue({ store, connection: conn }, "REALISASI", ["600001", "52"]);
  expect(xl.values("Laporan!D5")).toEqual([[preview]]);
  expect(xl.model.sheet("Laporan")!.get(4, 3)?.f).toBe(formula);
  // Nothing else was written.
  expect(xl.values("Laporan!C4:D6").flat().filter((v) => v !== "")).toHaveLength(1);
});

test("the selection is read with its sheet-qualified address and values", async () => {
  xl = installExcelStandin({ sheets: ["Data", "Laporan"] });
  xl.put("Laporan!B2", [["600001", "52"], ["600002", "53"]]);
  xl.select("Laporan!B2:C3");
  // Typed as a user types them: the codes became numbers, as Excel hands them over too.
  expect(await readSelection()).toEqual({ address: "Laporan!B2:C3", values: [[600001, 52], [600002, 53]] });
  xl.select("Laporan!B3");
  expect(await readSelection()).toEqual({ address: "Laporan!B3", values: [[600002]] });
});

test.each([
  [{ name: "id-ID", decimalSeparator: "," }, ";"],
  [{ name: "en-US", decimalSeparator: "." }, ","],
  // Excel's culture decides over its name: an English culture set to a comma decimal uses ";".
  [{ name: "en-GB", decimalSeparator: "," }, ";"],
] as const)("Excel's culture %j gives the list separator %s", async (culture, sep) => {
  xl = installExcelStandin({ culture });
  expect(await excelListSeparator()).toBe(sep);
});

test("when Excel's culture cannot be read, the fallback locale decides", async () => {
  xl = installExcelStandin();
  xl.failWhen(() => true);
  const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
  expect(await excelListSeparator("id-ID")).toBe(";");
  expect(warn).toHaveBeenCalled();
  warn.mockRestore();
});
